import { deriveDevStatus } from '../../derive/deriveStatus';
import {
  application,
  deployment,
  fetched,
  pod,
} from '../../derive/testFixtures';
import { notificationFor } from './DevNotifier';

/** A conflict: the original scaled back up next to Okteto's clone. */
const conflict = {
  deployments: {
    ok: true as const,
    value: [
      deployment({
        labels: { 'dev.okteto.com': 'true' },
        annotations: { 'dev.okteto.com/replicas': '1' },
      }),
      deployment({
        name: 'web-corporate-dev-web-app-okteto',
        labels: { 'dev.okteto.com/clone': 'uid-original' },
      }),
    ],
  },
  pods: {
    ok: true as const,
    value: [pod('web-corporate-dev-web-app-7d9c-abcde')],
  },
};

describe('notificationFor', () => {
  it('carries the status’s own okteto down command', () => {
    const status = deriveDevStatus(fetched(conflict));
    expect(notificationFor(status, 'conflict').description).toContain(
      'Stop dev mode: okteto down web-corporate-dev --namespace web-corporate-dev',
    );
  });

  it('offers no command when the target guard withholds it, and says why', () => {
    const status = deriveDevStatus(
      fetched({
        ...conflict,
        application: {
          ok: true,
          value: application({ destination: 'shop-production' }),
        },
      }),
    );
    const { description } = notificationFor(status, 'conflict');
    expect(description).not.toContain('okteto down web-');
    expect(description).not.toContain('Run okteto down');
    expect(description).toContain(
      'argo/web-corporate-dev deploys to namespace shop-production, not to the dev target web-corporate-dev',
    );
  });
});
