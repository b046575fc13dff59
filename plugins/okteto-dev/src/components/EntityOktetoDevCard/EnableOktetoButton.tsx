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
 * The entity's repository in RepoUrlPicker form, from its source location, or undefined when the
 * URL does not tell it: `github.com?owner=o&repo=r` (GitHub, Gitea: `https://host/owner/repo/...`),
 * `gitlab.com?owner=group/sub&repo=r` (GitLab: `https://host/group/sub/repo/-/...`),
 * `host?project=P&repo=r` (Bitbucket Server: `.../projects/P/repos/r/...`) and
 * `dev.azure.com?organization=o&project=p&repo=r` (Azure DevOps: `.../o/p/_git/r`). Bitbucket Cloud
 * values need the workspace's project, which its URLs do not hold: the form asks for it.
 */
export function repositoryOf(entity: Entity): string | undefined {
  const location = entity.metadata.annotations?.[ANNOTATION_SOURCE_LOCATION];
  const match = location?.match(/^url:https:\/\/([^/?#]+)\/([^?#]*)/);
  if (!match) return undefined;
  const [, host, rest] = match;
  const segments = rest.split('/').filter(Boolean).map(decodeURIComponent);
  const value = (params: Record<string, string>) =>
    `${host}?${Object.entries(params)
      .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
      .join('&')}`;
  const at = (marker: string) => segments.indexOf(marker);
  if (host === 'bitbucket.org') return undefined;
  if (segments[0] === 'projects' && segments[2] === 'repos' && segments[3]) {
    return value({ project: segments[1], repo: segments[3] });
  }
  if (at('_git') === 2 && segments[3]) {
    return value({
      organization: segments[0],
      project: segments[1],
      repo: segments[3].replace(/\.git$/, ''),
    });
  }
  // GitLab: the project path (groups and subgroups, then the project) ends where `/-/` starts
  const dash = at('-');
  const path = dash >= 2 ? segments.slice(0, dash) : segments.slice(0, 2);
  if (path.length < 2) return undefined;
  return value({
    owner: path.slice(0, -1).join('/'),
    repo: path[path.length - 1].replace(/\.git$/, ''),
  });
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
