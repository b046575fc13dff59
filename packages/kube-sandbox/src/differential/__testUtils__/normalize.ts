/*
 * What may differ between two API servers answering the same request: uids,
 * times, resourceVersions (and the continue tokens and `Age` cells made of
 * them), managedFields and the random part of generated names. Everything
 * else must be equal.
 */

const TIME_KEYS = new Set([
  'creationTimestamp',
  'deletionTimestamp',
  'time',
  'lastTransitionTime',
  'lastUpdateTime',
  'lastProbeTime',
  'lastHeartbeatTime',
  'startTime',
  'startedAt',
  'finishedAt',
  'firstTimestamp',
  'lastTimestamp',
  'eventTime',
  'lastObservedTime',
  'deprecatedFirstTimestamp',
  'deprecatedLastTimestamp',
]);

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

export interface NormalizeOptions {
  /** Names made from `generateName` (`<prefix><5 chars>`) become `<prefix>*****`. */
  generated?: boolean;
  /** Drop these keys wherever they appear (e.g. `status` of controller-owned objects). */
  drop?: string[];
}

function normalizeTableRows(table: any, options: NormalizeOptions): any {
  const columns: Array<{ name: string }> = table.columnDefinitions ?? [];
  const ageIndex = columns.findIndex(c => c.name === 'Age');
  return {
    ...table,
    rows: (table.rows ?? []).map((row: any) => ({
      ...row,
      cells:
        ageIndex >= 0
          ? row.cells.map((c: unknown, i: number) =>
              i === ageIndex ? '<age>' : c,
            )
          : row.cells,
      ...(row.object ? { object: normalize(row.object, options) } : {}),
    })),
  };
}

/** A copy of `value` with the parts two servers may legitimately differ in replaced. */
export function normalize(value: any, options: NormalizeOptions = {}): any {
  if (Array.isArray(value)) return value.map(v => normalize(v, options));
  if (!value || typeof value !== 'object') return value;
  if (value.kind === 'Table' && Array.isArray(value.rows)) {
    const { rows, ...rest } = normalizeTableRows(value, options);
    return { ...normalize(rest, options), rows };
  }
  const out: Record<string, any> = {};
  for (const [key, v] of Object.entries(value)) {
    if (options.drop?.includes(key)) continue;
    if (key === 'managedFields') continue;
    if (key === 'uid' && typeof v === 'string') out[key] = '<uid>';
    else if (key === 'resourceVersion' && typeof v === 'string' && v !== '')
      out[key] = '<rv>';
    else if (key === 'continue' && typeof v === 'string' && v !== '')
      out[key] = '<continue>';
    else if (TIME_KEYS.has(key) && typeof v === 'string' && ISO_TIME.test(v))
      out[key] = '<time>';
    else out[key] = normalize(v, options);
  }
  const meta = out.metadata;
  if (
    options.generated &&
    meta &&
    typeof meta.generateName === 'string' &&
    typeof meta.name === 'string' &&
    meta.name.startsWith(meta.generateName)
  ) {
    meta.name = `${meta.generateName}*****`;
  }
  return out;
}

/** Sorts list items (and Table rows) by namespace/name, for lists whose order is not the point. */
export function byName(list: any): any {
  const key = (o: any) =>
    `${o?.metadata?.namespace ?? ''}/${o?.metadata?.name ?? ''}`;
  if (Array.isArray(list?.items)) {
    return {
      ...list,
      items: [...list.items].sort((a, b) => key(a).localeCompare(key(b))),
    };
  }
  return list;
}
