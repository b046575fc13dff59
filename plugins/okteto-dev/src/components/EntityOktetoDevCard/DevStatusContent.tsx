import { Entity } from '@backstage/catalog-model';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { oktetoDevTranslationRef } from '../../translation';
import {
  hasReadProblems,
  needsOktetoDown,
  sectionAttention,
} from './attention';
import {
  ArgoSection,
  Checklist,
  CommandList,
  DriftSection,
  EventsSection,
  HistorySection,
  lazyPart,
  OktetoSection,
  WorkloadSection,
} from './sections';
import { VerdictLine } from './VerdictLine';

const useStyles = makeStyles({
  // long names, paths and commands wrap anywhere rather than run past the card's edge
  root: { overflowWrap: 'anywhere', minWidth: 0 },
});

// shown only in some states (a session to end, reads that failed, commands withheld): loaded
// when shown
const StopDevMode = lazyPart(() =>
  import('./StopDevMode').then(m => m.StopDevMode),
);
const ReadProblems = lazyPart(() =>
  import('./ReadProblems').then(m => m.ReadProblems),
);
const WithheldCommands = lazyPart(() =>
  import('./RefusedTarget').then(m => m.WithheldCommands),
);

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
  const classes = useStyles();
  const attention = sectionAttention(status);
  const stop = needsOktetoDown(status);

  return (
    <Box className={classes.root}>
      <VerdictLine status={status} />
      {refreshError && (
        <Box mb={1}>
          <Alert severity="warning">
            {t('card.refreshFailed', { message: refreshError.message })}
          </Alert>
        </Box>
      )}
      {hasReadProblems(status) && (
        <Box mb={1}>
          <ReadProblems status={status} />
        </Box>
      )}
      {/* all commands withheld: said here; the one to run the app alone: in Commands */}
      {!status.commands && status.guard && status.guard.length > 0 && (
        <Box mb={1}>
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
