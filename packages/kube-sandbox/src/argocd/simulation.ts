import { deepClone, deepEqual } from '../patch';
import type { SandboxStore, StoreController, StoreEvent } from '../store';
import type { JsonObject, KubeObject } from '../types';
import {
  Application,
  asApplication,
  destinationNamespace,
  FAIL_SYNC_ANNOTATION,
  NEW_COMMIT_ANNOTATION,
  REFRESH_ANNOTATION,
  sourcesOf,
  TRACKING_METHOD_ANNOTATION,
} from './model';
import {
  comparedRevisions,
  initialRevisions,
  isSha,
  nextSha,
  syncedRevisions,
} from './revisions';
import { isHook } from './hooks';
import { reconcileApplication } from './reconcile';
import { repoServerAnswer } from './repoServer';
import type { Rejection } from './sync';
import { trackedAppNames } from './tracking';

/*
 * The Argo CD application controller, for the Applications registered
 * with a declared state (what Git renders for them). It follows
 * argo-cd controller/appcontroller.go: a change to a tracked object
 * refreshes the app against the revision it last compared
 * (CompareWithRecent: reconciledAt unchanged); a new commit or an app
 * change compares with the latest revision (reconciledAt = now); then
 * autoSync. It runs as a store controller, so a write that makes an app
 * drift returns after Argo CD has reacted.
 */

type Level = 'recent' | 'latest';

interface AppState {
  declared: KubeObject[];
  /** The manifests' hooks (run by syncs, never compared). */
  hooks: KubeObject[];
  /** An object of the manifests the API server refuses. */
  rejected?: Rejection;
  /** Where the sources' branches point (undefined: as last compared). */
  head?: string[];
  comparisonError?: string;
  /** The repo-server's failed generations in a row: of which revisions and error, how many. */
  generationFailures?: { key: string; count: number };
  frozen?: boolean;
  failSync?: string;
}

export interface ArgoCdOptions {
  /** The clock for the times Argo CD writes (default: the real one). */
  clock?: () => Date;
}

export interface NewCommitOptions {
  /** The commit sha (default: a new one per repository). */
  revision?: string;
  /** The app's manifests at that commit (default: unchanged). */
  declared?: KubeObject[];
  /**
   * An object of the app's manifests at that commit that the API server refuses, with its
   * message: a sync fails on it (the sandbox does not validate objects as kube-apiserver does).
   */
  rejected?: Rejection;
}

const REQUESTS = [
  NEW_COMMIT_ANNOTATION,
  FAIL_SYNC_ANNOTATION,
  REFRESH_ANNOTATION,
];

