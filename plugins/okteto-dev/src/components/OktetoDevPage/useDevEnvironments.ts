import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi, useApiHolder } from '@backstage/core-plugin-api';
import {
  CATALOG_FILTER_EXISTS,
  catalogApiRef,
} from '@backstage/plugin-catalog-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import {
  DevStatus,
  DevStatusBatchResponse,
  OKTETO_DEV_APP_ANNOTATION,
} from '@okteto-dev/plugin-okteto-dev-common';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { OktetoDevApi, oktetoDevApiRef } from '../../api';
import {
  channelOf,
  isPushed,
  renewAtOf,
  usePollWhileVisible,
  useRefreshIntervalMs,
  useRenewal,
} from '../../live';
import { DevRow, toRow } from './rows';

/** The most entity refs `POST /v1/status/batch` takes. */
export const MAX_BATCH = 500;

/** Entity refs compare case-insensitively, as the catalog compares them. */
const refKey = (ref: string) => ref.toLocaleLowerCase('en-US');

/** Signals that arrive within this many milliseconds are refetched in one request. */
const COALESCE_MS = 100;

/** What the page shows: rows once loaded, the first failure, a later refresh's failure. */
export interface DevEnvironmentsState {
  /** The listed entities with their statuses; undefined until the first answer. */
  rows?: DevRow[];
  /** Why the page could not load. */
  error?: Error;
  /** Why the last refresh failed (the rows are the previous answer). */
  refreshError?: Error;
  /** How many annotated entities the catalog returned (listed or not). */
  annotated: number;
}

/** The statuses of `refs`, in requests of at most {@link MAX_BATCH}. */
async function fetchStatuses(
  api: OktetoDevApi,
  refs: string[],
): Promise<DevStatusBatchResponse> {
  const chunks: string[][] = [];
  for (let i = 0; i < refs.length; i += MAX_BATCH) {
    chunks.push(refs.slice(i, i + MAX_BATCH));
  }
  const answers = await Promise.all(chunks.map(c => api.getStatuses(c)));
  return {
    items: answers.flatMap(a => a.items),
    failures: answers.flatMap(a => a.failures ?? []),
  };
}

/**
 * Applies an answer: newer statuses replace older ones (answers may arrive out of order), an
 * entity that failed (denied, gone) is no longer listed.
 */
function merge(
  current: Map<string, DevStatus>,
  answer: DevStatusBatchResponse,
): Map<string, DevStatus> {
  const next = new Map(current);
  for (const status of answer.items) {
    const before = next.get(status.entityRef);
    if (!before || before.fetchedAt <= status.fetchedAt) {
      next.set(status.entityRef, status);
    }
  }
  for (const failure of answer.failures ?? []) {
    next.delete(failure.entityRef);
  }
  return next;
}

/**
 * Every entity with `okteto-dev/app` the user may read, with its dev status: the catalog, then the
 * batch endpoint. Kept current like the card: with the signals plugin, each listed entity's
 * channel is followed and a signal refetches that entity alone; entities the backend does not
 * push (or every entity, without signals) are polled on the card's interval while the tab is
 * visible.
 */
