import { createHash, randomBytes } from 'node:crypto';
import type { ResourceType } from './discovery';
import type { JsonObject, KubeObject } from './types';

/*
 * What kube-apiserver adds to an object it is given, before storing it:
 * the defaulting functions (kubernetes pkg/apis/core/v1/defaults.go,
 * pkg/apis/apps/v1/defaults.go and the generated zz_generated.defaults.go,
 * e.g. a container port's protocol), the mutating admission plugins that are
 * on by default (plugin/pkg/admission/serviceaccount: the service account and
 * its token volume; defaulttolerationseconds; priority;
 * storageobjectinuseprotection: the PVC finalizer) and each registry's
 * PrepareForCreate (a new Pod's status, a Secret's stringData folded into
 * data). Objects written through the sandbox's store get them too, so what
 * a controller writes looks as it would on a real cluster.
 */

type Obj = JsonObject;

const isObj = (v: unknown): v is Obj =>
  Boolean(v) && typeof v === 'object' && !Array.isArray(v);

function obj(parent: Obj, key: string): Obj {
  if (!isObj(parent[key])) parent[key] = {};
  return parent[key] as Obj;
}

const list = (v: unknown): Obj[] =>
  Array.isArray(v) ? (v.filter(isObj) as Obj[]) : [];

function setDefault(o: Obj, key: string, value: unknown): void {
  if (o[key] === undefined || o[key] === null || o[key] === '') o[key] = value;
}

/** The tag of an image reference, as parsers.ParseImageName reads it ('' with a digest). */
function imageTag(image: string): string {
  if (image.includes('@')) return '';
  const lastSlash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return colon > lastSlash ? image.slice(colon + 1) : 'latest';
}

function defaultProbe(probe: unknown): void {
  if (!isObj(probe)) return;
  setDefault(probe, 'timeoutSeconds', 1);
  setDefault(probe, 'periodSeconds', 10);
  setDefault(probe, 'successThreshold', 1);
  setDefault(probe, 'failureThreshold', 3);
  if (isObj(probe.httpGet)) {
    setDefault(probe.httpGet, 'path', '/');
    setDefault(probe.httpGet, 'scheme', 'HTTP');
  }
}

function defaultFieldRef(ref: unknown): void {
  if (isObj(ref)) setDefault(ref, 'apiVersion', 'v1');
}

function defaultContainer(c: Obj): void {
  if (!c.imagePullPolicy) {
    c.imagePullPolicy =
      imageTag(String(c.image ?? '')) === 'latest' ? 'Always' : 'IfNotPresent';
  }
  setDefault(c, 'terminationMessagePath', '/dev/termination-log');
  setDefault(c, 'terminationMessagePolicy', 'File');
  if (!isObj(c.resources)) c.resources = {};
  for (const p of list(c.ports)) setDefault(p, 'protocol', 'TCP');
  for (const e of list(c.env)) {
    if (isObj(e.valueFrom)) defaultFieldRef(e.valueFrom.fieldRef);
  }
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
}

function defaultVolume(v: Obj): void {
  const sources = Object.keys(v).filter(k => k !== 'name');
  if (!sources.length) v.emptyDir = {};
  if (isObj(v.secret)) setDefault(v.secret, 'defaultMode', 420);
  if (isObj(v.configMap)) setDefault(v.configMap, 'defaultMode', 420);
  if (isObj(v.downwardAPI)) {
    setDefault(v.downwardAPI, 'defaultMode', 420);
    for (const item of list(v.downwardAPI.items))
      defaultFieldRef(item.fieldRef);
  }
  if (isObj(v.projected)) {
    setDefault(v.projected, 'defaultMode', 420);
    for (const source of list(v.projected.sources)) {
      if (isObj(source.serviceAccountToken)) {
        setDefault(source.serviceAccountToken, 'expirationSeconds', 3600);
      }
      if (isObj(source.downwardAPI)) {
        for (const item of list(source.downwardAPI.items)) {
          defaultFieldRef(item.fieldRef);
        }
      }
    }
  }
}

/** SetDefaults_PodSpec and what it reaches (containers, volumes, probes). */
function defaultPodSpec(spec: Obj): void {
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'restartPolicy', 'Always');
  if (!isObj(spec.securityContext)) spec.securityContext = {};
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'schedulerName', 'default-scheduler');
  for (const c of [...list(spec.initContainers), ...list(spec.containers)]) {
    defaultContainer(c);
  }
  for (const v of list(spec.volumes)) defaultVolume(v);
}

const SA_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * plugin/pkg/admission/serviceaccount: the account, and its token as a projected volume
 * (`kube-api-access-` and five random characters there; here derived from the pod's name, so a
 * pod recreated under the same name looks the same).
 */
