import {
  ArgoStatus,
  CHECKLIST_IDS,
  ChecklistItem,
  DevTarget,
} from '@okteto-dev/plugin-okteto-dev-common';
import { item, repositoryItems } from './checklistRepository';
import {
  ChecklistSettings,
  checkedEnvVar,
  isChecked,
} from './checklistSettings';
import { secretsItem } from './deriveSecrets';
import { FetchedDevObjects } from './types';
import { findContainer, LocatedWorkloads } from './workloads';

function argoItems(
  argo: ArgoStatus,
  objects: FetchedDevObjects,
  application?: { destination?: string },
): ChecklistItem[] {
  const { target } = objects;
  const app = `${target.application.namespace}/${target.application.name}`;
  if (argo.state !== 'ok') {
    const [status, code, params] =
      argo.state === 'error'
        ? ([
            'unknown',
            'checkArgoAppUnreadable',
            { application: app, error: argo.error.message },
          ] as const)
        : (['fail', 'checkArgoAppMissing', { application: app }] as const);
    return [
      item('argo-application', status, code, params),
      ...(
        ['namespace-convention', 'self-heal-off', 'replicas-ignored'] as const
      ).map(id => item(id, 'unknown', code, params)),
    ];
  }
  const destination = application?.destination;
  let namespace: ChecklistItem;
  if (destination !== target.namespace) {
    namespace = item('namespace-convention', 'fail', 'checkNamespaceMismatch', {
      application: app,
      destination: destination ?? '(none)',
      namespace: target.namespace,
    });
  } else if (target.namespace !== objects.conventionNamespace) {
    namespace = item(
      'namespace-convention',
      'pass',
      'checkNamespaceOwnByAnnotation',
      {
        namespace: target.namespace,
        convention: objects.conventionNamespace,
      },
    );
  } else {
    namespace = item('namespace-convention', 'pass', 'checkNamespaceOwn', {
      namespace: target.namespace,
    });
  }
  const where = {
    application: app,
    file: target.applicationPath,
    ...(argo.applicationSet ? { applicationSet: argo.applicationSet } : {}),
  };
  const selfHeal = argo.selfHeal
    ? item(
        'self-heal-off',
        'fail',
        argo.applicationSet ? 'checkSelfHealOnAppSet' : 'checkSelfHealOn',
        where,
      )
    : item('self-heal-off', 'pass', 'checkSelfHealOff', { application: app });
  const guard = { ...where, workload: target.workload };
  let replicas: ChecklistItem;
  if (!argo.autoSync) {
    replicas = item(
      'replicas-ignored',
      'pass',
      'checkReplicasNoAutoSync',
      guard,
    );
  } else if (argo.replicasIgnored) {
    replicas = item('replicas-ignored', 'pass', 'checkReplicasIgnored', guard);
  } else if (argo.replicasIgnoredInDiff && !argo.applicationSet) {
    replicas = item(
      'replicas-ignored',
      'fail',
      'checkReplicasNotRespected',
      guard,
    );
  } else {
    replicas = item(
      'replicas-ignored',
      'fail',
      argo.applicationSet
        ? 'checkReplicasNotIgnoredAppSet'
        : 'checkReplicasNotIgnored',
      { ...guard, revision: argo.targetRevision ?? 'HEAD' },
    );
  }
  return [
    item('argo-application', 'pass', 'checkArgoAppExists', {
      application: app,
      sync: argo.sync,
      health: argo.health,
    }),
    namespace,
    selfHeal,
    replicas,
  ];
}

function workloadItems(
  objects: FetchedDevObjects,
  located: LocatedWorkloads,
  settings: ChecklistSettings | undefined,
): ChecklistItem[] {
  const { target, deployments } = objects;
  if (!deployments.ok || !located.original) {
    const [code, params] = !deployments.ok
      ? ([
          'checkWorkloadUnreadable',
          { error: deployments.error.message },
        ] as const)
      : ([
          'checkWorkloadMissing',
          {
            namespace: target.namespace,
            workload: target.workload,
            kind: target.workloadKind ?? 'Deployment',
          },
        ] as const);
    return [
      item('env-var', 'unknown', code, params),
      item('env-secret', 'unknown', code, params),
    ];
  }
  const container = findContainer(located.original, target.container);
  const containerName = container?.name ?? target.container;
  const { name, value } = checkedEnvVar(target, settings);
  const env = container?.env?.find(e => e.name === name);
  let envItem: ChecklistItem;
  if (env?.value === value) {
    envItem = item('env-var', 'pass', 'checkEnvVarSet', {
      name,
      value,
      container: containerName,
    });
  } else if (env) {
    envItem = item('env-var', 'fail', 'checkEnvVarWrong', {
      name,
      value,
      actual: env.value ?? '',
      file: target.valuesPath,
    });
  } else {
    envItem = item('env-var', 'fail', 'checkEnvVarMissing', {
      name,
      value,
      container: containerName,
      file: target.valuesPath,
    });
  }
  return [envItem, secretsItem(objects, located, located.original, settings)];
}

/**
 * The readiness checklist (the team's runbook §7, plus the `/spec/replicas` guard and `.stignore`),
 * in the order of `CHECKLIST_IDS`, without the items switched off in `oktetoDev.checklist`.
 */
export function deriveChecklist(
  argo: ArgoStatus,
  objects: FetchedDevObjects,
  located: LocatedWorkloads,
  target: Pick<DevTarget, 'workload' | 'devService'>,
  settings?: ChecklistSettings,
): ChecklistItem[] {
  const application = objects.application.ok
    ? objects.application.value
    : undefined;
  const items = [
    ...argoItems(argo, objects, {
      destination: application?.spec?.destination?.namespace,
    }),
    ...workloadItems(objects, located, settings),
    ...repositoryItems(
      objects.repo.devEntry,
      objects.repo.stignores,
      target,
      settings?.stignore.entries,
    ),
  ];
  return CHECKLIST_IDS.filter(id => isChecked(settings, id)).map(
    id => items.find(i => i.id === id)!,
  );
}