export function useDevEnvironments(): DevEnvironmentsState {
  const catalogApi = useApi(catalogApiRef);
  const api = useApi(oktetoDevApiRef);
  const signalApi = useApiHolder().get(signalApiRef);
  const intervalMs = useRefreshIntervalMs();
  const [statuses, setStatuses] = useState<Map<string, DevStatus>>();
  const [refreshError, setRefreshError] = useState<Error>();

  const catalog = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: {
        [`metadata.annotations.${OKTETO_DEV_APP_ANNOTATION}`]:
          CATALOG_FILTER_EXISTS,
      },
      fields: [
        'kind',
        'metadata.namespace',
        'metadata.name',
        'metadata.title',
        'metadata.annotations',
        'spec.owner',
        'spec.system',
        'relations',
      ],
    });
    return new Map<string, Entity>(
      items.map(entity => [refKey(stringifyEntityRef(entity)), entity]),
    );
  }, [catalogApi]);
  const entities = catalog.value;

  const first = useAsync(async () => {
    if (!entities || entities.size === 0) return undefined;
    const answer = await fetchStatuses(
      api,
      [...entities.values()].map(entity => stringifyEntityRef(entity)),
    );
    setStatuses(merge(new Map(), answer));
    return answer;
  }, [api, entities]);

  const refetch = useCallback(
    async (refs: string[]) => {
      if (refs.length === 0) return;
      try {
        const answer = await fetchStatuses(api, refs);
        setStatuses(current => merge(current ?? new Map(), answer));
        setRefreshError(undefined);
      } catch (error) {
        setRefreshError(error as Error);
      }
    },
    [api],
  );

  // signals: one subscription per listed entity the backend pushes, on the opaque channel its
  // status came with; a signal refetches that entity alone, at once while the tab is visible,
  // else when it becomes visible again
  const pushedKey = useMemo(
    () =>
      [...(statuses?.values() ?? [])]
        .flatMap(status => {
          const channel = channelOf(status);
          return channel ? [`${status.entityRef}\t${channel}`] : [];
        })
        .sort()
        .join('\n'),
    [statuses],
  );
  const changed = useRef(new Set<string>());
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const flush = useCallback(() => {
    timer.current = undefined;
    if (document.visibilityState === 'hidden') return;
    const refs = [...changed.current];
    changed.current.clear();
    refetch(refs);
  }, [refetch]);
  useEffect(() => {
    if (!signalApi || pushedKey === '') return undefined;
    const subscriptions = pushedKey.split('\n').map(line => {
      const [ref, channel] = line.split('\t');
      return signalApi.subscribe(channel, () => {
        changed.current.add(ref);
        if (timer.current === undefined) {
          timer.current = setTimeout(flush, COALESCE_MS);
        }
      });
    });
    const onVisibilityChange = () => {
      if (document.visibilityState !== 'hidden' && changed.current.size > 0) {
        flush();
      }
    };
    document.addEventListener('visibilitychange', onVisibilityChange);
    return () => {
      subscriptions.forEach(s => s.unsubscribe());
      document.removeEventListener('visibilitychange', onVisibilityChange);
      if (timer.current !== undefined) clearTimeout(timer.current);
      timer.current = undefined;
    };
  }, [signalApi, pushedKey, flush]);

  // the channels rotate: once the first of them does, refetch the pushed entities whose channel
  // did (their answers carry the next ones), as changes would be: at once, or once visible
  const renewals = useMemo(() => {
    const pushedStatuses = signalApi
      ? [...(statuses?.values() ?? [])].filter(isPushed)
      : [];
    const times = pushedStatuses.flatMap(status => {
      const at = Date.parse(renewAtOf(status) ?? '');
      return Number.isFinite(at) ? [{ ref: status.entityRef, at }] : [];
    });
    const earliest = Math.min(...times.map(t => t.at));
    return Number.isFinite(earliest)
      ? { at: new Date(earliest).toISOString(), times }
      : undefined;
  }, [statuses, signalApi]);
  const renewalsRef = useRef(renewals);
  renewalsRef.current = renewals;
  const renew = useCallback(() => {
    const now = Date.now();
    for (const { ref, at } of renewalsRef.current?.times ?? []) {
      if (at <= now) changed.current.add(ref);
    }
    flush();
  }, [flush]);
  useRenewal(renewals?.at, renew);

  // polling: the entities no signal would come for
  const polled = useMemo(
    () =>
      [...(statuses?.values() ?? [])]
        .filter(status => !(signalApi && isPushed(status)))
        .map(status => status.entityRef),
    [statuses, signalApi],
  );
  const polledRef = useRef(polled);
  polledRef.current = polled;
  const poll = useCallback(() => refetch(polledRef.current), [refetch]);
  usePollWhileVisible(poll, polled.length > 0 ? intervalMs : 0);

  const rows = useMemo(() => {
    if (!entities) return undefined;
    if (entities.size === 0) return [];
    if (!statuses) return undefined;
    return [...statuses.values()].flatMap(status => {
      const entity = entities.get(refKey(status.entityRef));
      return entity ? [toRow(entity, status)] : [];
    });
  }, [entities, statuses]);

  return {
    rows,
    error: catalog.error ?? first.error,
    refreshError,
    annotated: entities?.size ?? 0,
  };
}
