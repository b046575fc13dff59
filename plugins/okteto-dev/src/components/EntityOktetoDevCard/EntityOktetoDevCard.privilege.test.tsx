import { DevError } from '@okteto-dev/plugin-okteto-dev-common';
import { screen } from '@testing-library/react';
import {
  expandSection,
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

  it('names the missing permission of a refused read: verb, resource, namespace', async () => {
    await renderStatus(
      makeStatus({
        workload: { state: 'error', error: refused },
        okteto: { state: 'error', error: refused },
        errors: [refused],
      }),
    );
    const workload = await expandSection('Workload');
    expect(
      workload.getByText(
        `Missing permission: list deployments.apps in namespace ${NAMESPACE}`,
      ),
    ).toBeInTheDocument();
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
    expect(
      await screen.findAllByText(
        `Не хватает права: list deployments.apps в namespace ${NAMESPACE}`,
      ),
    ).not.toHaveLength(0);
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
