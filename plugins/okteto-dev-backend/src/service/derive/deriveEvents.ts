import { DevEvent, DevTarget } from '@okteto-dev/plugin-okteto-dev-common';
import { KubeEvent } from './types';
import { isoTime, OKTETO } from './workloads';

const MAX_EVENTS = 20;

/**
 * The Warning events about the workload, its dev clone and what they own (ReplicaSets
 * `<deployment>-<hash>`, Pods `<deployment>-<hash>-<id>`), newest first.
 */
export function deriveEvents(
  events: KubeEvent[],
  target: Pick<DevTarget, 'workload'>,
): DevEvent[] {
  const owners = [`${target.workload}${OKTETO.cloneSuffix}`, target.workload];
  const ours = (name: string) =>
    owners.some(o => name === o || name.startsWith(`${o}-`));
  return events
    .filter(e => ours(e.involvedObject?.name ?? ''))
    .map(e => ({
      type: e.type ?? 'Warning',
      ...(e.reason ? { reason: e.reason } : {}),
      ...(e.message ? { message: e.message.slice(0, 500) } : {}),
      object: {
        kind: e.involvedObject?.kind ?? '',
        name: e.involvedObject?.name ?? '',
      },
      count: e.series?.count ?? e.count ?? 1,
      ...(isoTime(e.series?.lastObservedTime) ??
      isoTime(e.lastTimestamp) ??
      isoTime(e.eventTime)
        ? {
            lastSeen:
              isoTime(e.series?.lastObservedTime) ??
              isoTime(e.lastTimestamp) ??
              isoTime(e.eventTime),
          }
        : {}),
    }))
    .sort((a, b) => (b.lastSeen ?? '').localeCompare(a.lastSeen ?? ''))
    .slice(0, MAX_EVENTS);
}
