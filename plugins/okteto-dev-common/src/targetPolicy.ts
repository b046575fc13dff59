import { DevTarget } from './conventions';
import { devMessage, DevMessage, DevMessageCode } from './messages';

/**
 * Targets one configured cluster may have besides the naming templates' own
 * (`oktetoDev.targets.allow`). Patterns are globs: `*` any run of characters but `/`, `?` one.
 *
 * @public
 */
export interface DevTargetAllowRule {
  /** The cluster (by configured name) the rule is for. Default `*`: every cluster. */
  cluster?: string;
  /** Namespaces of dev workloads, e.g. `web-*-dev`. Default: none. */
  namespaces?: string[];
  /**
   * Argo CD Applications as `<namespace>/<name>`, e.g. `argo/web-*-dev`, matched on the cluster
   * that holds them. Default: none.
   */
  applications?: string[];
  /** Workload names. Default `*`: any workload in a namespace that is allowed. */
  workloads?: string[];
}

/**
 * What an entity may aim okteto-dev at (`oktetoDev.targets`).
 *
 * @public
 */
export interface DevTargetPolicy {
  /** See `ResolveDevTargetOptions.reuseForeignAnnotations`. Default false. */
  reuseForeignAnnotations: boolean;
  /** Targets allowed besides the naming templates' output. Default none. */
  allow: DevTargetAllowRule[];
}

/**
 * The default policy: okteto-dev's own annotations only, and only the naming templates' targets.
 *
 * @public
 */
export const DEFAULT_DEV_TARGET_POLICY: DevTargetPolicy = Object.freeze({
  reuseForeignAnnotations: false,
  allow: Object.freeze([]) as unknown as DevTargetAllowRule[],
});

/**
 * True when `value` matches the glob `pattern` (`*`: any run of characters but `/`; `?`: one
 * character but `/`; everything else literal). Names here are DNS names and `<namespace>/<name>`
 * pairs, so these two are all a pattern needs.
 *
 * @public
 */
export function matchesTargetPattern(value: string, pattern: string): boolean {
  const source = pattern
    .split('')
    .map(c => {
      if (c === '*') return '[^/]*';
      if (c === '?') return '[^/]';
      return c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}$`).test(value);
}

/**
 * The values the naming templates give an entity (what is always allowed).
 *
 * @public
 */
export type ConventionalDevTarget = Pick<
  DevTarget,
  'namespace' | 'workload'
> & {
  /** The cluster the conventions name (`oktetoDev.conventions.cluster`), if any. */
  cluster?: string;
  application: { name: string; namespace: string };
};

/**
 * Whether the configuration allows an entity's resolved target (its clusters resolved): each of
 * the namespace, workload, Application and cluster must be the naming templates' own, or match an
 * allow rule of its cluster. Returns one statement per value refused, naming the value, the
 * annotation that asked for it and what is allowed; empty when everything is allowed.
 *
 * A cluster named by annotation is allowed when it is the conventions' cluster, when an allow rule
 * names it, or — with no `oktetoDev.conventions.cluster` and no allow rules — when it is configured
 * at all (the caller resolved it against the configured clusters).
 *
 * @public
 */
export function checkDevTarget(
  target: DevTarget,
  conventional: ConventionalDevTarget,
  policy: DevTargetPolicy = DEFAULT_DEV_TARGET_POLICY,
): DevMessage[] {
  const refusals: DevMessage[] = [];
  const rulesOf = (cluster: string) =>
    policy.allow.filter(r => matchesTargetPattern(cluster, r.cluster ?? '*'));
  const refuse = (
    code: DevMessageCode,
    value: string,
    source: string | undefined,
    allowed: Array<string | undefined>,
    template: string,
  ) =>
    refusals.push(
      devMessage(code, {
        value,
        // a value no annotation set follows its naming template (over values that one did)
        source: source ?? `oktetoDev.conventions.${template}`,
        allowed:
          allowed.filter((a): a is string => Boolean(a)).join(', ') ||
          'nothing',
      }),
    );
  const { origins } = target;
  const rules = rulesOf(target.cluster);

  if (origins.cluster && target.cluster !== conventional.cluster) {
    const open = policy.allow.length === 0 && !conventional.cluster;
    const named = policy.allow.some(r =>
      matchesTargetPattern(target.cluster, r.cluster ?? '*'),
    );
    if (!open && !named) {
      refuse(
        'targetClusterRefused',
        target.cluster,
        origins.cluster,
        [conventional.cluster, ...policy.allow.map(r => r.cluster ?? '*')],
        'cluster',
      );
    }
  }
  if (
    target.namespace !== conventional.namespace &&
    !rules.some(r =>
      (r.namespaces ?? []).some(p => matchesTargetPattern(target.namespace, p)),
    )
  ) {
    refuse(
      'targetNamespaceRefused',
      target.namespace,
      origins.namespace,
      [conventional.namespace, ...rules.flatMap(r => r.namespaces ?? [])],
      'namespace',
    );
  }
  if (
    target.workload !== conventional.workload &&
    !rules.some(r =>
      (r.workloads ?? ['*']).some(p =>
        matchesTargetPattern(target.workload, p),
      ),
    )
  ) {
    refuse(
      'targetWorkloadRefused',
      target.workload,
      origins.workload,
      [conventional.workload, ...rules.flatMap(r => r.workloads ?? ['*'])],
      'workload',
    );
  }
  const application = `${target.application.namespace}/${target.application.name}`;
  const conventionalApplication = `${conventional.application.namespace}/${conventional.application.name}`;
  const applicationRules = rulesOf(
    target.application.cluster || target.cluster,
  );
  if (
    application !== conventionalApplication &&
    !applicationRules.some(r =>
      (r.applications ?? []).some(p => matchesTargetPattern(application, p)),
    )
  ) {
    refuse(
      'targetApplicationRefused',
      application,
      origins.application ?? origins.applicationNamespace,
      [
        conventionalApplication,
        ...applicationRules.flatMap(r => r.applications ?? []),
      ],
      'applicationName',
    );
  }
  return refusals;
}
