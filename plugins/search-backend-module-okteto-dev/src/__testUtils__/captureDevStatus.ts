import {
  coreServices,
  createBackendPlugin,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  DevStatusServiceApi,
  devStatusServiceRef,
} from '@okteto-dev/plugin-okteto-dev-node';

/** What {@link captureDevStatus} hands to the test. */
export interface Captured {
  devStatus?: DevStatusServiceApi;
  scheduler?: SchedulerService;
}

/**
 * A backend plugin that depends on `devStatusServiceRef`, as any other plugin would, and hands the
 * service (and the scheduler, to run collators now) to the test.
 */
export function captureDevStatus(found: Captured) {
  return createBackendPlugin({
    pluginId: 'dev-status-consumer',
    register(env) {
      env.registerInit({
        deps: {
          devStatus: devStatusServiceRef,
          scheduler: coreServices.scheduler,
        },
        async init({ devStatus, scheduler }) {
          found.devStatus = devStatus;
          found.scheduler = scheduler;
        },
      });
    },
  });
}
