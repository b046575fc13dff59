import { Read } from '../derive/types';

/**
 * The answers of the opt-in Secret reads (`get` by name, metadata only) of one cluster, reused for
 * `ttlMs`: nothing watches Secrets (a watch needs `list`/`watch` on them, which grants their data),
 * so in live mode their existence is as old as this at most. Failed reads are not kept.
 */
export class SecretPresence {
  private readonly kept = new Map<
    string,
    { at: number; read: Promise<Read<boolean>> }
  >();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(
    namespace: string,
    name: string,
    read: () => Promise<Read<boolean>>,
  ): Promise<Read<boolean>> {
    const key = `${namespace}/${name}`;
    const now = this.now();
    const hit = this.kept.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.read;
    const entry = { at: now, read: read() };
    this.kept.set(key, entry);
    entry.read.then(
      result => {
        if (!result.ok && this.kept.get(key) === entry) this.kept.delete(key);
      },
      () => {
        if (this.kept.get(key) === entry) this.kept.delete(key);
      },
    );
    return entry.read;
  }
}
