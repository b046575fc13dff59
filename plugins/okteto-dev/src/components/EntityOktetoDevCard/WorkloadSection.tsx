import { Link } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import Typography from '@material-ui/core/Typography';
import { oktetoDevTranslationRef } from '../../translation';
import { CollapsibleSection } from './CollapsibleSection';
import { DevErrorLine } from './DevErrorLine';
import { PodList } from './PodList';
import { Tone } from './StatusChip';

/** The Argo CD-managed workload: ready replicas, how Argo CD tracks it, its pods. */
export function WorkloadSection(props: {
  status: DevStatus;
  attention?: Tone;
}) {
  const { status, attention } = props;
  const { workload, target } = status;
  const { t } = useTranslationRef(oktetoDevTranslationRef);

  let content;
  let summary: string | undefined;
  if (workload.state === 'error') {
    content = (
      <DevErrorLine title={t('workload.error')} error={workload.error} />
    );
  } else if (workload.state === 'not-found') {
    content = (
      <Typography variant="body2">
        {t('workload.notFound', {
          name: target.workload,
          namespace: target.namespace,
        })}
      </Typography>
    );
  } else {
    summary = t('workload.summary', {
      kind: workload.kind,
      name: workload.name,
      ready: String(workload.readyReplicas),
      replicas: String(workload.replicas),
    });
    content = (
      <>
        {status.links?.app && (
          <Typography variant="body2">
            <Link to={status.links.app}>
              {t('workload.open', { url: status.links.app })}
            </Link>
          </Typography>
        )}
        {workload.tracking && (
          <Typography variant="body2" color="textSecondary">
            {t(`workload.tracking.${workload.tracking}`)}
          </Typography>
        )}
        {workload.image && (
          <Typography variant="body2" color="textSecondary">
            {t('workload.image', { image: workload.image })}
          </Typography>
        )}
        <PodList pods={workload.pods} label={t('workload.title')} />
      </>
    );
  }

  return (
    <CollapsibleSection
      title={t('workload.title')}
      summary={summary}
      tone={attention}
      defaultOpen={Boolean(attention)}
    >
      {content}
    </CollapsibleSection>
  );
}
