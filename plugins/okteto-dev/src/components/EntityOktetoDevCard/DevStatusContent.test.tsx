import { screen, within } from '@testing-library/react';
import { FakeOktetoDevApi, fixtures } from '../../testing/fixtures';
import { renderCard } from '../../__testUtils__/renderCard';

const section = (title: string) =>
  screen.getByRole('heading', { name: title }).closest('section')!;

describe('DevStatusContent states', () => {
  it('shows dev mode on with user, image, start time, dev pod and expected drift', async () => {
    await renderCard({
      api: new FakeOktetoDevApi({ status: fixtures.devModeOn }),
    });

    expect(
      await screen.findByText('Dev mode is on (sync)'),
    ).toBeInTheDocument();
    const okteto = within(section('Okteto'));
    expect(okteto.getByText('Developer: alice')).toBeInTheDocument();
    expect(
      okteto.getByText('Image: ghcr.io/synestra/web-dev:node22'),
    ).toBeInTheDocument();
    expect(okteto.getByText('started 12 minutes ago')).toBeInTheDocument();
    expect(
      okteto.getByText('web-corporate-dev-web-app-okteto-5c4b-xyz12'),
    ).toBeInTheDocument();
    expect(
      okteto.getByText('Running · ready · restarts: 1'),
    ).toBeInTheDocument();
    const drift = within(section('Drift'));
    expect(
      drift.getByText(/^Expected drift: Okteto dev mode/),
    ).toBeInTheDocument();
    expect(
      drift.getByText('web-corporate-dev-web-app scaled to 0 by Okteto.'),
    ).toBeInTheDocument();
  });

  it('warns about the self-heal conflict and fails the self-heal item', async () => {
    await renderCard({
      api: new FakeOktetoDevApi({ status: fixtures.selfHealConflict }),
    });

    const warning = await screen.findByText(/^Conflict: self-heal is on/);
    expect(warning).toHaveTextContent(
      'Argo CD scales the original workload back up while the dev pod runs, and both pods serve',
    );
    expect(warning.closest('[role="alert"]')).toBeInTheDocument();
    const item = within(
      screen.getByRole('list', { name: 'Readiness checklist' }),
    )
      .getAllByRole('listitem')
      .find(li => li.textContent?.includes('Self-heal off for dev'));
    expect(item).toHaveTextContent('Failed');
    expect(item).toHaveTextContent(
      /Set selfHeal: false in deploy\/argocd\/apps\/dev/,
    );
  });

  it('shows a degraded application and the crash-looping pod', async () => {
    await renderCard({
      api: new FakeOktetoDevApi({ status: fixtures.degraded }),
    });

    expect(await screen.findByText('Degraded')).toBeInTheDocument();
    expect(
      screen.getByText('Deployment has 0 of 1 ready replicas'),
    ).toBeInTheDocument();
    const workload = within(section('Workload'));
    expect(
      workload.getByText(
        'Deployment web-corporate-dev-web-app: 0 of 1 replicas ready',
      ),
    ).toBeInTheDocument();
    expect(
      workload.getByText(
        'Running · not ready · restarts: 17 · CrashLoopBackOff',
      ),
    ).toBeInTheDocument();
  });

  it('lists the problems of a broken dev mode', async () => {
    await renderCard({
      api: new FakeOktetoDevApi({ status: fixtures.broken }),
    });

    expect(await screen.findAllByText('Dev mode is broken')).not.toHaveLength(
      0,
    );
    const problems = within(
      screen.getByRole('list', { name: 'Dev mode is broken' }),
    ).getAllByRole('listitem');
    expect(problems.map(p => p.textContent)).toEqual([
      'web-corporate-dev-web-app is labelled dev.okteto.com=true but has no -okteto clone',
      'The original is at 0 replicas without dev.okteto.com/replicas',
    ]);
    expect(screen.getByText(/^Unexpected drift/)).toBeInTheDocument();
    expect(screen.getByText('replicas: 0 (Git: 1)')).toBeInTheDocument();
  });

  it('says when the Argo CD Application does not exist', async () => {
    await renderCard({
      api: new FakeOktetoDevApi({ status: fixtures.notFound }),
    });

    expect(
      await screen.findByText(
        'Argo CD Application argo/web-corporate-dev not found. Add it under deploy/argocd/apps/dev.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Workload not found in namespace web-corporate-dev.'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Synced')).not.toBeInTheDocument();
    expect(screen.getByText(/^Drift unknown/)).toBeInTheDocument();
  });
});
