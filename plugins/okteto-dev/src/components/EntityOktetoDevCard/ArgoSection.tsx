import { Link } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import Typography from '@material-ui/core/Typography';
import { oktetoDevTranslationRef } from '../../translation';
import { ArgoNotices } from './ArgoNotices';
import { CollapsibleSection } from './CollapsibleSection';
import { DevErrorLine } from './DevErrorLine';
import { commitUrl, shortSha } from './revision';
import { Tone } from './StatusChip';
import { formatSince, useLanguage } from './time';

/**
 * Argo CD: the Application, the deployed revision and when it was synced, and whatever Argo CD
 * reports beyond that. Sync and health are on the summary line.
 */
export function ArgoSection(props: { status: DevStatus; attention?: Tone }) {
  const { status, attention } = props;
  const { argo, target } = status;
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const language = useLanguage();
  const application = {
    namespace: target.application.namespace,
    name: target.application.name,
  };

  let content;
  if (argo.state === 'error') {
    content = <DevErrorLine title={t('argo.error')} error={argo.error} />;
  } else if (argo.state === 'not-found') {
    content = (
      <Typography variant="body2">
        {t('argo.notFound', { ...application, file: target.applicationPath })}
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
        {status.links?.argocd && (
          <Typography variant="body2">
            <Link to={status.links.argocd}>{t('argo.open')}</Link>
          </Typography>
        )}
        {argo.healthMessage && (
          <Typography variant="body2" color="textSecondary">
            {argo.healthMessage}
          </Typography>
        )}
        <ArgoNotices argo={argo} />
      </>
    );
  }

  return (
    <CollapsibleSection
      title={t('argo.title')}
      tone={attention}
      defaultOpen={Boolean(attention)}
    >
      {content}
    </CollapsibleSection>
  );
}
