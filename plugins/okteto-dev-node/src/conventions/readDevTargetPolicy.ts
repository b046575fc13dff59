import { Config } from '@backstage/config';
import {
  DEFAULT_DEV_TARGET_POLICY,
  DevTargetAllowRule,
  DevTargetPolicy,
} from '@okteto-dev/plugin-okteto-dev-common';

/**
 * What entities may aim okteto-dev at: `oktetoDev.targets` (`reuseForeignAnnotations`, default
 * false; `allow`, default none — only the naming templates' targets). Read by the okteto-dev
 * backend for every entity, before any cluster read.
 *
 * @public
 */
export function readDevTargetPolicy(config: Config): DevTargetPolicy {
  const section = config.getOptionalConfig('oktetoDev.targets');
  if (!section) return DEFAULT_DEV_TARGET_POLICY;
  const allow = (section.getOptionalConfigArray('allow') ?? []).map(rule => {
    const read: DevTargetAllowRule = {};
    const cluster = rule.getOptionalString('cluster');
    if (cluster !== undefined) read.cluster = cluster;
    for (const key of ['namespaces', 'applications', 'workloads'] as const) {
      const patterns = rule.getOptionalStringArray(key);
      if (patterns !== undefined) read[key] = patterns;
    }
    return read;
  });
  return {
    reuseForeignAnnotations:
      section.getOptionalBoolean('reuseForeignAnnotations') ?? false,
    allow,
  };
}
