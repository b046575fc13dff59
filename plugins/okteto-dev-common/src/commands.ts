import { DevTarget } from './conventions';
import { DevCommands } from './types';

/**
 * The exact commands a developer runs for the entity's dev environment.
 *
 * @public
 */
export function buildDevCommands(
  target: Pick<DevTarget, 'devService' | 'namespace' | 'package'>,
): DevCommands {
  return {
    oktetoUp: `okteto up ${target.devService} --namespace ${target.namespace}`,
    oktetoDown: `okteto down ${target.devService} --namespace ${target.namespace}`,
    dev: `pnpm --filter ${target.package} dev`,
  };
}
