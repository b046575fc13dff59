import { Config } from '@backstage/config';
import {
  DEV_WORKLOAD_KINDS,
  DevConventions,
  mergeConventions,
} from '@okteto-dev/plugin-okteto-dev-common';

const STRING_KEYS = [
  'cluster',
  'namespace',
  'applicationName',
  'applicationNamespace',
  'applicationCluster',
  'workload',
  'container',
  'devService',
  'package',
  'appDir',
  'manifestPath',
  'serverUrlEnv',
  'envSecret',
  'applicationPath',
  'valuesPath',
  'project',
  'targetRevision',
  'chartPath',
  'destinationServer',
] as const;

/**
 * The naming conventions of the monorepo: `oktetoDev.conventions` over the web-core defaults. The
 * one reader of conventions: the okteto-dev backend, search and the scaffolder actions all call it,
 * so a setting changed in app-config changes the card, the checklist, the template's pre-fill and
 * the files written alike.
 *
 * @public
 */
export function readDevConventions(config: Config): DevConventions {
  const section = config.getOptionalConfig('oktetoDev.conventions');
  if (!section) return mergeConventions();
  const overrides: Partial<DevConventions> = {};
  for (const key of STRING_KEYS) {
    const value = section.getOptionalString(key);
    if (value !== undefined) overrides[key] = value;
  }
  // read whole: label keys hold dots and slashes, which config paths would split on
  const selector = section.getOptional('selector');
  if (selector !== undefined) {
    if (
      typeof selector !== 'object' ||
      selector === null ||
      Array.isArray(selector) ||
      Object.values(selector).some(v => typeof v !== 'string')
    ) {
      throw new Error(
        'oktetoDev.conventions.selector must map label names to string values',
      );
    }
    overrides.selector = { ...(selector as Record<string, string>) };
  }
  const kind = section.getOptionalString('workloadKind');
  if (kind !== undefined) {
    const known = DEV_WORKLOAD_KINDS.find(k => k === kind);
    if (!known) {
      throw new Error(
        `oktetoDev.conventions.workloadKind must be one of ${DEV_WORKLOAD_KINDS.join(
          ', ',
        )}, got '${kind}'`,
      );
    }
    overrides.workloadKind = known;
  }
  const valueFiles = section.getOptionalStringArray('valueFiles');
  if (valueFiles) overrides.valueFiles = valueFiles;
  const envVar = section.getOptionalConfig('envVar');
  if (envVar) {
    const merged = mergeConventions().envVar;
    overrides.envVar = {
      name: envVar.getOptionalString('name') ?? merged.name,
      value: envVar.getOptionalString('value') ?? merged.value,
    };
  }
  return mergeConventions(overrides);
}
