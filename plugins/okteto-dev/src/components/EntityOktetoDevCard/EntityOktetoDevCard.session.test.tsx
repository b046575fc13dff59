import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  expandSection,
  expectOpenSections,
  inSection,
  renderStatus,
  sectionButton,
  summaryParts,
  wholeText,
} from '../../__testUtils__/renderCard';
import { fixtures } from '../../testing/fixtures';

const OKTETO_DOWN =
  'okteto down web-corporate-dev --namespace web-corporate-dev';

/** `okteto down`, offered above the sections. */
const stopOffered = () =>
  screen.queryByRole('button', { name: 'Copy: Stop dev mode' });

describe('EntityOktetoDevCard: dev sessions', () => {
  it('dev mode on: says who is unknown and for how long, and claims nothing about the app', async () => {
    await renderStatus(fixtures.devModeOn);

    expect(summaryParts()).toEqual([
      'Argo CD: Out of sync · Healthy',
      'Dev mode on · developer unknown · 2 hours',
      'Drift expected from dev mode',
    ]);
    expect(stopOffered()).not.toBeInTheDocument();
    expectOpenSections(['Readiness checklist']);

    const okteto = await expandSection('Okteto');
    expect(
      okteto.getByText('sync mode, started 2 hours ago'),
    ).toBeInTheDocument();
    expect(
      okteto.getByText(
        'Developer unknown: on plain Kubernetes nothing in the cluster says who started dev mode.',
      ),
    ).toBeInTheDocument();
    expect(
      okteto.getByText('dev container running for 2 hours · restarts: 0'),
    ).toBeInTheDocument();
    expect(okteto.queryByText(/ready/)).not.toBeInTheDocument();
    expect(
      okteto.getByText(
        'The app process runs from the developer’s terminal over SSH: the cluster cannot see whether it runs.',
      ),
    ).toBeInTheDocument();

    const drift = await expandSection('Drift');
    expect(
      drift.getByText(
        'Expected: only web-corporate-dev-web-app differs from Git, because Okteto scaled it to 0 and runs the dev clone web-corporate-dev-web-app-okteto. It goes back to Synced after okteto down.',
      ),
    ).toBeInTheDocument();
  });

  it('collapses the checklist to the failures, the passed items behind a toggle', async () => {
    await renderStatus(fixtures.devModeOn);

    expect(
      screen.getByRole('button', { name: 'Readiness checklist 8 of 9 passed' }),
    ).toHaveAttribute('aria-expanded', 'true');
    const list = () =>
      within(screen.getByRole('list', { name: 'Readiness checklist' }));
    expect(list().getAllByRole('listitem')).toHaveLength(1);
    const failed = list().getByRole('listitem');
    expect(failed).toHaveTextContent(
      'Syncs leave /spec/replicas alone — Failed',
    );
    expect(failed).toHaveTextContent(
      'Add to deploy/argocd/apps/dev/corporate.yaml: ignoreDifferences [{group: apps, kind: Deployment, name: web-corporate-dev-web-app, jsonPointers: [/spec/replicas]}] and syncOptions [RespectIgnoreDifferences=true].',
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Show the passed items (8)' }),
    );
    const items = list().getAllByRole('listitem');
    expect(items).toHaveLength(9);
    expect(items[2]).toHaveTextContent(
      'SYNESTRA_ENV=dev — PassedSYNESTRA_ENV=dev is set on the app container.',
    );
  });

  it('conflict by automated sync: the conflict first, okteto down on top, the statement once', async () => {
    const status = fixtures.conflictAutoSync;
    await renderStatus(status);

    expect(summaryParts()).toEqual([
      'Conflict: both pods serve',
      'Argo CD: Synced · Healthy',
      'Dev mode on · developer unknown · 40 minutes',
    ]);
    expect(stopOffered()).toBeInTheDocument();
    expect(screen.getByText(wholeText(OKTETO_DOWN))).toBeInTheDocument();
    expectOpenSections(['Drift', 'Readiness checklist']);

    const alert = inSection('Drift').getByRole('alert');
    expect(alert).toHaveTextContent(status.drift.message);
    expect(screen.getAllByText(/both the original/)).toHaveLength(1);

    // the commands do not offer okteto down a second time
    const commands = await expandSection('Commands');
    expect(
      commands.queryByText(wholeText(OKTETO_DOWN)),
    ).not.toBeInTheDocument();
    expect(screen.getAllByText(wholeText(OKTETO_DOWN))).toHaveLength(1);
  });

  it('conflict by self-heal: names who and what to change', async () => {
    await renderStatus(fixtures.conflictSelfHeal);

    expect(summaryParts()).toEqual([
      'Conflict: both pods serve',
      'Argo CD: Synced · Healthy',
      'Dev mode on · bob · 5 minutes',
    ]);
    expect(inSection('Drift').getByRole('alert')).toHaveTextContent(
      'Self-heal on web-corporate-dev scaled the original back up. Turn selfHeal off for dev, then run okteto up again.',
    );
    expect(
      screen.getByRole('button', { name: 'Readiness checklist 7 of 9 passed' }),
    ).toHaveAttribute('aria-expanded', 'true');
    expect(
      screen.getByText(
        /Set syncPolicy\.automated\.selfHeal: false in deploy\/argocd\/apps\/dev\/corporate\.yaml\./,
      ),
    ).toBeInTheDocument();
    expect(stopOffered()).toBeInTheDocument();
  });

  it('abandoned session: says so first, once, and offers okteto down', async () => {
    await renderStatus(fixtures.abandoned);

    expect(summaryParts()).toEqual([
      'Dev mode on · alice · probably abandoned (2 days)',
      'Argo CD: Out of sync · Healthy',
      'Drift expected from dev mode',
    ]);
    expect(stopOffered()).toBeInTheDocument();
    // the summary line and okteto down say it all: the Okteto section is marked, not opened
    expectOpenSections(['Readiness checklist']);
    expect(
      sectionButton('Okteto').querySelector('[data-tone="warning"]'),
    ).not.toBeNull();
    const okteto = await expandSection('Okteto');
    expect(okteto.getByText('Developer: alice')).toBeInTheDocument();
    expect(screen.getAllByText(/abandoned|forgotten/)).toHaveLength(1);
  });

  it('broken, clone pruned under label tracking', async () => {
    await renderStatus(fixtures.brokenPruned);

    expect(summaryParts()).toEqual([
      'Dev mode broken',
      'Argo CD: Out of sync · Healthy',
      'Drift expected from dev mode',
    ]);
    expect(stopOffered()).toBeInTheDocument();
    expectOpenSections(['Okteto', 'Readiness checklist']);
    const problems = within(
      screen.getByRole('list', { name: 'Why dev mode is broken' }),
    ).getAllByRole('listitem');
    expect(problems.map(p => p.textContent)).toEqual([
      'web-corporate-dev-web-app is in dev mode (label dev.okteto.com) but its dev clone web-corporate-dev-web-app-okteto is gone: web-corporate-dev tracks resources by label, so the clone inherited the tracking label and automated sync with prune deleted it. Run okteto down to restore web-corporate-dev-web-app, or okteto up to recreate the clone.',
    ]);

    expect(
      screen.getByRole('button', {
        name: 'Workload Deployment web-corporate-dev-web-app: 0 of 0 replicas ready',
      }),
    ).toBeInTheDocument();
    const workload = await expandSection('Workload');
    expect(
      workload.getByText(
        'Argo CD tracks it by label: a dev clone inherits the label, so Argo CD counts the clone as extra.',
      ),
    ).toBeInTheDocument();
  });

  it('broken, the clone cannot create its pod (Pod Security)', async () => {
    await renderStatus(fixtures.brokenFailedCreate);

    expect(summaryParts()[0]).toBe('Dev mode broken');
    const okteto = inSection('Okteto');
    expect(
      okteto.getByText(
        /^The dev clone web-corporate-dev-web-app-okteto cannot create its pod \(FailedCreate\): pods ".*" is forbidden: violates PodSecurity "restricted:latest"/,
      ),
    ).toBeInTheDocument();
    expect(okteto.getByText('Started 4 minutes ago')).toBeInTheDocument();
    expect(stopOffered()).toBeInTheDocument();
  });

  it('broken, the dev volume is Pending', async () => {
    await renderStatus(fixtures.brokenPvcPending);

    const okteto = inSection('Okteto');
    expect(
      okteto.getByText(
        'The dev volume web-corporate-dev-okteto is Pending: no storage was provisioned for it, so the dev pod cannot start.',
      ),
    ).toBeInTheDocument();
    expect(okteto.getByText('Pending · restarts: 0')).toBeInTheDocument();
  });

  it('unexpected drift during dev mode names what dev mode did not cause', async () => {
    const status = fixtures.unexpectedDuringDevMode;
    await renderStatus(status);

    expect(summaryParts()).toEqual([
      'Argo CD: Out of sync · Healthy',
      'Drift not caused by dev mode',
      'Dev mode on · developer unknown · 1 hour',
    ]);
    expect(stopOffered()).not.toBeInTheDocument();
    expectOpenSections(['Drift', 'Readiness checklist']);
    const alert = inSection('Drift').getByRole('alert');
    expect(alert).toHaveTextContent(status.drift.message);
    expect(alert).toHaveTextContent(
      /not because of dev mode: ConfigMap web-corporate-dev-web-app-config \(the change to web-corporate-dev-web-app is dev mode’s\)/,
    );
  });

  it('interrupted session: a conflict and a broken dev mode, okteto down once', async () => {
    await renderStatus(fixtures.interrupted);

    expect(summaryParts()).toEqual([
      'Dev mode broken',
      'Conflict: both pods serve',
      'Argo CD: Synced · Healthy',
    ]);
    expectOpenSections(['Drift', 'Okteto']);
    expect(inSection('Drift').getByRole('alert')).toHaveTextContent(
      /Run okteto down to remove the clone\.$/,
    );
    expect(
      inSection('Okteto').getByText(
        'The dev clone web-corporate-dev-web-app-okteto runs next to web-corporate-dev-web-app, which is not marked for dev mode: an interrupted okteto up or okteto down.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getAllByRole('button', { name: 'Copy: Stop dev mode' }),
    ).toHaveLength(1);
  });
});
