/**
 * The signal channel on which the okteto-dev backend says that an entity's dev status changed:
 * `okteto-dev:status:<entityRef>`. The message carries no status (see {@link DevStatusSignal}):
 * the browser refetches through the permission-checked endpoint.
 *
 * @public
 */
export function devStatusChannel(entityRef: string): string {
  return `okteto-dev:status:${entityRef}`;
}

/**
 * What a status signal carries: which entity changed and when, nothing of its status.
 *
 * @public
 */
export interface DevStatusSignal {
  /** A signal message is a JSON object of strings. */
  [key: string]: string;
  /** The entity whose status changed. */
  entityRef: string;
  /** When the change was seen. */
  changedAt: string;
}
