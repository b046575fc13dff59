/*
 * The local Backstage backend of okteto-dev: catalog, scaffolder, search, guest sign-in,
 * allow-all permissions, signals and notifications, in-memory SQLite, and the okteto-dev
 * plugins. Configured by the root app-config.yaml; `npm start` runs it against the kube-sandbox
 * web-core scenario.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);

backend.add(import('@backstage/plugin-scaffolder-backend'));
// Each host's own pull-request action; the okteto-dev templates pick the one for the repository.
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-gitlab'));
backend.add(import('@okteto-dev/plugin-scaffolder-backend-module-okteto-dev'));

backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@okteto-dev/plugin-search-backend-module-okteto-dev'));

// Signals push okteto-dev's status changes to open cards; notifications tell owners about
// conflicting, broken or abandoned dev sessions (oktetoDev.notifications in app-config.yaml).
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));

backend.add(import('@okteto-dev/plugin-okteto-dev-backend'));

backend.start();
