import { LinkButton } from '@backstage/core-components';
import {
  configApiRef,
  useApi,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import { oktetoDevTranslationRef } from '../../translation';
import { repositoryOf, templateHref } from './EnableOktetoButton';
import { DEFAULT_FIX_TEMPLATE, fixFormData, FixId } from './fixes';

/**
 * Opens the `fix-okteto-dev` template for one failing checklist item, filled in for this app: its
 * key, its repository (from the source location), the item, and for the dev service the app
 * folder and package the backend read.
 */
export function FixButton(props: {
  entity: Entity;
  status: DevStatus;
  fix: FixId;
}) {
  const { entity, status, fix } = props;
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const template =
    useApi(configApiRef).getOptionalString('oktetoDev.fixTemplate') ??
    DEFAULT_FIX_TEMPLATE;
  const href = templateHref(
    template,
    fixFormData({ fix, status, repository: repositoryOf(entity) }),
  );
  return (
    <LinkButton
      to={href}
      variant="outlined"
      color="primary"
      size="small"
      title={t('fix.hint', { app: status.target.app })}
    >
      {t('fix.button')}
    </LinkButton>
  );
}
