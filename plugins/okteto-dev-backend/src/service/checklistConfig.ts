import { Config } from '@backstage/config';
import {
  CHECKLIST_IDS,
  ChecklistId,
  DEFAULT_STIGNORE_ENTRIES,
  fillTemplate,
  isDnsSubdomain,
} from '@okteto-dev/plugin-okteto-dev-common';
import {
  ChecklistSettings,
  DEFAULT_CHECKLIST_SETTINGS,
} from './derive/checklistSettings';

const isId = (key: string): key is ChecklistId =>
  (CHECKLIST_IDS as readonly string[]).includes(key);

/** What each item takes besides `enabled`. */
const ITEM_KEYS: Partial<Record<ChecklistId, string[]>> = {
  'env-var': ['name', 'value'],
  'env-secret': ['secrets', 'readSecretMetadata'],
  stignore: ['entries'],
};

/**
 * `oktetoDev.checklist`: per item id, `enabled` (default true; `<id>: false` for short) and the
 * names it checks. A key that
 * is not an item id, a setting an item does not take, or a Secret template that cannot name a
 * Secret is a startup error that lists what is valid: a typo never silently checks something else.
 */
export function readChecklistSettings(config: Config): ChecklistSettings {
  const section = config.getOptionalConfig('oktetoDev.checklist');
  if (!section) return DEFAULT_CHECKLIST_SETTINGS;
  const off = new Set<ChecklistId>();
  for (const key of section.keys()) {
    if (!isId(key)) {
      throw new Error(
        `oktetoDev.checklist.${key} is not a checklist item; the items are ${CHECKLIST_IDS.join(
          ', ',
        )}`,
      );
    }
    // `<id>: false` is short for `<id>: { enabled: false }`
    const shorthand = section.getOptional(key);
    if (typeof shorthand === 'boolean') {
      if (!shorthand) off.add(key);
      continue;
    }
    const itemConfig = section.getConfig(key);
    const allowed = ['enabled', ...(ITEM_KEYS[key] ?? [])];
    for (const setting of itemConfig.keys()) {
      if (!allowed.includes(setting)) {
        throw new Error(
          `oktetoDev.checklist.${key}.${setting} is not a setting of this item; it takes ${allowed.join(
            ', ',
          )}`,
        );
      }
    }
    if (itemConfig.getOptionalBoolean('enabled') === false) off.add(key);
  }
  const item = (id: ChecklistId) =>
    typeof section.getOptional(id) === 'object'
      ? section.getOptionalConfig(id)
      : undefined;
  const envVar = item('env-var');
  const name = envVar?.getOptionalString('name');
  const value = envVar?.getOptionalString('value');
  if ((name === undefined) !== (value === undefined)) {
    throw new Error(
      'oktetoDev.checklist.env-var takes both name and value (or neither: the conventions’ envVar)',
    );
  }
  if (name !== undefined && (!name || name.includes('='))) {
    throw new Error(
      `oktetoDev.checklist.env-var.name must be an environment variable name, got '${name}'`,
    );
  }
  const envSecret = item('env-secret');
  const secrets = envSecret?.getOptionalStringArray('secrets');
  for (const template of secrets ?? []) {
    const sample = fillTemplate(template, {
      app: 'app',
      application: 'application',
      namespace: 'namespace',
    });
    if (!isDnsSubdomain(sample)) {
      throw new Error(
        `oktetoDev.checklist.env-secret.secrets: '${template}' does not name a Secret (a DNS-1123 name, with {app}, {application} or {namespace})`,
      );
    }
  }
  const entries = item('stignore')?.getOptionalStringArray('entries');
  return {
    off,
    ...(name !== undefined && value !== undefined
      ? { envVar: { name, value } }
      : {}),
    envSecret: {
      ...(secrets ? { secrets } : {}),
      readSecretMetadata:
        envSecret?.getOptionalBoolean('readSecretMetadata') ?? false,
    },
    stignore: { entries: entries ?? DEFAULT_STIGNORE_ENTRIES },
  };
}
