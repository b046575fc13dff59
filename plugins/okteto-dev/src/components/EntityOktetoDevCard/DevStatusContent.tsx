import { Entity } from '@backstage/catalog-model';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { DevError, DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import Box from '@material-ui/core/Box';
import Alert from '@material-ui/lab/Alert';
import { oktetoDevTranslationRef } from '../../translation';
import { ArgoSection } from './ArgoSection';
import { Checklist } from './Checklist';
import { CommandList } from './CommandList';
import { DevErrorLine } from './DevErrorLine';
import { DriftNote } from './DriftNote';
import { EnableOktetoButton } from './EnableOktetoButton';
import { OktetoSection } from './OktetoSection';
import { formatAge, useLanguage } from './time';
import { WorkloadSection } from './WorkloadSection';

const sameError = (a: DevError, b: DevError) =>
  a.message === b.message && a.resource === b.resource && a.type === b.type;

/** Errors of `errors[]` that no section already shows in place. */
function otherErrors(status: DevStatus): DevError[] {
  const shown = [status.argo, status.workload, status.okteto].flatMap(part =>
    part.state === 'error' ? [part.error] : [],
  );
  return status.errors.filter(error => !shown.some(s => sameError(s, error)));
}

/** Everything the card shows for one answer of the backend. */
export function DevStatusContent(props: {
  entity: Entity;
  status: DevStatus;
  refreshError?: Error;
}) {
  const { entity, status, refreshError } = props;
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const language = useLanguage();
  const devServiceMissing = status.checklist.some(
    item => item.id === 'dev-service' && item.status === 'fail',
  );
  const others = otherErrors(status);

  return (
    <>
      {status.stale && (
        <Box mb={2}>
          <Alert severity="warning">
            {t('card.stale', {
              age: formatAge(status.stale.ageSeconds, language),
            })}
          </Alert>
        </Box>
      )}
      {refreshError && (
        <Box mb={2}>
          <Alert severity="warning">
            {t('card.refreshFailed', { message: refreshError.message })}
          </Alert>
        </Box>
      )}
      <ArgoSection status={status} />
      <WorkloadSection status={status} />
      <OktetoSection okteto={status.okteto} />
      <DriftNote drift={status.drift} />
      {devServiceMissing && (
        <EnableOktetoButton entity={entity} status={status} />
      )}
      <Checklist items={status.checklist} />
      <CommandList commands={status.commands} />
      {others.map(error => (
        <Box mb={1} key={`${error.resource}:${error.message}`}>
          <DevErrorLine title={t('card.otherErrors')} error={error} />
        </Box>
      ))}
    </>
  );
}
