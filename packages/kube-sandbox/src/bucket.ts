import type { KubeObject } from './types';

/** `ns/name` (cluster-scoped objects: `/name`). */
export function objectKey(ns: string | undefined, name: string): string {
  return `${ns ?? ''}/${name}`;
}

/** Objects of one type, keyed `ns/name`, indexed by namespace. */
export class Bucket {
  private readonly byNs = new Map<string, Map<string, KubeObject>>();

  private ns(key: string): string {
    return key.slice(0, key.indexOf('/'));
  }

  get(key: string): KubeObject | undefined {
    return this.byNs.get(this.ns(key))?.get(key);
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  set(key: string, obj: KubeObject): void {
    const ns = this.ns(key);
    let m = this.byNs.get(ns);
    if (!m) {
      m = new Map();
      this.byNs.set(ns, m);
    }
    m.set(key, obj);
  }

  delete(key: string): void {
    this.byNs.get(this.ns(key))?.delete(key);
  }

  *values(namespace?: string): IterableIterator<KubeObject> {
    if (namespace !== undefined) {
      yield* this.byNs.get(namespace)?.values() ?? [];
      return;
    }
    for (const m of this.byNs.values()) yield* m.values();
  }
}

export function nowIso(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}
