import {
  ArgoStatus,
  buildDevCommands,
  DevError,
  DevStatus,
  Drift,
  OktetoStatus,
} from '@okteto-dev/plugin-okteto-dev-common';
import { deriveArgo } from './deriveArgo';
import { deriveChecklist, lookupDevEntry } from './deriveChecklist';
import { deriveOkteto, deriveWorkload, findWorkloads } from './deriveWorkload';
import { FetchedDevObjects, Read } from './types';

/** What Argo CD's view of the app means while Okteto may be running on it. */
export function deriveDrift(argo: ArgoStatus, okteto: OktetoStatus): Drift {
  if (argo.state !== 'ok') {
    return {
      kind: 'unknown',
      message:
        argo.state === 'not-found'
          ? 'There is no Argo CD Application to compare with.'
          : 'The Argo CD Application could not be read.',
    };
  }
  const devMode = okteto.state === 'on' || okteto.state === 'broken';
  if (devMode && argo.selfHeal) {
    return {
      kind: 'self-heal-conflict',
      message:
        'Dev mode is on while the Application has selfHeal: true. Argo CD scales the original workload back up, so both the original pod and the dev pod serve the Service. Turn selfHeal off for dev or leave dev mode.',
    };
  }
  if (argo.sync === 'OutOfSync') {
    if (devMode) {
      return {
        kind: 'expected-okteto',
        message:
          'OutOfSync is expected: Okteto scaled the workload to 0 and runs a dev clone. It goes back to Synced after okteto down.',
      };
    }
    if (okteto.state === 'error') {
      return {
        kind: 'unknown',
        message:
          'The Application is OutOfSync and dev mode could not be read, so the cause is unknown.',
      };
    }
    return {
      kind: 'unexpected',
      message:
        'The Application is OutOfSync although nobody is in dev mode: the cluster differs from Git for another reason. Check the diff in Argo CD.',
    };
  }
  if (argo.sync === 'Unknown') {
    return {
      kind: 'unknown',
      message: 'Argo CD reports the sync status as Unknown.',
    };
  }
  return {
    kind: 'none',
    message: devMode
      ? 'Synced: Git does not declare what Okteto changed, so Argo CD sees no drift.'
      : 'The cluster matches Git.',
  };
}

function collectErrors(objects: FetchedDevObjects): DevError[] {
  const reads: Array<Read<unknown> | undefined> = [
    objects.application,
    objects.deployments,
    objects.pods,
    objects.secretNames,
  ];
  return reads.flatMap(read => (read && !read.ok ? [read.error] : []));
}

/**
 * The whole dev status of one entity from what was fetched for it. Pure: no I/O, no clock.
 */
export function deriveDevStatus(objects: FetchedDevObjects): DevStatus {
  const { target } = objects;
  const argo = deriveArgo(objects.application);
  const workload = deriveWorkload(objects.deployments, objects.pods, target);
  const okteto = deriveOkteto(objects.deployments, objects.pods, target);
  const original = objects.deployments.ok
    ? findWorkloads(objects.deployments.value, target).original
    : undefined;
  const lookup = lookupDevEntry(objects.manifest, original, target);
  return {
    entityRef: objects.entityRef,
    fetchedAt: objects.fetchedAt,
    target: {
      app: target.app,
      cluster: target.cluster,
      namespace: target.namespace,
      workload: target.workload,
      container: target.container,
      devService: lookup.state === 'found' ? lookup.name : target.devService,
      package: target.package,
      appDir: target.appDir,
      application: target.application,
    },
    argo,
    workload,
    okteto,
    drift: deriveDrift(argo, okteto),
    checklist: deriveChecklist(argo, objects, lookup),
    commands: buildDevCommands({
      devService: lookup.state === 'found' ? lookup.name : target.devService,
      namespace: target.namespace,
      package: target.package,
    }),
    errors: collectErrors(objects),
  };
}
