import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DevStatus,
  OKTETO_DEV_APP_ANNOTATION,
} from '@okteto-dev/plugin-okteto-dev-common';
import { ResponseRedaction } from './redaction';
import { authorizedEntities, MAX_BATCH, normalizeEntityRef } from './router';
import { DevStatusService } from './service/DevStatusService';

interface ActionOptions {
  actionsRegistry: ActionsRegistryService;
  catalog: CatalogService;
  permissions: PermissionsService;
  service: DevStatusService;
  /** Hides cluster names and identities from callers without `okteto-dev.clusters.read`. */
  redaction?: ResponseRedaction;
}

/** One entity's status, with the same authorization as `GET /v1/status`. */
async function statusOf(
  entityRef: string,
  credentials: BackstageCredentials,
  options: ActionOptions,
): Promise<DevStatus> {
  const [found] = await authorizedEntities(
    [normalizeEntityRef(entityRef)],
    credentials,
    options,
  );
  if (found.error) throw found.error;
  const caller = options.redaction?.forCaller(credentials);
  try {
    const status = await options.service.getStatus(found.entity!);
    return caller ? await caller.status(status) : status;
  } catch (error) {
    throw caller ? await caller.error(error) : error;
  }
}

/** Who is in dev mode where: every annotated entity the caller may read, through the batch path. */
async function devSessions(
  credentials: BackstageCredentials,
  options: ActionOptions,
): Promise<DevStatus[]> {
  const { items } = await options.catalog.getEntities(
    {
      filter: {
        [`metadata.annotations.${OKTETO_DEV_APP_ANNOTATION}`]:
          CATALOG_FILTER_EXISTS,
      },
    },
    { credentials },
  );
  const refs = items.map(e => stringifyEntityRef(e));
  const statuses: DevStatus[] = [];
  for (let i = 0; i < refs.length; i += MAX_BATCH) {
    const found = await authorizedEntities(
      refs.slice(i, i + MAX_BATCH),
      credentials,
      options,
    );
    const outcomes = await options.service.getStatuses(
      found.flatMap(f => (f.entity ? [f.entity] : [])),
    );
    const caller = options.redaction?.forCaller(credentials);
    for (const o of outcomes) {
      if (o.ok)
        statuses.push(caller ? await caller.status(o.status) : o.status);
    }
  }
  return statuses.filter(
    s => s.okteto.state === 'on' || s.okteto.state === 'broken',
  );
}

/**
 * Registers okteto-dev's actions with the actions registry (for MCP clients, assistants and
 * templates), each with the same authorization as the HTTP endpoints: `get-status`,
 * `list-dev-sessions` and `explain-drift`.
 */
