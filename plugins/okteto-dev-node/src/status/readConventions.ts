import { Config } from '@backstage/config';
import { DevConventions } from '@okteto-dev/plugin-okteto-dev-common';

const KEYS = [
  'cluster',
  'namespace',
  'applicationName',
  'applicationNamespace',
  'workload',
  'container',
  'devService',
  'package',
  'appDir',
  'manifestPath',
  'serverUrlEnv',
] as const;

/** `oktetoDev.conventions` from config, as overrides of the web-core defaults. */
export function readConventions(config: Config): Partial<DevConventions> {
  const section = config.getOptionalConfig('oktetoDev.conventions');
  if (!section) return {};
  const overrides: Partial<DevConventions> = {};
  for (const key of KEYS) {
    const value = section.getOptionalString(key);
    if (value !== undefined) overrides[key] = value;
  }
  const envVar = section.getOptionalConfig('envVar');
  if (envVar) {
    overrides.envVar = {
      name: envVar.getOptionalString('name') ?? 'SYNESTRA_ENV',
      value: envVar.getOptionalString('value') ?? 'dev',
    };
  }
  return overrides;
}
