import { Entity } from '@backstage/catalog-model';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { DevError, DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { oktetoDevTranslationRef } from '../../translation';
import { needsOktetoDown, sectionAttention } from './attention';
import { DriftSection } from './DriftSection';
import {
  ArgoSection,
  Checklist,
  CommandList,
  EventsSection,
  HistorySection,
  lazyPart,
  OktetoSection,
  WorkloadSection,
} from './sections';
import { WithheldCommands } from './RefusedTarget';
import { formatAge, useLanguage } from './time';
import { VerdictLine } from './VerdictLine';

const useStyles = makeStyles({
  // long names, paths and commands wrap anywhere rather than run past the card's edge
  root: { overflowWrap: 'anywhere', minWidth: 0 },
});

const sameError = (a: DevError, b: DevError) =>
  a.message === b.message && a.resource === b.resource && a.type === b.type;

// shown only in some states (a session to end, an error no section shows): loaded when shown
const StopDevMode = lazyPart(() =>
  import('./StopDevMode').then(m => m.StopDevMode),
);
const DevErrorLine = lazyPart(() =>
  import('./DevErrorLine').then(m => m.DevErrorLine),
);

/** Errors of `errors[]` that no section already shows in place. */
function otherErrors(status: DevStatus): DevError[] {
  const shown = [status.argo, status.workload, status.okteto].flatMap(part =>
    part.state === 'error' ? [part.error] : [],
  );
  return status.errors.filter(error => !shown.some(s => sameError(s, error)));
}

/**
 * Everything the card shows for one answer of the backend: the summary line, `okteto down` when
 * the session should end, and the sections, those that need action open.
 */
export function DevStatusContent(props: {
  entity: Entity;
  status: DevStatus;
  refreshError?: Error;
}) {
  const { entity, status, refreshError } = props;
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const language = useLanguage();
  const classes = useStyles();
  const attention = sectionAttention(status);
  const stop = needsOktetoDown(status);

  return (
    <Box className={classes.root}>
      {status.stale && (
        <Box mb={1}>
          <Alert severity="warning">
            {t('card.stale', {
              age: formatAge(status.stale.ageSeconds, language),
            })}
          </Alert>
        </Box>
      )}
      {refreshError && (
        <Box mb={1}>
          <Alert severity="warning">
            {t('card.refreshFailed', { message: refreshError.message })}
          </Alert>
        </Box>
      )}
      <VerdictLine status={status} />
      {status.guard && status.guard.length > 0 && (
        <Box mt={1} mb={1}>
          <WithheldCommands guard={status.guard} />
        </Box>
      )}
      {stop && status.commands && (
        <StopDevMode command={status.commands.oktetoDown} />
      )}
      <DriftSection drift={status.drift} attention={attention.drift} />
      <OktetoSection status={status} attention={attention.okteto} />
      <ArgoSection status={status} attention={attention.argo} />
      <HistorySection status={status} />
      <WorkloadSection status={status} attention={attention.workload} />
      <EventsSection status={status} />
      <Checklist
        entity={entity}
        status={status}
        attention={attention.checklist}
      />
      <CommandList status={status} withoutDown={stop} />
      {otherErrors(status).map(error => (
        <Box mt={1} key={`${error.resource}:${error.message}`}>
          <DevErrorLine title={t('card.otherErrors')} error={error} />
        </Box>
      ))}
      {status.live && (
        <Box mt={1}>
          <Typography variant="caption" color="textSecondary">
            {status.live.mode === 'watch'
              ? t('card.liveWatch')
              : t('card.livePolling', { reason: status.live.reason ?? '' })}
          </Typography>
        </Box>
      )}
    </Box>
  );
}
