import { LinkButton } from '@backstage/core-components';
import {
  configApiRef,
  useApi,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import { ANNOTATION_SOURCE_LOCATION, Entity } from '@backstage/catalog-model';
import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { oktetoDevTranslationRef } from '../../translation';

/** Default of `oktetoDev.enableTemplate`. */
export const DEFAULT_ENABLE_TEMPLATE = 'default/enable-okteto';

/**
 * Link to a scaffolder template (`<namespace>/<name>`) with its form prefilled; empty values are
 * left out, so the form's defaults apply.
 */
export function templateHref(
  template: string,
  values: Record<string, string | undefined>,
): string {
  const formData = JSON.stringify(
    Object.fromEntries(Object.entries(values).filter(([, v]) => v)),
  );
  return `/create/templates/${template.replace(
    /^\/+|\/+$/g,
    '',
  )}?formData=${encodeURIComponent(formData)}`;
}

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
  return templateHref(template, values);
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

/**
 * Shown under the failing dev-service item when nobody is in dev mode: the template, with the
 * app, its package and folder (as the backend read them from the repository), the dev server URL
 * and the repository filled in.
 */
export function EnableOktetoButton(props: {
  entity: Entity;
  status: DevStatus;
}) {
  const { entity, status } = props;
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const template =
    useApi(configApiRef).getOptionalString('oktetoDev.enableTemplate') ??
    DEFAULT_ENABLE_TEMPLATE;
  const href = enableOktetoHref({
    template,
    app: status.target.app,
    package: status.target.package,
    appDir: status.target.appDir,
    serverUrl:
      status.workload.state === 'ok' ? status.workload.serverUrl : undefined,
    repository: repositoryOf(entity),
  });
  return (
    <Box mt={1} mb={1}>
      <LinkButton to={href} variant="contained" color="primary" size="small">
        {t('enable.button')}
      </LinkButton>
      <Typography variant="caption" component="p">
        {t('enable.hint')}
      </Typography>
    </Box>
  );
}
