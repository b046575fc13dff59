import { LinkButton } from '@backstage/core-components';
import {
  configApiRef,
  useApi,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import { Entity } from '@backstage/catalog-model';
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
}): string {
  const formData = JSON.stringify({
    app: options.app,
    package: options.package,
    appDir: options.appDir,
  });
  return `/create/templates/${options.template}?formData=${encodeURIComponent(
    formData,
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
