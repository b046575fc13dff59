import {
  ChecklistId,
  DEFAULT_STIGNORE_ENTRIES,
  DevTarget,
  fillTemplate,
} from '@okteto-dev/plugin-okteto-dev-common';

/**
 * Which readiness checklist items are checked, and against which names (`oktetoDev.checklist`):
 * another team's stack fits by configuration, not code.
 */
export interface ChecklistSettings {
  /** Items switched off: not checked, not listed, not counted ("N of M passed" counts the rest). */
  off: ReadonlySet<ChecklistId>;
  /** `env-var`: the variable and value to look for; default the conventions' `envVar`. */
  envVar?: { name: string; value: string };
  /** `env-secret`. */
  envSecret: {
    /**
     * The Secrets the workload's container must take, as templates over `{app}`, `{application}`
     * and `{namespace}`; default the conventions' `envSecret` alone.
     */
    secrets?: string[];
    /**
     * Opt-in: also GET each of them by name, metadata only (`get` on `secrets`, limitable with
     * RBAC `resourceNames`). Off: Secrets are never read; the cluster's pods say what they can.
     */
    readSecretMetadata: boolean;
  };
  /** `stignore`: what every `.stignore` must ignore; default okteto-dev's recommended set. */
  stignore: { entries: readonly string[] };
}

/** Everything checked, with the conventions' names. */
export const DEFAULT_CHECKLIST_SETTINGS: ChecklistSettings = Object.freeze({
  off: new Set<ChecklistId>(),
  envSecret: Object.freeze({ readSecretMetadata: false }),
  stignore: Object.freeze({ entries: DEFAULT_STIGNORE_ENTRIES }),
});

/** Whether an item is checked. */
export function isChecked(
  settings: ChecklistSettings | undefined,
  id: ChecklistId,
): boolean {
  return !settings?.off.has(id);
}

/** The Secrets the `env-secret` item requires of a target, templates filled. */
export function requiredSecrets(
  target: Pick<DevTarget, 'app' | 'namespace' | 'application' | 'envSecret'>,
  settings: ChecklistSettings | undefined,
): string[] {
  const templates = settings?.envSecret.secrets;
  if (!templates) return target.envSecret ? [target.envSecret] : [];
  const values = {
    app: target.app,
    application: target.application.name,
    namespace: target.namespace,
  };
  return [...new Set(templates.map(t => fillTemplate(t, values)))];
}

/** The env var the `env-var` item looks for. */
export function checkedEnvVar(
  target: Pick<DevTarget, 'envVar'>,
  settings: ChecklistSettings | undefined,
): { name: string; value: string } {
  return settings?.envVar ?? target.envVar;
}
