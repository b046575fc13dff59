// The README's example of another plugin using devStatusServiceRef, kept here so it is tested.
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { devStatusServiceRef } from '@okteto-dev/plugin-okteto-dev-node';
import Router from 'express-promise-router';

/** `GET /api/in-dev-mode?entityRef=…&entityRef=…`: which of these entities are in dev mode. */
export const inDevModePlugin = createBackendPlugin({
  pluginId: 'in-dev-mode',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        devStatus: devStatusServiceRef,
      },
      async init({ httpRouter, httpAuth, devStatus }) {
        const router = Router();
        router.get('/', async (req, res) => {
          // Read as the signed-in user: only what they may see comes back.
          const credentials = await httpAuth.credentials(req, {
            allow: ['user'],
          });
          const { items } = await devStatus.getStatuses(
            { entityRefs: [req.query.entityRef ?? []].flat().map(String) },
            { credentials },
          );
          res.json(
            items
              .filter(status => status.okteto.state === 'on')
              .map(status => status.entityRef),
          );
        });
        httpRouter.use(router);
      },
    });
  },
});
