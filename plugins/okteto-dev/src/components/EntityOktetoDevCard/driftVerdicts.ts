import { DriftKind } from '@okteto-dev/plugin-okteto-dev-common';
import { Tone } from './StatusChip';

/** Key and tone of each drift verdict (also the search chips'). */
export const DRIFT_VERDICTS: Record<
  DriftKind,
  {
    tone: Tone;
    key:
      | 'drift.kind.none'
      | 'drift.kind.expectedOkteto'
      | 'drift.kind.conflict'
      | 'drift.kind.unexpected'
      | 'drift.kind.unknown';
  }
> = {
  none: { tone: 'ok', key: 'drift.kind.none' },
  'expected-okteto': { tone: 'info', key: 'drift.kind.expectedOkteto' },
  conflict: { tone: 'error', key: 'drift.kind.conflict' },
  unexpected: { tone: 'warning', key: 'drift.kind.unexpected' },
  unknown: { tone: 'neutral', key: 'drift.kind.unknown' },
};
