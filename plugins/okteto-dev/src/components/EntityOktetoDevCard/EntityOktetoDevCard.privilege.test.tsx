import { DevError } from '@okteto-dev/plugin-okteto-dev-common';
import { screen } from '@testing-library/react';
import {
  expandSection,
  readProblems,
  renderStatus,
  renderStatusInRussian,
} from '../../__testUtils__/renderCard';
import { makeChecklist, makeStatus, NAMESPACE } from '../../testing/fixtures';

/** A refused LIST as the backend answers it (kube/errors.ts), the permission parsed out. */
const refused: DevError = {
  type: 'forbidden',
  statusCode: 403,
  cluster: 'default',
  resource: `deployments in ${NAMESPACE}`,
  message: `deployments in ${NAMESPACE}: HTTP 403, missing permission: list deployments.apps in namespace "${NAMESPACE}"`,
  permission: {
    verb: 'list',
    resource: 'deployments',
    group: 'apps',
    namespace: NAMESPACE,
  },
};

describe('EntityOktetoDevCard: what it could not read, and why', () => {
  // the language chosen by one render is kept in localStorage
  beforeEach(() => localStorage.clear());

  it('names the missing permission of a refused read once: verb, resource, namespace', async () => {
    await renderStatus(
      makeStatus({
        workload: { state: 'error', error: refused },
        okteto: { state: 'error', error: refused },
        errors: [refused],
      }),
    );
    // one refused LIST left the workload and dev mode unread: one statement, in the card's words
    expect(readProblems()).toHaveTextContent(
      `Not everything could be readMissing permission: list deployments.apps in namespace ${NAMESPACE}`,
    );
    expect(screen.getAllByText(/list deployments\.apps/)).toHaveLength(1);
    expect(screen.queryByText(/HTTP 403/)).not.toBeInTheDocument();
    const workload = await expandSection('Workload');
    expect(
      workload.getByText('Not read: the reason is at the top of the card.'),
    ).toBeInTheDocument();
  });

  it('names the cluster of a refused read when it is not the dev target’s', async () => {
    await renderStatus(
      makeStatus({
        argo: {
          state: 'error',
          error: {
            ...refused,
            cluster: 'hub',
            resource: 'applications.argoproj.io in argo',
            permission: {
              verb: 'list',
              resource: 'applications',
              group: 'argoproj.io',
              namespace: 'argo',
            },
          },
        },
      }),
    );
    expect(readProblems()).toHaveTextContent(
      'Missing permission: list applications.argoproj.io in namespace argo (cluster hub)',
    );
  });

  it('names a Secret asked for by name, and a refusal across all namespaces', async () => {
    const secret: DevError = {
      ...refused,
      resource: `secret ${NAMESPACE}/web-corporate-dev-env (metadata)`,
      permission: {
        verb: 'get',
        resource: 'secrets',
        group: '',
        namespace: NAMESPACE,
        name: 'web-corporate-dev-env',
      },
    };
    const wide: DevError = {
      ...refused,
      resource: 'pods in all namespaces',
      permission: { verb: 'watch', resource: 'pods', group: '' },
    };
    await renderStatus(makeStatus({ errors: [secret, wide] }));
    expect(
      await screen.findByText(
        `Missing permission: get secrets web-corporate-dev-env in namespace ${NAMESPACE}`,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Missing permission: watch pods across all namespaces'),
    ).toBeInTheDocument();
  });

  it('in Russian too', async () => {
    await renderStatusInRussian(
      makeStatus({
        workload: { state: 'error', error: refused },
        okteto: { state: 'error', error: refused },
        errors: [refused],
      }),
    );
    expect(readProblems()).toHaveTextContent(
      `Не всё удалось прочитатьНе хватает права: list deployments.apps в namespace ${NAMESPACE}`,
    );
    // nothing of the backend's English message is left
    expect(readProblems()).not.toHaveTextContent(/missing permission|HTTP/);
    expect(
      screen.getByRole('button', { name: /^Рабочая нагрузка/ }),
    ).toHaveTextContent('Рабочая нагрузка не прочитано');
  });
});

describe('EntityOktetoDevCard: checklist items switched off in config', () => {
  it('counts only what was checked and names what was not', async () => {
    const checklist = makeChecklist().filter(
      i => i.id !== 'replicas-ignored' && i.id !== 'dev-image',
    );
    await renderStatus(
      makeStatus({
        checklist,
        checklistOff: ['replicas-ignored', 'dev-image'],
      }),
    );
    const section = await expandSection('Readiness checklist');
    expect(screen.getByText('7 of 7 passed')).toBeInTheDocument();
    expect(
      section.getByText(
        'Not checked (switched off in config): Syncs leave /spec/replicas alone, Dev image or dependency install',
      ),
    ).toBeInTheDocument();
  });
});
