import { stringifyEntityRef } from '@backstage/catalog-model';
import { IconLinkVerticalProps } from '@backstage/core-components';
import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { DevLinks } from '@okteto-dev/plugin-okteto-dev-common';
import LaunchIcon from '@material-ui/icons/Launch';
import SyncIcon from '@material-ui/icons/Sync';
import useAsync from 'react-use/esm/useAsync';
import { oktetoDevApiRef } from '../../api';
import { oktetoDevTranslationRef } from '../../translation';

/** The links of the entity in context, once its status is read. */
function useDevLinks(): DevLinks | undefined {
  const { entity } = useEntity();
  const api = useApi(oktetoDevApiRef);
  const entityRef = stringifyEntityRef(entity);
  const { value } = useAsync(() => api.getStatus(entityRef), [api, entityRef]);
  return value?.links;
}

type IconLinkProps = Omit<IconLinkVerticalProps, 'color'>;

/**
 * A header icon link of the About card; without a link the backend could build, it stays
 * disabled, as the catalog's own "View Source" does without a source.
 */
function iconLink(
  label: string,
  icon: JSX.Element,
  href: string | undefined,
  unavailable: string,
): IconLinkProps {
  return href
    ? { label, icon, href }
    : { label, icon, disabled: true, title: unavailable };
}

/** Props of the entity icon link "Argo CD": the dev Application in the Argo CD UI. */
export function useArgoCdIconLinkProps(): IconLinkProps {
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const links = useDevLinks();
  return iconLink(
    t('iconLink.argocd'),
    <SyncIcon />,
    links?.argocd,
    t('iconLink.unavailable'),
  );
}

/** Props of the entity icon link "Dev app": the app's dev URL. */
export function useDevAppIconLinkProps(): IconLinkProps {
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const links = useDevLinks();
  return iconLink(
    t('iconLink.app'),
    <LaunchIcon />,
    links?.app,
    t('iconLink.unavailable'),
  );
}
