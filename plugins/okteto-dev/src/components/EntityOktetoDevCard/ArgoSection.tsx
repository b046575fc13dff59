import { Link } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import Typography from '@material-ui/core/Typography';
import { oktetoDevTranslationRef } from '../../translation';
import { ArgoNotices } from './ArgoNotices';
import { commitUrl, shortSha } from './revision';
import { formatSince, useLanguage } from './time';

/** "Open in Argo CD" and the Application's file in the repository, those the backend could build. */
function ArgoLinks(props: { status: DevStatus }) {
  const { links } = props.status;
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const parts = [
    links?.argocd && (
      <Link key="argocd" to={links.argocd}>
        {t('argo.open')}
      </Link>
    ),
    links?.applicationFile && (
      <Link key="file" to={links.applicationFile}>
        {t('links.applicationFile')}
      </Link>
    ),
  ].filter(Boolean);
  if (parts.length === 0) return null;
  return (
    <Typography variant="body2">
      {parts.flatMap((part, i) => (i === 0 ? [part] : [' · ', part]))}
    </Typography>
  );
}

/**
 * The Argo CD section's body (its heading is in `sections.tsx`; this loads when it opens): the
 * Application, the deployed revision and when it was synced, and whatever Argo CD reports beyond
 * that. Sync and health are on the summary line.
 */
export function ArgoBody(props: { status: DevStatus }) {
  const { status } = props;
  const { argo, target } = status;
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const language = useLanguage();
  const application = {
    namespace: target.application.namespace,
    name: target.application.name,
  };

  let content;
  if (argo.state === 'error') {
    // why is said once, under the summary line
    content = (
      <Typography variant="body2" color="textSecondary">
        {t('card.notReadAbove')}
      </Typography>
    );
  } else if (argo.state === 'not-found') {
    const file = status.links?.applicationFile;
    content = (
      <Typography variant="body2">
        {t('argo.notFound', {
          ...application,
          file: file ? (
            <Link to={file}>{target.applicationPath}</Link>
          ) : (
            target.applicationPath
          ),
        })}
      </Typography>
    );
  } else {
    const syncedAgo = formatSince(argo.lastSyncedAt, language);
    const url = commitUrl(argo);
    const sha = argo.revision ? shortSha(argo.revision) : undefined;
    content = (
      <>
        <Typography variant="body2">
          {t('argo.application', application)}
          {sha && ' · '}
          {sha && url && <Link to={url}>{t('argo.revision', { sha })}</Link>}
          {sha && !url && t('argo.revision', { sha })}
          {syncedAgo && ` · ${t('argo.syncedAgo', { time: syncedAgo })}`}
        </Typography>
        <ArgoLinks status={status} />
        {argo.healthMessage && (
          <Typography variant="body2" color="textSecondary">
            {argo.healthMessage}
          </Typography>
        )}
        <ArgoNotices argo={argo} />
      </>
    );
  }

  return content;
}
