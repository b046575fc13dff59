import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import Typography from '@material-ui/core/Typography';
import { oktetoDevTranslationRef } from '../../translation';
import { DevErrorLine } from './DevErrorLine';
import { PodList } from './PodList';
import { Section } from './Section';

/** The Argo CD-managed workload: ready replicas and its pods (crash loops show here). */
export function WorkloadSection(props: { status: DevStatus }) {
  const { workload, target } = props.status;
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  return (
    <Section title={t('workload.title')}>
      {workload.state === 'error' && (
        <DevErrorLine title={t('workload.error')} error={workload.error} />
      )}
      {workload.state === 'not-found' && (
        <Typography variant="body2">
          {t('workload.notFound', { namespace: target.namespace })}
        </Typography>
      )}
      {workload.state === 'ok' && (
        <>
          <Typography variant="body2">
            {t('workload.summary', {
              kind: workload.kind,
              name: workload.name,
              ready: String(workload.readyReplicas),
              replicas: String(workload.replicas),
            })}
          </Typography>
          <PodList pods={workload.pods} label={t('workload.title')} />
        </>
      )}
    </Section>
  );
}
