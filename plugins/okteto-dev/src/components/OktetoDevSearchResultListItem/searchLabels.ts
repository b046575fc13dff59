import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  ARGO_HEALTH_STATUSES,
  ARGO_SYNC_STATUSES,
  DriftKind,
  OKTETO_STATE_SEARCH_VALUES,
} from '@okteto-dev/plugin-okteto-dev-common';
import { oktetoDevTranslationRef } from '../../translation';
import {
  HEALTH_TONES,
  SYNC_TONES,
  worstTone,
} from '../EntityOktetoDevCard/argoTones';
import { Tone } from '../EntityOktetoDevCard/StatusChip';
import { DRIFT_VERDICTS } from '../EntityOktetoDevCard/driftVerdicts';

/** Values the okteto-dev search fields take. */
export const SEARCH_VALUES = {
  oktetoState: ['active', 'inactive', 'broken', 'unknown'],
  argoSync: ARGO_SYNC_STATUSES,
  argoHealth: ARGO_HEALTH_STATUSES,
  driftKind: [
    'none',
    'expected-okteto',
    'conflict',
    'unexpected',
    'unknown',
  ] as const satisfies readonly DriftKind[],
} as const;

type Values<K extends keyof typeof SEARCH_VALUES> =
  (typeof SEARCH_VALUES)[K][number];

const STATE: Record<
  Values<'oktetoState'>,
  { tone: Tone; key: keyof typeof OKTETO_STATE_SEARCH_VALUES }
> = {
  [OKTETO_STATE_SEARCH_VALUES.on]: { tone: 'info', key: 'on' },
  [OKTETO_STATE_SEARCH_VALUES.off]: { tone: 'off', key: 'off' },
  [OKTETO_STATE_SEARCH_VALUES.broken]: { tone: 'error', key: 'broken' },
  [OKTETO_STATE_SEARCH_VALUES.unknown]: { tone: 'neutral', key: 'unknown' },
};

function isOneOf<K extends keyof typeof SEARCH_VALUES>(
  field: K,
  value: string,
): value is Values<K> {
  return (SEARCH_VALUES[field] as readonly string[]).includes(value);
}

/** The collator's values of `argoSync` and `argoHealth` without an Application to read. */
const ARGO_ABSENT: Record<
  string,
  { tone: Tone; key: 'summary.argoMissing' | 'summary.argoError' }
> = {
  Missing: { tone: 'error', key: 'summary.argoMissing' },
  unknown: { tone: 'warning', key: 'summary.argoError' },
};

/** Translated label and tone of each search field value; unknown values show as they are. */
export function useSearchLabels() {
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const fallback = (value: string) => ({
    tone: 'neutral' as Tone,
    label: value,
  });
  return {
    /**
     * Sync and health in one, as the card's summary line says them (OutOfSync that dev mode
     * explains is expected, not a warning).
     */
    argo: (sync: string, health: string, drift?: string) => {
      const absent = ARGO_ABSENT[sync];
      if (absent && sync === health) {
        return { tone: absent.tone, label: t(absent.key) };
      }
      let syncTone: Tone = isOneOf('argoSync', sync)
        ? SYNC_TONES[sync]
        : 'neutral';
      if (sync === 'OutOfSync' && drift === 'expected-okteto')
        syncTone = 'info';
      return {
        tone: worstTone(
          syncTone,
          isOneOf('argoHealth', health) ? HEALTH_TONES[health] : 'neutral',
        ),
        label: t('summary.argo', {
          sync: isOneOf('argoSync', sync) ? t(`argo.sync.${sync}`) : sync,
          health: isOneOf('argoHealth', health)
            ? t(`argo.health.${health}`)
            : health,
        }),
      };
    },
    argoSync: (value: string) =>
      isOneOf('argoSync', value)
        ? { tone: SYNC_TONES[value], label: t(`argo.sync.${value}`) }
        : fallback(value),
    argoHealth: (value: string) =>
      isOneOf('argoHealth', value)
        ? { tone: HEALTH_TONES[value], label: t(`argo.health.${value}`) }
        : fallback(value),
    oktetoState: (value: string) =>
      isOneOf('oktetoState', value)
        ? {
            tone: STATE[value].tone,
            label: t(`search.state.${STATE[value].key}`),
          }
        : fallback(value),
    driftKind: (value: string) =>
      isOneOf('driftKind', value)
        ? {
            tone: DRIFT_VERDICTS[value].tone,
            label: t(DRIFT_VERDICTS[value].key),
          }
        : fallback(value),
  };
}
