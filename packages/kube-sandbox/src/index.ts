import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { GroupSwitches } from './discovery';
import type { Faults, RequestCounters, RequestRecord } from './faults';
import { writeKubeconfig } from './kubeconfig';
import type { ArgoCdSimulation } from './argocd';
import { createStore } from './createStore';
import {
  applyScenario,
  loadScenario,
  Scenario,
  ScenarioInput,
} from './scenario';
import { ForbidRules, SandboxServer } from './server';
import type { SandboxStore } from './store';
import { generateSelfSignedCert } from './tls';

export interface SandboxOptions {
  /** Shipped name (`web-core`), file, directory, object(s). Default: empty. */
  scenario?: ScenarioInput;
  /** Bearer token to require; default random; `false` disables auth. */
  token?: string | false;
  /** Added latency per request, in ms (adjustable later). */
  latencyMs?: number;
  /**
   * Serve HTTPS: `true` generates a self-signed cert for 127.0.0.1, or pass
   * PEMs. The kubeconfig then trusts `cert`. Note: kubectl only sends the
   * bearer token over HTTPS, so use TLS (or `token: false`) with kubectl.
   */
  tls?: boolean | { key: string | Buffer; cert: string | Buffer };
  /** Port on 127.0.0.1; 0 (default) = random. */
  port?: number;
  /** Where to write the kubeconfig (default: a fresh temp dir). */
  kubeconfigPath?: string;
  /** Watch history size (default 1000 events). */
  historySize?: number;
  /** Run the Deployment/ReplicaSet/Pod controller (default true). */
  controller?: boolean;
  /** Events kept per namespace (default 200): the oldest are deleted. */
  eventsPerNamespace?: number;
  /** Run the Argo CD simulation for the scenario's Applications (default true). */
  argocd?: boolean;
  /** Extra forbid rules, merged with the scenario's. */
  forbid?: ForbidRules;
  /** Group switches, merged over the scenario's (`{ argoproj: false }`). */
  groups?: GroupSwitches;
}

/** A running sandbox. */
export interface Sandbox {
  url: string;
  kubeconfigPath: string;
  /** The bearer token (undefined when auth is disabled). */
  token: string | undefined;
  /** PEM of the server certificate when serving HTTPS. */
  ca: string | undefined;
  store: SandboxStore;
  /** The Argo CD simulation (when the scenario has Applications). */
  argocd: ArgoCdSimulation | undefined;
  counters: RequestCounters;
  /** Same as `counters.requests`. */
  readonly requests: RequestRecord[];
  faults: Faults;
  /** Added latency per request (ms); assignable at runtime. */
  latencyMs: number;
  /** When true, every connection is destroyed on arrival. */
  refuseConnections: boolean;
  /** Live forbid rules (mutable arrays). */
  forbid: Required<ForbidRules>;
  /** Live group switches (mutable). */
  groups: GroupSwitches;
  scenario: Scenario;
  close(): Promise<void>;
}