const keyOf = (o: KubeObject) =>
  `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

function cleanDeclared(objects: KubeObject[]): KubeObject[] {
  return objects.map(o => {
    const { status: _s, ...rest } = deepClone(o);
    const {
      uid: _u,
      resourceVersion: _r,
      creationTimestamp: _c,
      generation: _g,
      managedFields: _m,
      ...metadata
    } = rest.metadata;
    return { ...rest, metadata } as KubeObject;
  });
}

export class ArgoCdSimulation implements StoreController {
  clock: () => Date;
  private readonly apps = new Map<string, AppState>();
  private readonly dirty = new Map<string, Level>();
  /** Application name → `ns/name` keys. */
  private readonly byName = new Map<string, Set<string>>();
  /** `Kind/name` of declared objects → the apps declaring them. */
  private readonly declaredIndex = new Map<string, Set<string>>();
  private detachFn?: () => void;

  constructor(readonly store: SandboxStore, options: ArgoCdOptions = {}) {
    this.clock = options.clock ?? (() => new Date());
  }

  /** Creates a simulation and attaches it to the store. */
  static attach(
    store: SandboxStore,
    options?: ArgoCdOptions,
  ): ArgoCdSimulation {
    const sim = new ArgoCdSimulation(store, options);
    sim.detachFn = store.attach(sim);
    return sim;
  }

  detach(): void {
    this.detachFn?.();
  }

  now(): string {
    return this.clock()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
  }

  /** Names of the registered Applications. */
  get applications(): string[] {
    return [...this.apps.keys()].map(k => k.slice(k.indexOf('/') + 1));
  }

  private keysFor(name: string): string[] {
    return [...(this.byName.get(name) ?? [])];
  }

  private key(app: string): string {
    const keys = app.includes('/') ? [app] : this.keysFor(app);
    if (!keys.length || !this.apps.has(keys[0])) {
      throw new Error(`argocd: Application "${app}" is not simulated`);
    }
    return keys[0];
  }

  private mark(key: string, level: Level): void {
    if (this.dirty.get(key) !== 'latest') this.dirty.set(key, level);
  }

  /**
   * Takes over an Application: `declared` is what Git renders for it (at
   * `options.revision`, by default a made-up commit). The app is compared
   * (and auto-synced) at once.
   */
  register(
    application: KubeObject | string,
    declared: KubeObject[],
    options: { revision?: string } = {},
  ): void {
    const k =
      typeof application === 'string'
        ? this.findKey(application)
        : keyOf(application);
    this.setDeclared(k, declared);
    if (options.revision) {
      const obj = this.store.get('applications', ...split(k));
      this.apps.get(k)!.head = sourcesOf(asApplication(obj!)).map(
        () => options.revision!,
      );
    }
    this.mark(k, 'latest');
    this.store.settle();
  }

  /** `ns/name` of an Application in the store, by `name` or `ns/name`. */
  private findKey(app: string): string {
    if (app.includes('/')) return app;
    const found = this.store
      .list('applications')
      .find(a => a.metadata.name === app);
    if (!found) throw new Error(`argocd: no Application "${app}"`);
    return keyOf(found);
  }

  /** The declared (Git) objects of an app. */
  declaredState(app: string): KubeObject[] {
    return deepClone(this.apps.get(this.key(app))!.declared);
  }

  observe(e: StoreEvent): void {
    const obj = e.object;
    if (e.resource.kind === 'Application') {
      const k = keyOf(obj);
      if (!this.apps.has(k)) return;
      const before = e.previous;
      const requested = REQUESTS.some(a => obj.metadata.annotations?.[a]);
      const changed =
        e.type !== 'MODIFIED' ||
        !deepEqual(before?.spec, obj.spec) ||
        before?.metadata.annotations?.[TRACKING_METHOD_ANNOTATION] !==
          obj.metadata.annotations?.[TRACKING_METHOD_ANNOTATION];
      if (requested || changed) this.mark(k, 'latest');
      return;
    }
    if (e.resource.group === 'argoproj.io') return;
    const names = new Set([
      ...trackedAppNames(obj),
      ...trackedAppNames(e.previous),
    ]);
    for (const name of names) {
      for (const k of this.keysFor(name)) this.mark(k, 'recent');
    }
    // An object named by a declared one but not (or no longer) tracked.
    const declaredBy = this.declaredIndex.get(
      `${obj.kind}/${obj.metadata.name}`,
    );
    for (const k of declaredBy ?? []) this.mark(k, 'recent');
  }

  private setDeclared(k: string, declared: KubeObject[]): void {
    const state = this.apps.get(k);
    for (const d of state?.declared ?? []) {
      this.declaredIndex.get(`${d.kind}/${d.metadata.name}`)?.delete(k);
    }
    const clean = cleanDeclared(declared.filter(o => !isHook(o)));
    const hooks = cleanDeclared(declared.filter(isHook));
    if (state) {
      state.declared = clean;
      state.hooks = hooks;
    } else this.apps.set(k, { declared: clean, hooks });
    const name = k.slice(k.indexOf('/') + 1);
    if (!this.byName.has(name)) this.byName.set(name, new Set());
    this.byName.get(name)!.add(k);
    for (const d of clean) {
      const ik = `${d.kind}/${d.metadata.name}`;
      if (!this.declaredIndex.has(ik)) this.declaredIndex.set(ik, new Set());
      this.declaredIndex.get(ik)!.add(k);
    }
  }

  work(): boolean {
    if (!this.dirty.size) return false;
    const batch = [...this.dirty];
    this.dirty.clear();
    for (const [k, level] of batch) this.reconcile(k, level);
    return true;
  }

  /** Consumes request annotations put on the Application through the API. */
  private takeRequests(app: Application, state: AppState): Level | undefined {
    const ann = app.metadata.annotations ?? {};
    if (!REQUESTS.some(a => ann[a])) return undefined;
    const commit = ann[NEW_COMMIT_ANNOTATION];
    if (commit) this.advance(app, state, isSha(commit) ? commit : undefined);
    if (ann[FAIL_SYNC_ANNOTATION]) state.failSync = ann[FAIL_SYNC_ANNOTATION];
    const annotations = { ...ann };
    for (const a of REQUESTS) delete annotations[a];
    const metadata: KubeObject['metadata'] = { ...app.metadata, annotations };
    if (!Object.keys(annotations).length) delete metadata.annotations;
    this.store.put({ ...app, metadata });
    app.metadata = metadata;
    return 'latest';
  }

  private advance(app: Application, state: AppState, sha?: string): string[] {
    const current = this.headOf(app, state);
    state.head = sourcesOf(app).map(
      (s, i) => sha ?? nextSha(s.repoURL, current[i]),
    );
    return state.head;
  }

  private headOf(app: Application, state: AppState): string[] {
    return (
      state.head ??
      comparedRevisions(app) ??
      syncedRevisions(app) ??
      initialRevisions(app)
    );
  }

  private reconcile(k: string, requested: Level): void {
    const state = this.apps.get(k);
    const [ns, name] = [
      k.slice(0, k.indexOf('/')),
      k.slice(k.indexOf('/') + 1),
    ];
    const obj = this.store.get('applications', ns, name);
    if (!state || !obj) {
      this.apps.delete(k);
      this.byName.get(name)?.delete(k);
      return;
    }
    const app = asApplication(obj);
    const level = this.takeRequests(app, state) ?? requested;
    if (state.frozen) return;
    const revisions =
      level === 'latest'
        ? this.headOf(app, state)
        : comparedRevisions(app) ?? this.headOf(app, state);
    const failSync = state.failSync;
    state.failSync = undefined;
    // every comparison asks the repo-server again; it counts the failures of one revision
    let comparisonError = state.comparisonError;
    if (comparisonError !== undefined) {
      const key = JSON.stringify([revisions, comparisonError]);
      const previous = state.generationFailures;
      const count = previous?.key === key ? previous.count + 1 : 1;
      state.generationFailures = { key, count };
      comparisonError = repoServerAnswer(comparisonError, count);
    } else {
      state.generationFailures = undefined;
    }
    reconcileApplication({
      store: this.store,
      app,
      declared: state.declared,
      revisions,
      comparisonError,
      failSync,
      hooks: state.hooks,
      rejected: state.rejected,
      latest: level === 'latest',
      now: this.now(),
    });
  }

  /** Marks the app dirty and lets the store settle. */
  private poke(app: string, level: Level, change?: (s: AppState) => void) {
    const k = this.key(app);
    change?.(this.apps.get(k)!);
    this.mark(k, level);
    this.store.settle();
  }

  /**
   * "A new commit arrives" on the branch the app tracks: the app is
   * compared with it, and an automated app syncs (appcontroller.go
   * autoSync skips only a revision it already attempted) — selfHeal or not.
   * `all` = every simulated app (one new commit per repository).
   * Returns the new revision per app.
   */
  newCommit(
    app: string | 'all',
    options: NewCommitOptions = {},
  ): Record<string, string[]> {
    const names = app === 'all' ? this.applications : [app];
    const byRepo = new Map<string, string>();
    const out: Record<string, string[]> = {};
    for (const n of names) {
      this.poke(n, 'latest', state => {
        const obj = this.store.get('applications', ...split(this.key(n)));
        const a = asApplication(obj!);
        const current = this.headOf(a, state);
        state.head = sourcesOf(a).map((s, i) => {
          const sha =
            options.revision ??
            byRepo.get(s.repoURL) ??
            nextSha(s.repoURL, current[i]);
          byRepo.set(s.repoURL, sha);
          return sha;
        });
        if (options.declared) {
          this.setDeclared(this.key(n), options.declared);
          state.rejected = options.rejected;
        }
        out[n] = state.head;
      });
    }
    return out;
  }

  /** "Refresh": compare with the latest revision (reconciledAt = now). */
  refresh(app: string): void {
    this.poke(app, 'latest');
  }

  /**
   * Changes a live object of the app (a merge patch), as someone with
   * kubectl would: Argo CD sees that resource drift.
   */
  driftResource(
    app: string,
    kind: string,
    name: string,
    patch: JsonObject,
    namespace?: string,
  ): KubeObject {
    const k = this.key(app);
    const state = this.apps.get(k)!;
    const declared = state.declared.find(
      d => d.metadata.name === name && this.store.typeOf(kind).kind === d.kind,
    );
    const obj = this.store.get('applications', ...split(k))!;
    const ns =
      namespace ??
      declared?.metadata.namespace ??
      destinationNamespace(asApplication(obj)) ??
      'default';
    return this.store.patch(kind, ns, name, patch, 'merge');
  }

  /** A sync attempt that fails: operationState Failed, no history entry. */
  failSync(app: string, message: string): void {
    this.poke(app, 'latest', s => {
      s.failSync = message;
    });
  }

  /** A ComparisonError (manifests cannot be generated): sync Unknown. */
  setComparisonError(app: string, message: string | undefined): void {
    this.poke(app, 'latest', s => {
      s.comparisonError = message;
    });
  }

  /**
   * Stops reconciling an app (its controller shard is down), optionally
   * with the last reconciliation at `reconciledAt`; `unfreeze` resumes.
   */
  freeze(app: string, reconciledAt?: string): void {
    const k = this.key(app);
    this.apps.get(k)!.frozen = true;
    if (!reconciledAt) return;
    const obj = this.store.get('applications', ...split(k))!;
    this.store.put({
      ...obj,
      status: { ...(obj.status as JsonObject), reconciledAt },
    });
  }

  unfreeze(app: string): void {
    this.poke(app, 'latest', s => {
      s.frozen = false;
    });
  }
}

function split(k: string): [string, string] {
  const i = k.indexOf('/');
  return [k.slice(0, i), k.slice(i + 1)];
}
