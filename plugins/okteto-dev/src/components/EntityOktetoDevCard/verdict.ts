import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import { oktetoDevTranslationRef } from '../../translation';
import { HEALTH_TONES, SYNC_TONES, worstTone } from './argoTones';
import { DRIFT_VERDICTS } from './driftVerdicts';
import { Tone } from './StatusChip';
import { formatDuration, secondsSince, useLanguage } from './time';

/** One part of the summary line. */
export interface VerdictPart {
  tone: Tone;
  label: string;
}

/**
 * The parts in the order a reader should take them: what is wrong first (errors, then warnings),
 * the rest in their usual order (Argo CD, the workload, dev mode, drift).
 */
export function mostImportantFirst(parts: VerdictPart[]): VerdictPart[] {
  const rank = (part: VerdictPart) =>
    (({ error: 0, warning: 1 } as Partial<Record<Tone, number>>)[part.tone] ??
    2);
  // Array.prototype.sort is stable: parts of one rank keep their order
  return [...parts].sort((a, b) => rank(a) - rank(b));
}

/**
 * The summary line: Argo CD's state, the workload when Argo CD cannot tell its health, dev mode,
 * and what the drift means; what is wrong first.
 */
export function useVerdict(
  status: Pick<DevStatus, 'argo' | 'workload' | 'okteto' | 'drift'> & {
    checklist?: DevStatus['checklist'];
  },
): VerdictPart[] {
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const language = useLanguage();
  const duration = (seconds: number) => formatDuration(seconds, language);

  const argo = (): VerdictPart => {
    const { argo: a } = status;
    // not known, like dev mode that could not be read; why is said under the line
    if (a.state === 'error') {
      return { tone: 'warning', label: t('summary.argoError') };
    }
    if (a.state === 'not-found') {
      return { tone: 'error', label: t('summary.argoMissing') };
    }
    const extras: string[] = [];
    // OutOfSync that dev mode explains is expected, not a warning
    const syncTone =
      a.sync === 'OutOfSync' && status.drift.kind === 'expected-okteto'
        ? 'info'
        : SYNC_TONES[a.sync];
    let tone = worstTone(syncTone, HEALTH_TONES[a.health]);
    if (a.operation?.failed) {
      extras.push(t('summary.argoSyncFailed'));
      tone = 'error';
    }
    extras.push(...a.conditions.map(c => c.type));
    const notCompared = secondsSince(a.reconciledAt);
    if (a.reconcileStale && notCompared !== undefined) {
      extras.push(t('summary.argoNotCompared', { age: duration(notCompared) }));
    }
    if (extras.length > 0) tone = worstTone(tone, 'warning');
    return {
      tone,
      label: [
        t('summary.argo', {
          sync: t(`argo.sync.${a.sync}`),
          health: t(`argo.health.${a.health}`),
        }),
        ...extras,
      ].join(' · '),
    };
  };

  // without an Application nothing says whether the app runs: the workload does
  const workload = (): VerdictPart[] => {
    const { argo: a, workload: w } = status;
    if (a.state === 'ok' || w.state !== 'ok') return [];
    const reason = w.pods.find(pod => pod.reason)?.reason;
    if (!reason && (w.replicas === 0 || w.readyReplicas >= w.replicas)) {
      return [];
    }
    const ready = t('summary.workloadReady', {
      ready: String(w.readyReplicas),
      replicas: String(w.replicas),
    });
    return [
      {
        tone: reason ? 'error' : 'warning',
        label: reason ? `${ready} · ${reason}` : ready,
      },
    ];
  };

  const devMode = (): VerdictPart => {
    const { okteto } = status;
    switch (okteto.state) {
      case 'off':
        // no dev entry to start yet: the checklist's "Enable Okteto" says how
        return status.checklist?.some(
          item => item.id === 'dev-service' && item.status === 'fail',
        )
          ? { tone: 'off', label: t('summary.devNotSetUp') }
          : { tone: 'off', label: t('summary.devOff') };
      case 'broken':
        return { tone: 'error', label: t('summary.devBroken') };
      case 'error':
        return { tone: 'warning', label: t('summary.devUnknown') };
      default: {
        const who = okteto.user ?? t('summary.developerUnknown');
        const age = okteto.ageSeconds ?? secondsSince(okteto.since);
        if (age === undefined) {
          return { tone: 'info', label: t('summary.devOnNoAge', { who }) };
        }
        return okteto.abandoned
          ? {
              tone: 'warning',
              label: t('summary.devAbandoned', { who, age: duration(age) }),
            }
          : {
              tone: 'info',
              label: t('summary.devOn', { who, age: duration(age) }),
            };
      }
    }
  };

  const drift = DRIFT_VERDICTS[status.drift.kind] ?? DRIFT_VERDICTS.unknown;
  return mostImportantFirst([
    argo(),
    ...workload(),
    devMode(),
    { tone: drift.tone, label: t(drift.key) },
  ]);
}
