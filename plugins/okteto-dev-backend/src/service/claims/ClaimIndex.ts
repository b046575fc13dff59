import { DevTargetRequest } from '../fetch/fetchDevObjects';

/** Entity refs compare case-insensitively, as the catalog compares them. */
export const refKey = (entityRef: string) =>
  entityRef.toLocaleLowerCase('en-US');

/**
 * What identifies an entity's dev target, from its resolved request (never from annotations: the
 * resolution decides what they mean): the workload (cluster, namespace, name) and the Argo CD
 * Application (the cluster whose API holds it, its namespace, its name). Two entities that share
 * either key claim the same dev target. The workload is keyed by name whatever its kind: Okteto
 * names the dev clone of a Deployment and of a StatefulSet alike (`<name>-okteto`), so two kinds
 * of one name in one namespace are one target.
 */
export function targetKeys(
  request: Pick<DevTargetRequest, 'target'>,
): string[] {
  const { target } = request;
  const application = target.application;
  return [
    JSON.stringify([
      'workload',
      target.cluster,
      target.namespace,
      target.workload,
    ]),
    JSON.stringify([
      'application',
      application.cluster || target.cluster,
      application.namespace,
      application.name,
    ]),
  ];
}

/** Whether an entity is the only one to claim its dev target, and if not, who else does. */
export type Claim =
  | { contested: false }
  | {
      contested: true;
      /** The other entities that claim the same workload or Application (as the catalog spells them). */
      others: string[];
    };

interface Entry {
  entityRef: string;
  keys: string[];
  /** When it was last set ({@link ClaimIndex.tick}): a catalog snapshot older than that does not replace it. */
  tick: number;
}

/**
 * Which entity claims which dev target: every entity with `okteto-dev/app` that resolves, keyed
 * by {@link targetKeys}. Filled from the catalog (a snapshot replaces what it knows) and from the
 * entities being viewed (their current resolution, at once). Pure data: no I/O, no timers.
 */
export class ClaimIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly byKey = new Map<string, Set<string>>();
  private clock = 0;

  /** The number of entities known. */
  get size(): number {
    return this.entries.size;
  }

  /** A moment of this index: entries set after it survive a snapshot taken before it. */
  tick(): number {
    return ++this.clock;
  }

  has(entityRef: string): boolean {
    return this.entries.has(refKey(entityRef));
  }

  /** Adds or updates an entity's claim. */
  set(entityRef: string, keys: string[]): void {
    const id = refKey(entityRef);
    this.unlink(id);
    this.entries.set(id, { entityRef, keys, tick: this.tick() });
    for (const key of keys) {
      const refs = this.byKey.get(key);
      if (refs) refs.add(id);
      else this.byKey.set(key, new Set([id]));
    }
  }

  /** Forgets an entity. */
  delete(entityRef: string): void {
    const id = refKey(entityRef);
    this.unlink(id);
    this.entries.delete(id);
  }

  /**
   * Replaces what is known by a catalog snapshot taken at `takenAt` (a {@link ClaimIndex.tick}):
   * entities set since then (viewed meanwhile) keep their newer claim; the rest is the snapshot.
   */
  replace(
    snapshot: Array<{ entityRef: string; keys: string[] }>,
    takenAt: number,
  ): void {
    const present = new Set(snapshot.map(s => refKey(s.entityRef)));
    for (const [id, entry] of [...this.entries]) {
      if (!present.has(id) && entry.tick < takenAt)
        this.delete(entry.entityRef);
    }
    for (const { entityRef, keys } of snapshot) {
      const entry = this.entries.get(refKey(entityRef));
      if (entry && entry.tick >= takenAt) continue;
      if (entry && sameKeys(entry.keys, keys)) continue;
      this.set(entityRef, keys);
    }
  }

  /** The claim of a known entity (with the keys it was last set with); uncontested when unknown. */
  claimOf(entityRef: string): Claim {
    const id = refKey(entityRef);
    const entry = this.entries.get(id);
    if (!entry) return { contested: false };
    const others = new Map<string, string>();
    for (const key of entry.keys) {
      for (const other of this.byKey.get(key) ?? []) {
        if (other !== id) others.set(other, this.entries.get(other)!.entityRef);
      }
    }
    return others.size === 0
      ? { contested: false }
      : { contested: true, others: [...others.values()].sort() };
  }

  private unlink(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    for (const key of entry.keys) {
      const refs = this.byKey.get(key);
      if (refs?.delete(id) && refs.size === 0) this.byKey.delete(key);
    }
  }
}

function sameKeys(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((k, i) => k === b[i]);
}
