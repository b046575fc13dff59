import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { PermissionsService } from '@backstage/backend-plugin-api';
import { authorizedEntities, normalizeEntityRef } from './router';
import { DevStatusService } from './service/DevStatusService';

/**
 * Registers `okteto-dev:get-status` with the actions registry, so MCP clients and templates can ask
 * for a dev status with the same authorization as the HTTP endpoint.
 */
export function registerActions(options: {
  actionsRegistry: ActionsRegistryService;
  catalog: CatalogService;
  permissions: PermissionsService;
  service: DevStatusService;
}) {
  const { actionsRegistry, service } = options;
  actionsRegistry.register({
    name: 'get-status',
    title: 'Get the Okteto dev status of an entity',
    description:
      'Returns the dev environment of a catalog entity: its Argo CD dev Application (sync, health), whether someone is in Okteto dev mode on it, what the drift means, the readiness checklist and the commands to start dev mode.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
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
    action: async ({ input, credentials }) => {
      const entityRef = normalizeEntityRef(input.entityRef);
      const [found] = await authorizedEntities(
        [entityRef],
        credentials as BackstageCredentials,
        options,
      );
      if (found.error) throw found.error;
      const status = await service.getStatus(found.entity!);
      return {
        output: { status: status as unknown as Record<string, unknown> },
      };
    },
  });
}
