import { LinkButton } from '@backstage/core-components';
import {
  configApiRef,
  useApi,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import { ANNOTATION_SOURCE_LOCATION, Entity } from '@backstage/catalog-model';
import {
  DEFAULT_DEV_CONVENTIONS,
  DevStatus,
  fillTemplate,
  OKTETO_DEV_APP_DIR_ANNOTATION,
} from '@okteto-dev/plugin-okteto-dev-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { oktetoDevTranslationRef } from '../../translation';

/** Default of `oktetoDev.enableTemplate`. */
export const DEFAULT_ENABLE_TEMPLATE = 'default/enable-okteto';

/**
 * Link to the scaffolder template that adds the app's Okteto dev entry, with the form prefilled.
 */
export function enableOktetoHref(options: {
  template: string;
  app: string;
  package: string;
  appDir: string;
  serverUrl?: string;
  repository?: string;
}): string {
  const { template, ...values } = options;
  const formData = JSON.stringify(
    Object.fromEntries(Object.entries(values).filter(([, v]) => v)),
  );
  return `/create/templates/${template}?formData=${encodeURIComponent(
    formData,
  )}`;
}

/**
 * The entity's repository in RepoUrlPicker form (`github.com?owner=o&repo=r`), from its source
 * location, or undefined when that is not a `https://host/owner/repo/...` URL.
 */
export function repositoryOf(entity: Entity): string | undefined {
  const location = entity.metadata.annotations?.[ANNOTATION_SOURCE_LOCATION];
  const match = location?.match(
    /^url:https:\/\/([^/]+)\/([^/]+)\/([^/]+?)(\.git)?(\/|$)/,
  );
  if (!match) return undefined;
  const [, host, owner, repo] = match;
  return `${host}?owner=${encodeURIComponent(owner)}&repo=${encodeURIComponent(
    repo,
  )}`;
}

/** Shown when the checklist says the app has no Okteto dev entry. */
export function EnableOktetoButton(props: {
  entity: Entity;
  status: DevStatus;
}) {
  const { entity, status } = props;
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const template =
    useApi(configApiRef).getOptionalString('oktetoDev.enableTemplate') ??
    DEFAULT_ENABLE_TEMPLATE;
  // The backend resolves appDir with the configured conventions; older backends did not send it.
  const appDir =
    status.target.appDir ||
    entity.metadata.annotations?.[OKTETO_DEV_APP_DIR_ANNOTATION]?.trim() ||
    fillTemplate(DEFAULT_DEV_CONVENTIONS.appDir, { app: status.target.app });
  const href = enableOktetoHref({
    template: template.replace(/^\/+|\/+$/g, ''),
    app: status.target.app,
    package: status.target.package,
    appDir,
    serverUrl:
      status.workload.state === 'ok' ? status.workload.serverUrl : undefined,
    repository: repositoryOf(entity),
  });
  return (
    <Box mb={2}>
      <Typography variant="body2" gutterBottom>
        {t('enable.hint')}
      </Typography>
      <LinkButton to={href} variant="contained" color="primary">
        {t('enable.button')}
      </LinkButton>
    </Box>
  );
}
