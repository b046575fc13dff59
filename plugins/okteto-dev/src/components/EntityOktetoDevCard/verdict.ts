import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  ArgoStatus,
  DriftKind,
  OktetoStatus,
} from '@okteto-dev/plugin-okteto-dev-common';
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

/** The summary line: Argo CD's state, dev mode, and what the drift means. */
export function useVerdict(status: {
  argo: ArgoStatus;
  okteto: OktetoStatus;
  drift: { kind: DriftKind };
}): VerdictPart[] {
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const language = useLanguage();
  const duration = (seconds: number) => formatDuration(seconds, language);

  const argo = (): VerdictPart => {
    const { argo: a } = status;
    if (a.state === 'error')
      return { tone: 'error', label: t('summary.argoError') };
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

  const devMode = (): VerdictPart => {
    const { okteto } = status;
    switch (okteto.state) {
      case 'off':
        return { tone: 'off', label: t('summary.devOff') };
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
  return [argo(), devMode(), { tone: drift.tone, label: t(drift.key) }];
}
