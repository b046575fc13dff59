import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import {
  DEFAULT_DERIVE_OPTIONS,
  deriveDevStatus,
} from '../derive/deriveStatus';
import { fetched } from '../derive/testFixtures';
import { cardFingerprint } from './fingerprint';

describe('cardFingerprint', () => {
  const base = deriveDevStatus(fetched(), DEFAULT_DERIVE_OPTIONS);

  it('ignores what only gets older: fetchedAt, ages, restart counts, the live field', () => {
    const older: DevStatus = {
      ...base,
      fetchedAt: '2030-01-01T00:00:00.000Z',
      live: { mode: 'watch' },
      workload:
        base.workload.state === 'ok'
          ? {
              ...base.workload,
              pods: base.workload.pods.map(p => ({
                ...p,
                restarts: p.restarts + 3,
              })),
            }
          : base.workload,
    };
    expect(cardFingerprint(older)).toBe(cardFingerprint(base));
  });

  it('changes with what the card shows', () => {
    const changes: DevStatus[] = [
      {
        ...base,
        drift: { ...base.drift, kind: 'conflict', cause: 'self-heal' },
      },
      { ...base, okteto: { state: 'broken', problems: [] } },
      base.argo.state === 'ok'
        ? { ...base, argo: { ...base.argo, sync: 'OutOfSync' } }
        : base,
      base.argo.state === 'ok'
        ? { ...base, argo: { ...base.argo, revision: 'f00' } }
        : base,
      {
        ...base,
        checklist: base.checklist.map((c, i) =>
          i === 0 ? { ...c, status: 'fail' } : c,
        ),
      },
    ];
    for (const changed of changes) {
      expect(cardFingerprint(changed)).not.toBe(cardFingerprint(base));
    }
  });
});
