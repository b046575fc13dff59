import { Link } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { oktetoDevTranslationRef } from '../../translation';
import { DevErrorLine } from './DevErrorLine';
import { commitUrl, shortSha } from './revision';
import { Section } from './Section';
import { HEALTH_TONES, SYNC_TONES } from './argoTones';
import { StatusChip } from './StatusChip';
import { formatSince, useLanguage } from './time';

const SETTLED_PHASES = ['Succeeded', 'Running'];

/** Argo CD: sync and health chips, the synced revision and when it was synced. */
export function ArgoSection(props: { status: DevStatus }) {
  const { argo, target } = props.status;
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const language = useLanguage();
  const application = {
    namespace: target.application.namespace,
    name: target.application.name,
  };

  if (argo.state === 'error') {
    return (
      <Section title={t('argo.title')}>
        <DevErrorLine title={t('argo.error')} error={argo.error} />
      </Section>
    );
  }
  if (argo.state === 'not-found') {
    return (
      <Section title={t('argo.title')}>
        <Alert severity="warning">{t('argo.notFound', application)}</Alert>
      </Section>
    );
  }

  const syncedAgo = formatSince(
    argo.lastSyncedAt ?? argo.operation?.finishedAt,
    language,
  );
  const url = commitUrl(argo);
  const sha = argo.revision ? shortSha(argo.revision) : undefined;
  const operation = argo.operation;

  return (
    <Section title={t('argo.title')}>
      <Box display="flex" flexWrap="wrap" alignItems="center">
        <StatusChip
          tone={SYNC_TONES[argo.sync] ?? 'neutral'}
          label={t(`argo.sync.${argo.sync}`)}
        />
        <StatusChip
          tone={HEALTH_TONES[argo.health] ?? 'neutral'}
          label={t(`argo.health.${argo.health}`)}
        />
        {sha && (
          <Typography variant="body2" component="span">
            {url ? (
              <Link to={url}>{t('argo.revision', { sha })}</Link>
            ) : (
              t('argo.revision', { sha })
            )}
          </Typography>
        )}
        {syncedAgo && (
          <Typography variant="body2" component="span" color="textSecondary">
            &nbsp;·&nbsp;{t('argo.syncedAgo', { time: syncedAgo })}
          </Typography>
        )}
      </Box>
      <Typography variant="caption" color="textSecondary" component="p">
        {t('argo.application', application)}
      </Typography>
      {argo.healthMessage && (
        <Typography variant="body2">{argo.healthMessage}</Typography>
      )}
      {operation && !SETTLED_PHASES.includes(operation.phase) && (
        <Alert severity="warning">
          {t('argo.operation', {
            phase: operation.phase,
            message: operation.message ?? '',
          })}
        </Alert>
      )}
    </Section>
  );
}