export function registerActions(options: ActionOptions) {
  const { actionsRegistry } = options;
  const readOnly = { readOnly: true, idempotent: true, destructive: false };

  actionsRegistry.register({
    name: 'get-status',
    title: 'Get the Okteto dev status of an entity',
    description:
      'Returns the dev environment of a catalog entity: its Argo CD dev Application (sync, health), whether someone is in Okteto dev mode on it, what the drift means, the readiness checklist and the commands to start dev mode.',
    attributes: readOnly,
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .describe(
              'The entity, as kind:namespace/name, e.g. component:default/corporate',
            ),
        }),
      output: z =>
        z.object({
          status: z
            .record(z.string(), z.unknown())
            .describe(
              'The DevStatus of the entity (see @okteto-dev/plugin-okteto-dev-common)',
            ),
        }),
    },
    action: async ({ input, credentials }) => ({
      output: {
        status: (await statusOf(
          input.entityRef,
          credentials as BackstageCredentials,
          options,
        )) as unknown as Record<string, unknown>,
      },
    }),
  });

  actionsRegistry.register({
    name: 'list-dev-sessions',
    title: 'List Okteto dev sessions',
    description:
      'Lists who is in Okteto dev mode on which app and since when, over every entity the caller may read: conflicting, broken and probably abandoned sessions (with the okteto down command that ends them) first.',
    attributes: readOnly,
    schema: {
      input: z => z.object({}),
      output: z =>
        z.object({
          sessions: z.array(
            z.object({
              entityRef: z.string(),
              namespace: z.string(),
              state: z.enum(['on', 'broken']),
              developer: z
                .string()
                .optional()
                .describe('Only known on Okteto Platform contexts'),
              since: z.string().optional(),
              ageSeconds: z.number().optional(),
              abandoned: z.boolean(),
              drift: z.string(),
              problems: z.array(z.string()),
              oktetoDown: z
                .string()
                .optional()
                .describe(
                  'Absent when withheld: the target guard or a bad value (see withheld)',
                ),
              withheld: z
                .array(z.string())
                .optional()
                .describe('Why no command is offered'),
            }),
          ),
        }),
    },
    action: async ({ credentials }) => {
      const sessions = (
        await devSessions(credentials as BackstageCredentials, options)
      ).map(s => ({
        entityRef: s.entityRef,
        namespace: s.target.namespace,
        state: s.okteto.state as 'on' | 'broken',
        ...(s.okteto.state !== 'error' && 'user' in s.okteto && s.okteto.user
          ? { developer: s.okteto.user }
          : {}),
        ...('since' in s.okteto && s.okteto.since
          ? { since: s.okteto.since }
          : {}),
        ...('ageSeconds' in s.okteto && s.okteto.ageSeconds !== undefined
          ? { ageSeconds: s.okteto.ageSeconds }
          : {}),
        abandoned: 'abandoned' in s.okteto && s.okteto.abandoned === true,
        drift: s.drift.kind,
        problems:
          s.okteto.state === 'broken'
            ? s.okteto.problems.map(p => p.message)
            : [],
        ...(s.commands ? { oktetoDown: s.commands.oktetoDown } : {}),
        ...(s.guard?.length ? { withheld: s.guard.map(g => g.message) } : {}),
      }));
      const urgency = (x: (typeof sessions)[number]) =>
        (x.drift === 'conflict' ? 4 : 0) +
        (x.state === 'broken' ? 2 : 0) +
        (x.abandoned ? 1 : 0);
      sessions.sort((a, b) => urgency(b) - urgency(a));
      return { output: { sessions } };
    },
  });

  actionsRegistry.register({
    name: 'explain-drift',
    title: 'Explain the Argo CD drift of an entity',
    description:
      'Explains what the difference between Git and the cluster means for an entity while Okteto dev mode may be on: expected (dev mode), a conflict (both the original and the dev pod serve), or drift that dev mode does not cause, naming each OutOfSync resource and what to do.',
    attributes: readOnly,
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().describe('The entity, as kind:namespace/name'),
        }),
      output: z =>
        z.object({
          kind: z.enum([
            'none',
            'expected-okteto',
            'conflict',
            'unexpected',
            'unknown',
          ]),
          cause: z.string().optional(),
          explanation: z.string(),
          resources: z.array(
            z.object({
              kind: z.string(),
              name: z.string(),
              status: z.string().optional(),
              causedByDevMode: z.boolean(),
            }),
          ),
          failingChecks: z.array(z.string()),
          withheld: z
            .array(z.string())
            .optional()
            .describe(
              'Why no okteto up, okteto down or scaling advice is given (the target guard, a bad value)',
            ),
        }),
    },
    action: async ({ input, credentials }) => {
      const status = await statusOf(
        input.entityRef,
        credentials as BackstageCredentials,
        options,
      );
      const { drift } = status;
      return {
        output: {
          kind: drift.kind,
          ...(drift.cause ? { cause: drift.cause } : {}),
          explanation: drift.message,
          resources: drift.resources.map(r => ({
            kind: r.kind,
            name: r.name,
            ...(r.status ? { status: r.status } : {}),
            causedByDevMode: r.cause === 'dev-mode',
          })),
          failingChecks: status.checklist
            .filter(i => i.status === 'fail')
            .map(i => i.message),
          ...(status.guard?.length
            ? { withheld: status.guard.map(g => g.message) }
            : {}),
        },
      };
    },
  });
}
