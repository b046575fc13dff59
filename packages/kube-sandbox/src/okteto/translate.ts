import { deepClone } from '../patch';
import {
  CLONE_LABEL,
  DEPLOYMENT_REVISION_ANNOTATION,
  DETACHED_LABEL,
  DEV_LABEL,
  DEV_MODE_ANNOTATION,
  INTERACTIVE_LABEL,
  REPLICAS_ANNOTATION,
  RESTART_ANNOTATION,
  REVISION_ANNOTATION,
  STIGNORE_ANNOTATION,
  SYNC_ANNOTATION,
  TRANSLATION_ANNOTATION,
  VERSION_ANNOTATION,
} from './constants';
import { translatePodSpec } from './devContainer';
import {
  devAnnotations,
  DevSpec,
  manifestName,
  persistentVolumeEnabled,
  volumeLabelKey,
} from './devSpec';
import { cloneName, Deployment, devNameLabel } from './target';

/*
 * okteto pkg/k8s/apps/translate.go, deployments.go and statefulsets.go, for
 * the main dev of a Deployment or a StatefulSet: what the clone and the
 * original look like after `okteto up`, and the original after `okteto down`.
 */

type Meta = {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
};

const meta = (o: { metadata?: Meta } | Deployment) => {
  const m = (o.metadata ?? {}) as Meta;
  m.labels = m.labels ?? {};
  m.annotations = m.annotations ?? {};
  return m as Required<Meta>;
};

function templateMeta(d: Deployment): Required<Meta> {
  d.spec.template.metadata = d.spec.template.metadata ?? {};
  return meta(d.spec.template);
}

/** Drops maps left empty, so a round trip leaves no `{}` behind. */
function tidy(d: Deployment): void {
  for (const m of [d.metadata as Meta, d.spec.template.metadata ?? {}]) {
    if (m.labels && !Object.keys(m.labels).length) delete m.labels;
    if (m.annotations && !Object.keys(m.annotations).length) {
      delete m.annotations;
    }
  }
}

/** Replicas before dev mode (getPreviousAppReplicas, apps/utils.go). */
function previousReplicas(d: Deployment): number {
  const v = d.metadata.annotations?.[REPLICAS_ANNOTATION];
  if (v !== undefined) {
    const n = Number.parseInt(v, 10);
    return Number.isNaN(n) ? 1 : n;
  }
  return d.spec.replicas ?? 1;
}

/**
 * `Translation.DevModeOff`: the original as it was before dev mode (the
 * dev label, replicas annotation, dev-mode/sync/stignore annotations and
 * the dev pod labels removed; replicas restored).
 */
export function devModeOff(original: Deployment, dev?: DevSpec): Deployment {
  const app = deepClone(original);
  const m = meta(app);
  const t = templateMeta(app);
  delete m.labels[DEV_LABEL];
  app.spec.replicas = previousReplicas(app);
  for (const k of [
    REPLICAS_ANNOTATION,
    STIGNORE_ANNOTATION,
    SYNC_ANNOTATION,
    DEV_MODE_ANNOTATION,
    VERSION_ANNOTATION,
    REVISION_ANNOTATION,
    ...Object.keys(dev?.metadata?.annotations ?? {}),
  ]) {
    delete m.annotations[k];
  }
  for (const k of [
    STIGNORE_ANNOTATION,
    SYNC_ANNOTATION,
    TRANSLATION_ANNOTATION,
    RESTART_ANNOTATION,
    ...Object.keys(dev?.metadata?.annotations ?? {}),
  ]) {
    delete t.annotations[k];
  }
  delete t.labels[INTERACTIVE_LABEL];
  delete t.labels[DETACHED_LABEL];
  tidy(app);
  return app;
}

/**
 * `DeploymentApp.DevClone` / `StatefulSetApp.DevClone` (pkg/k8s/apps/deployments.go,
 * statefulsets.go): a new object of the original's kind, `<name>-okteto`, with the original's
 * spec, ALL its labels and annotations (Argo CD's tracking label and annotation included) and
 * `dev.okteto.com/clone: <uid>`; a Deployment clone gets the Recreate strategy, a StatefulSet
 * clone keeps its spec as it is.
 */
function devClone(app: Deployment): Deployment {
  const statefulSet = app.kind === 'StatefulSet';
  return {
    apiVersion: 'apps/v1',
    kind: statefulSet ? 'StatefulSet' : 'Deployment',
    metadata: {
      name: cloneName(app.metadata.name),
      namespace: app.metadata.namespace,
      labels: {
        [CLONE_LABEL]: app.metadata.uid ?? '',
        ...app.metadata.labels,
      },
      annotations: { ...app.metadata.annotations },
    },
    spec: statefulSet
      ? deepClone(app.spec)
      : { ...deepClone(app.spec), strategy: { type: 'Recreate' } },
  };
}

/**
 * `Translation.translate` for the main dev: the translated original
 * (`app`: labelled, annotated, replicas 0) and the clone (`devApp`).
 */
export function translate(
  original: Deployment,
  dev: DevSpec,
): { app: Deployment; devApp: Deployment } {
  const app = devModeOff(original, dev);
  const replicas = previousReplicas(app);
  const devApp = devClone(app);
  const mode = dev.mode ?? 'sync';
  meta(app).annotations[REPLICAS_ANNOTATION] = String(replicas);
  meta(app).labels[DEV_LABEL] = 'true';
  meta(app).annotations[DEV_MODE_ANNOTATION] = mode;
  meta(devApp).annotations[DEV_MODE_ANNOTATION] = mode;
  app.spec.replicas = 0;
  for (const [k, v] of Object.entries(devAnnotations(dev))) {
    meta(app).annotations[k] = v;
    templateMeta(app).annotations[k] = v;
    meta(devApp).annotations[k] = v;
    templateMeta(devApp).annotations[k] = v;
  }
  for (const [k, v] of Object.entries(dev.metadata?.labels ?? {})) {
    meta(devApp).labels[k] = v;
    templateMeta(devApp).labels[k] = v;
  }
  devApp.spec.replicas = 1;
  templateMeta(devApp).labels[INTERACTIVE_LABEL] = devNameLabel(dev);
  if (persistentVolumeEnabled(dev)) {
    templateMeta(devApp).labels[
      volumeLabelKey(manifestName(dev), dev.devName)
    ] = 'true';
  }
  translatePodSpec(devApp, dev);
  // devdeployer.go deploy(): the clone never carries the original's revision.
  delete meta(devApp).annotations[DEPLOYMENT_REVISION_ANNOTATION];
  return { app, devApp };
}
