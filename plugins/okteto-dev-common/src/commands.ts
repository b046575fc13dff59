import { DevCommands } from './types';

/**
 * The exact commands a developer runs for the entity's dev environment. When the dev entry has a
 * `command`, okteto up runs it in the dev container itself, so that is what runs the app;
 * otherwise the developer types the package's dev script in the dev container's shell.
 *
 * @public
 */
export function buildDevCommands(options: {
  devService: string;
  namespace: string;
  package: string;
  /** The dev entry's `command`, when it has one. */
  entryCommand?: string;
}): DevCommands {
  const { devService, namespace } = options;
  return {
    oktetoUp: `okteto up ${devService} --namespace ${namespace}`,
    oktetoDown: `okteto down ${devService} --namespace ${namespace}`,
    ...(options.entryCommand
      ? { dev: options.entryCommand, devSource: 'dev-entry' as const }
      : {
          dev: `pnpm --filter ${options.package} dev`,
          devSource: 'package' as const,
        }),
  };
}
