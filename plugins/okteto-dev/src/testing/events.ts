import { DevEventsResponse } from '@okteto-dev/plugin-okteto-dev-common';
import { ENTITY_REF, minutesAgo, WORKLOAD } from './builders';

/** What `GET /v1/events` answers while the app crashes on start (the `workloadCrashing` scenario). */
export function crashEvents(): DevEventsResponse {
  const pod = `${WORKLOAD}-7d9f8c6b5-k2l9p`;
  return {
    entityRef: ENTITY_REF,
    fetchedAt: new Date().toISOString(),
    items: [
      {
        type: 'Warning',
        reason: 'BackOff',
        message: `Back-off restarting failed container app in pod ${pod}`,
        object: { kind: 'Pod', name: pod },
        count: 12,
        lastSeen: minutesAgo(1),
      },
      {
        type: 'Warning',
        reason: 'Unhealthy',
        message:
          'Readiness probe failed: Get "http://10.42.0.17:3000/api/health": dial tcp 10.42.0.17:3000: connect: connection refused',
        object: { kind: 'Pod', name: pod },
        count: 3,
        lastSeen: minutesAgo(6),
      },
    ],
  };
}
