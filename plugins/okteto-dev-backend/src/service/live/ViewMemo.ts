import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import { DevTargetRequest } from '../fetch/fetchDevObjects';

/** How long a derived status answers views of its entity when nothing it read changed. */
export const VIEW_MEMO_MS = 1000;

/**
 * The statuses views derived from memory, reused by the next views of the same entity until one of
 * the objects it read changes (the watch says so at once: {@link ViewMemo.invalidate}) or, at the
 * latest, `maxAgeMs` later (ages, abandonment and repository files move with time, not with watch
 * events). 100 viewers of one entity then cost one derivation a second, not 100.
 */
export class ViewMemo {
  private readonly kept = new Map<string, { status: DevStatus; at: number }>();
  private generation = 0;

  constructor(
    private readonly maxAgeMs = VIEW_MEMO_MS,
    private readonly maxEntries = 5000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The kept statuses of `requests` (undefined: derive it), and the generation they are of. */
  take(requests: DevTargetRequest[]): {
    kept: Array<DevStatus | undefined>;
    generation: number;
  } {
    const now = this.now();
    const kept = requests.map(r => {
      const entry = this.kept.get(r.entityRef);
      if (!entry) return undefined;
      if (now - entry.at >= this.maxAgeMs) {
        this.kept.delete(r.entityRef);
        return undefined;
      }
      return entry.status;
    });
    return { kept, generation: this.generation };
  }

  /** Keeps statuses derived from the state of `generation`, unless something changed since. */
  put(statuses: DevStatus[], generation: number): void {
    if (generation !== this.generation) return;
    const at = this.now();
    for (const status of statuses) {
      this.kept.delete(status.entityRef);
      if (this.kept.size >= this.maxEntries) {
        this.kept.delete(this.kept.keys().next().value!);
      }
      this.kept.set(status.entityRef, { status, at });
    }
  }

  /** Something the entities read changed (all entities when `refs` is undefined). */
  invalidate(refs?: Iterable<string>): void {
    this.generation++;
    if (!refs) {
      this.kept.clear();
      return;
    }
    for (const ref of refs) this.kept.delete(ref);
  }
}