/** Starts a sandbox API server on 127.0.0.1 and writes its kubeconfig. */
export async function startSandbox(
  options: SandboxOptions = {},
): Promise<Sandbox> {
  const scenario = loadScenario(options.scenario);
  const store = createStore({
    historySize: options.historySize,
    controller: options.controller,
    eventsPerNamespace: options.eventsPerNamespace,
  });
  const { argocd } = await applyScenario(store, scenario, {
    argocd: options.argocd === false ? false : undefined,
  });
  const token =
    options.token === false
      ? undefined
      : options.token ?? randomBytes(24).toString('hex');
  let tlsPems: { key: string | Buffer; cert: string | Buffer } | undefined;
  if (options.tls === true) tlsPems = generateSelfSignedCert();
  else if (options.tls) tlsPems = options.tls;
  const server = new SandboxServer({
    store,
    token: token ?? false,
    latencyMs: options.latencyMs,
    tls: tlsPems,
    port: options.port,
    forbid: {
      namespaces: [
        ...(scenario.options.forbid?.namespaces ?? []),
        ...(options.forbid?.namespaces ?? []),
      ],
      resources: [
        ...(scenario.options.forbid?.resources ?? []),
        ...(options.forbid?.resources ?? []),
      ],
    },
    groups: { ...scenario.options.groups, ...options.groups },
  });
  const url = await server.listen();
  const kubeconfigPath = await writeKubeconfig(
    {
      server: url,
      token,
      ca: tlsPems ? tlsPems.cert.toString() : undefined,
    },
    options.kubeconfigPath,
  );
  const ownsDir = !options.kubeconfigPath;
  let closed = false;
  return {
    url,
    kubeconfigPath,
    token,
    ca: tlsPems ? tlsPems.cert.toString() : undefined,
    store,
    argocd,
    counters: server.counters,
    get requests() {
      return server.counters.requests;
    },
    faults: server.faults,
    get latencyMs() {
      return server.latencyMs;
    },
    set latencyMs(ms: number) {
      server.latencyMs = ms;
    },
    get refuseConnections() {
      return server.refuseConnections;
    },
    set refuseConnections(v: boolean) {
      server.refuseConnections = v;
    },
    forbid: server.forbid,
    groups: server.groups,
    scenario,
    async close() {
      if (closed) return;
      closed = true;
      await server.close();
      if (ownsDir) {
        await fs.rm(path.dirname(kubeconfigPath), {
          recursive: true,
          force: true,
        });
      }
    },
  };
}

export { SandboxStore } from './store';
export type {
  ListOptions,
  StoreController,
  StoreEvent,
  StoreOptions,
  WriteOptions,
} from './store';

export type { ForbidRules, ServerOptions } from './server';
export { Faults, RequestCounters } from './faults';
export type { FaultKind, FaultSpec, RequestRecord } from './faults';
export {
  oktetoUp,
  oktetoDown,
  cloneName,
  pvcName,
  secretName,
  volumeLabelKey,
} from './okteto';
export type {
  DevSpec,
  DevTarget,
  DownStep,
  OktetoDownOptions,
  OktetoDownResult,
  OktetoTarget,
  OktetoUpOptions,
  OktetoUpResult,
  UpStep,
} from './okteto';
export {
  ArgoCdSimulation,
  CACHED_SOURCE,
  helmTemplateError,
  TRACKING_METHOD_ANNOTATION,
} from './argocd';
export type {
  Application,
  ApplicationSource,
  ApplicationSpec,
  ArgoCdOptions,
  HelmTemplateFailure,
  Rejection,
  IgnoreDifference,
  NewCommitOptions,
  ResourceStatus,
  SyncCode,
  TrackingMethod,
} from './argocd';
export {
  generateWebCoreApps,
  webCoreAppObjects,
  webCoreNames,
  WEB_CORE,
  WEB_CORE_CONVENTIONS,
} from './webcore';
export type {
  GenerateOptions,
  WebCoreAppSpec,
  WebCoreScenarioApp,
} from './webcore';

export { appObjects, namesOf } from './conventions';
export type {
  AppConventions,
  AppNames,
  AppSpec,
  ScenarioApp,
  ScenarioDefinition,
} from './conventions';
export { loadScenario, applyScenario, parseAge } from './scenario';
export type {
  AppliedScenario,
  ApplyOptions,
  Scenario,
  ScenarioArgoCdAction,
  ScenarioArgoCdOptions,
  ScenarioInput,
  ScenarioOptions,
  ScenarioOktetoSession,
} from './scenario';

export type { ClusterAccess } from './kubeconfig';
export { httpOps } from './ops';
export type { KubeOps } from './ops';

export { eventually } from './eventually';

export { WorkloadController } from './workload';
export type {
  InitFailure,
  PodState,
  WorkloadControllerOptions,
} from './workload';

export type { GroupSwitches, ResourceType } from './discovery';
export type { KubeObject, ObjectMeta, KubeStatus, WatchEvent } from './types';