function admitServiceAccount(spec: Obj, podKey: string): void {
  setDefault(spec, 'serviceAccountName', 'default');
  spec.serviceAccount = spec.serviceAccountName;
  if (spec.automountServiceAccountToken === false) return;
  const containers = [...list(spec.initContainers), ...list(spec.containers)];
  const mounted = containers.some(c =>
    list(c.volumeMounts).some(m => m.mountPath === SA_MOUNT_PATH),
  );
  if (mounted) return;
  const name = `kube-api-access-${suffixOf(podKey)}`;
  spec.volumes = [
    ...list(spec.volumes),
    {
      name,
      projected: {
        sources: [
          { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
          {
            configMap: {
              name: 'kube-root-ca.crt',
              items: [{ key: 'ca.crt', path: 'ca.crt' }],
            },
          },
          {
            downwardAPI: {
              items: [
                {
                  path: 'namespace',
                  fieldRef: {
                    apiVersion: 'v1',
                    fieldPath: 'metadata.namespace',
                  },
                },
              ],
            },
          },
        ],
        defaultMode: 420,
      },
    },
  ];
  for (const c of containers) {
    c.volumeMounts = [
      ...list(c.volumeMounts),
      { name, readOnly: true, mountPath: SA_MOUNT_PATH },
    ];
  }
}

/** plugin/pkg/admission/defaulttolerationseconds. */
function admitTolerations(spec: Obj): void {
  const tolerations = list(spec.tolerations);
  for (const key of [
    'node.kubernetes.io/not-ready',
    'node.kubernetes.io/unreachable',
  ]) {
    const has = tolerations.some(
      t =>
        (t.key === key || (t.key === undefined && t.operator === 'Exists')) &&
        (t.effect === undefined || t.effect === '' || t.effect === 'NoExecute'),
    );
    if (!has) {
      tolerations.push({
        key,
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: 300,
      });
    }
  }
  spec.tolerations = tolerations;
}

/** pkg/apis/core/v1/helper/qos GetPodQOS (requests and limits of cpu and memory). */
function qosClass(spec: Obj): string {
  const containers = [...list(spec.initContainers), ...list(spec.containers)];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const res = isObj(c.resources) ? c.resources : {};
    const requests = isObj(res.requests) ? res.requests : {};
    const limits = isObj(res.limits) ? res.limits : {};
    for (const r of ['cpu', 'memory']) {
      if (requests[r] !== undefined || limits[r] !== undefined) any = true;
      if (limits[r] === undefined) guaranteed = false;
      else if (requests[r] !== undefined && requests[r] !== limits[r]) {
        guaranteed = false;
      }
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

// utilrand.String's alphabet: consonants and digits without vowels and look-alikes
const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** utilrand.String(5), as names from generateName end. */
export function randomSuffix(): string {
  return [...randomBytes(5)].map(b => ALPHABET[b % ALPHABET.length]).join('');
}

function suffixOf(key: string): string {
  return [...createHash('sha256').update(key).digest().subarray(0, 5)]
    .map(b => ALPHABET[b % ALPHABET.length])
    .join('');
}

function defaultTemplate(spec: Obj): void {
  const template = obj(spec, 'template');
  defaultPodSpec(obj(template, 'spec'));
}

function defaultPod(o: KubeObject, create: boolean): void {
  const podKey = `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  const spec = obj(o, 'spec');
  for (const c of list(spec.containers)) {
    const res = isObj(c.resources) ? c.resources : undefined;
    if (res && isObj(res.limits)) {
      const requests = obj(res, 'requests');
      for (const [k, v] of Object.entries(res.limits))
        setDefault(requests, k, v);
    }
  }
  setDefault(spec, 'enableServiceLinks', true);
  defaultPodSpec(spec);
  if (!create) return;
  admitServiceAccount(spec, podKey);
  admitTolerations(spec);
  setDefault(spec, 'priority', 0);
  setDefault(spec, 'preemptionPolicy', 'PreemptLowerPriority');
}

/**
 * Applies the API server's defaults (and, for a create, its admission and PrepareForCreate) to
 * `o` in place.
 */
export function applyDefaults(
  t: ResourceType,
  o: KubeObject,
  create: boolean,
): void {
  const key = `${t.group}/${t.kind}`;
  switch (key) {
    case '/Pod': {
      defaultPod(o, create);
      if (create && !isObj(o.status)) {
        o.status = {
          phase: 'Pending',
          qosClass: qosClass(o.spec as Obj),
        };
      }
      return;
    }
    case 'apps/Deployment': {
      const spec = obj(o, 'spec');
      setDefault(spec, 'replicas', 1);
      const strategy = obj(spec, 'strategy');
      setDefault(strategy, 'type', 'RollingUpdate');
      if (strategy.type === 'RollingUpdate') {
        const rolling = obj(strategy, 'rollingUpdate');
        setDefault(rolling, 'maxUnavailable', '25%');
        setDefault(rolling, 'maxSurge', '25%');
      }
      setDefault(spec, 'revisionHistoryLimit', 10);
      setDefault(spec, 'progressDeadlineSeconds', 600);
      defaultTemplate(spec);
      if (!isObj(o.status)) o.status = {};
      return;
    }
    case 'apps/ReplicaSet': {
      const spec = obj(o, 'spec');
      setDefault(spec, 'replicas', 1);
      defaultTemplate(spec);
      if (!isObj(o.status)) o.status = { replicas: 0 };
      return;
    }
    case 'apps/StatefulSet': {
      const spec = obj(o, 'spec');
      setDefault(spec, 'podManagementPolicy', 'OrderedReady');
      const update = obj(spec, 'updateStrategy');
      if (!update.type) {
        update.type = 'RollingUpdate';
        obj(update, 'rollingUpdate');
      }
      if (update.type === 'RollingUpdate' && isObj(update.rollingUpdate)) {
        setDefault(update.rollingUpdate, 'partition', 0);
      }
      const retention = obj(spec, 'persistentVolumeClaimRetentionPolicy');
      setDefault(retention, 'whenDeleted', 'Retain');
      setDefault(retention, 'whenScaled', 'Retain');
      setDefault(spec, 'replicas', 1);
      setDefault(spec, 'revisionHistoryLimit', 10);
      defaultTemplate(spec);
      for (const claim of list(spec.volumeClaimTemplates)) {
        claim.apiVersion = claim.apiVersion ?? 'v1';
        claim.kind = claim.kind ?? 'PersistentVolumeClaim';
        setDefault(obj(claim, 'spec'), 'volumeMode', 'Filesystem');
        setDefault(obj(claim, 'status'), 'phase', 'Pending');
      }
      if (!isObj(o.status)) o.status = { replicas: 0, availableReplicas: 0 };
      return;
    }
    case '/Service': {
      const spec = obj(o, 'spec');
      setDefault(spec, 'sessionAffinity', 'None');
      setDefault(spec, 'type', 'ClusterIP');
      for (const p of list(spec.ports)) {
        setDefault(p, 'protocol', 'TCP');
        if (p.targetPort === undefined || p.targetPort === 0) {
          p.targetPort = p.port;
        }
      }
      if (
        ['ClusterIP', 'NodePort', 'LoadBalancer'].includes(String(spec.type))
      ) {
        setDefault(spec, 'internalTrafficPolicy', 'Cluster');
      }
      if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
        setDefault(spec, 'externalTrafficPolicy', 'Cluster');
      }
      if (spec.type !== 'ExternalName') {
        setDefault(spec, 'ipFamilies', ['IPv4']);
        setDefault(spec, 'ipFamilyPolicy', 'SingleStack');
      }
      const status = obj(o, 'status');
      if (!isObj(status.loadBalancer)) status.loadBalancer = {};
      return;
    }
    case '/PersistentVolumeClaim': {
      setDefault(obj(o, 'spec'), 'volumeMode', 'Filesystem');
      setDefault(obj(o, 'status'), 'phase', 'Pending');
      if (create) {
        const finalizers =
          (o.metadata.finalizers as string[] | undefined) ?? [];
        if (!finalizers.includes('kubernetes.io/pvc-protection')) {
          o.metadata.finalizers = [
            ...finalizers,
            'kubernetes.io/pvc-protection',
          ];
        }
      }
      return;
    }
    case '/Event': {
      // fields of core/v1 Event without omitempty: written out even when unset
      for (const k of ['eventTime', 'firstTimestamp', 'lastTimestamp']) {
        if (o[k] === undefined) o[k] = null;
      }
      for (const k of ['reportingComponent', 'reportingInstance']) {
        if (o[k] === undefined) o[k] = '';
      }
      return;
    }
    case '/Secret': {
      // the v1 → internal conversion folds stringData into data
      if (isObj(o.stringData)) {
        const data = obj(o, 'data');
        for (const [k, v] of Object.entries(o.stringData)) {
          data[k] = Buffer.from(String(v), 'utf8').toString('base64');
        }
        delete o.stringData;
      }
      setDefault(o, 'type', 'Opaque');
      return;
    }
    default:
      return;
  }
}
