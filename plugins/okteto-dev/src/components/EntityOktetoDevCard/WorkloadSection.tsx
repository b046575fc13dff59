import { Link } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import Typography from '@material-ui/core/Typography';
import { oktetoDevTranslationRef } from '../../translation';
import { PodList } from './PodList';

/**
 * The workload section's body (its heading, with the ready replicas, is in `sections.tsx`; this
 * loads when it opens): the Argo CD-managed workload, how Argo CD tracks it, its pods.
 */
export function WorkloadBody(props: { status: DevStatus }) {
  const { status } = props;
  const { workload, target } = status;
  const { t } = useTranslationRef(oktetoDevTranslationRef);

  let content;
  if (workload.state === 'error') {
    // why is said once, under the summary line
    content = (
      <Typography variant="body2" color="textSecondary">
        {t('card.notReadAbove')}
      </Typography>
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

  return content;
}
