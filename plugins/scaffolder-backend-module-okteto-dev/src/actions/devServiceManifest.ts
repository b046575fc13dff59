import { InputError } from '@backstage/errors';
import { isLegacyOktetoManifest } from '@okteto-dev/plugin-okteto-dev-common';
import { isRecord, sameData } from './yamlDocuments';
import { stringify } from 'yaml';
import {
  DevEntryBody,
  DevTextEdit,
  editDevDocument,
  editDevText,
  endsDevMap,
  renderEntry,
} from './devServiceText';
import { devEntriesUnchangedByScan } from './manifestScan';
import { parseYamlSafe } from './yamlSafe';

export type { DevEntryBody } from './devServiceText';

/** What {@link upsertDevEntries} did. */
export interface DevEntriesEdit {
  content: string;
  changed: boolean;
  added: string[];
  replaced: string[];
  unchanged: string[];
}

/**
 * A new manifest with one or more dev entries sharing `body`.
 */
export function renderNewManifest(
  keys: string[],
  body: DevEntryBody,
  manifestName?: string,
): string {
  const head = manifestName
    ? `name: ${stringify(manifestName).trimEnd()}\n\n`
    : '';
  const entries = keys.map(key => renderEntry(key, body, 2, 2, '\n'));
  return `${head}dev:\n${entries.join('\n')}`;
}

function checkManifest(data: unknown, label: string) {
  if (data === null || data === undefined) return;
  if (!isRecord(data)) {
    throw new InputError(`${label} is not a YAML mapping`);
  }
  if (isLegacyOktetoManifest(data)) {
    throw new InputError(
      `${label} is a legacy (v1) Okteto manifest: it has no 'dev:' map. Migrate it to the v2 format ` +
        `first: keep 'name:' at the top level and move the dev fields (image, command, sync, ...) under ` +
        `'dev: <name>:' (see https://www.okteto.com/docs/reference/okteto-manifest/)`,
    );
  }
  if (data.dev !== undefined && data.dev !== null && !isRecord(data.dev)) {
    throw new InputError(
      `${label}: 'dev' must be a mapping of dev service names to their definitions`,
    );
  }
}

function parsesTo(text: string, label: string, expected: unknown): boolean {
  try {
    return sameData(parseYamlSafe(text, label).data, expected);
  } catch {
    return false;
  }
}

/**
 * Whether an edit that only appended entries after the last one is right, checked on the lines it
 * touched: the last entry's lines parse alone to that entry (so they hold nothing that depends on
 * the rest of the file), the same lines plus the inserted text parse to it plus the new entries,
 * and the `dev:` map ends right after them. The text before and after is the original, byte for
 * byte, so the file then holds exactly the expected data.
 */
function appendIsRight(
  text: string,
  label: string,
  edit: NonNullable<DevTextEdit['appended']>,
  dev: Record<string, unknown>,
  added: string[],
  body: DevEntryBody,
): boolean {
  const before = text.slice(edit.start, edit.end);
  const lastOnly = { [edit.lastKey]: dev[edit.lastKey] };
  const withNew = {
    ...lastOnly,
    ...Object.fromEntries(added.map(key => [key, body])),
  };
  return (
    endsDevMap(text, edit.end, edit.keyColumn) &&
    parsesTo(before, label, lastOnly) &&
    parsesTo(before + edit.inserted, label, withNew)
  );
}

/**
 * Adds (or, with `replace`, replaces) dev entries named `keys` with `body` in a manifest's text,
 * keeping every byte outside those entries. The file is parsed once; the result must hold exactly
 * the expected data, checked on the lines the edit touched when it only appended entries, else by
 * parsing the result. A re-run that finds every entry already there reads only those entries'
 * lines (see `manifestScan.ts`).
 */
export function upsertDevEntries(
  text: string,
  label: string,
  keys: string[],
  body: DevEntryBody,
  replace: boolean,
): DevEntriesEdit {
  const result: DevEntriesEdit = {
    content: text,
    changed: false,
    added: [],
    replaced: [],
    unchanged: [],
  };
  if (devEntriesUnchangedByScan(text, label, keys, body)) {
    result.unchanged.push(...keys);
    return result;
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const { doc, data } = parseYamlSafe(text, label);
  checkManifest(data, label);
  const dev = isRecord(data) && isRecord(data.dev) ? data.dev : {};
  for (const key of keys) {
    if (!(key in dev)) result.added.push(key);
    else if (sameData(dev[key], body)) result.unchanged.push(key);
    else if (replace) result.replaced.push(key);
    else {
      throw new InputError(
        `${label} already has a dev service '${key}' with a different definition; ` +
          `set 'replace: true' to overwrite it`,
      );
    }
  }
  const changedKeys = [...result.replaced, ...result.added];
  if (changedKeys.length === 0) return result;
  const expected = {
    ...(isRecord(data) ? data : {}),
    dev: {
      ...dev,
      ...Object.fromEntries(changedKeys.map(key => [key, body])),
    },
  };
  const edit = editDevText(text, doc, result.added, result.replaced, body, eol);
  let content: string | undefined;
  if (
    edit &&
    ((edit.appended &&
      appendIsRight(text, label, edit.appended, dev, result.added, body)) ||
      parsesTo(edit.content, label, expected))
  ) {
    content = edit.content;
  } else {
    try {
      const normalised = editDevDocument(doc, changedKeys, body);
      if (parsesTo(normalised, label, expected)) content = normalised;
    } catch {
      // An alias left without its anchor, for one: refused below.
    }
  }
  if (content === undefined) {
    throw new InputError(
      `${label}: could not ${
        result.replaced.length ? 'replace' : 'add'
      } dev service '${changedKeys[0]}' without changing other content ` +
        '(does another entry use an anchor of it?); edit the manifest by hand',
    );
  }
  result.content = content;
  result.changed = true;
  return result;
}
