import { Entity } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  ChecklistItem,
  DevError,
  DevStatus,
} from '@okteto-dev/plugin-okteto-dev-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { oktetoDevTranslationRef } from '../../translation';
import { ArgoSection } from './ArgoSection';
import {
  needsOktetoDown,
  offersEnableOkteto,
  sectionAttention,
} from './attention';
import { Checklist } from './Checklist';
import { CommandList } from './CommandList';
import { DevErrorLine } from './DevErrorLine';
import { DriftSection } from './DriftSection';
import { EnableOktetoButton } from './EnableOktetoButton';
import { EventsSection } from './EventsSection';
import { FixButton } from './FixButton';
import { fixFor } from './fixes';
import { HistorySection } from './HistorySection';
import { OktetoSection } from './OktetoSection';
import { WithheldCommands } from './RefusedTarget';
import { StopDevMode } from './StopDevMode';
import { formatAge, useLanguage } from './time';
import { VerdictLine } from './VerdictLine';
import { WorkloadSection } from './WorkloadSection';

const useStyles = makeStyles(theme => ({
  // long names, paths and commands wrap anywhere rather than run past the card's edge
  root: { overflowWrap: 'anywhere', minWidth: 0 },
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginTop: theme.spacing(0.5),
  },
}));

const sameError = (a: DevError, b: DevError) =>
  a.message === b.message && a.resource === b.resource && a.type === b.type;

/** Errors of `errors[]` that no section already shows in place. */
function otherErrors(status: DevStatus): DevError[] {
  const shown = [status.argo, status.workload, status.okteto].flatMap(part =>
    part.state === 'error' ? [part.error] : [],
  );
  return status.errors.filter(error => !shown.some(s => sameError(s, error)));
}

/**
 * What goes under a checklist item: the values file next to the env var, "Enable Okteto" for an
 * app without a dev entry that nobody is in dev mode on, else the fix as a pull request.
 */
function ItemActions(props: {
  entity: Entity;
  status: DevStatus;
  item: ChecklistItem;
}) {
  const { entity, status, item } = props;
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const classes = useStyles();
  if (item.id === 'dev-service' && offersEnableOkteto(status)) {
    return <EnableOktetoButton entity={entity} status={status} />;
  }
  const fix = fixFor(item, status);
  const values = item.id === 'env-var' ? status.links?.valuesFile : undefined;
  if (!fix && !values) return null;
  return (
    <Box className={classes.actions}>
      {values && (
        <Typography variant="body2" component="span">
          <Link to={values}>{t('links.valuesFile')}</Link>
        </Typography>
      )}
      {fix && <FixButton entity={entity} status={status} fix={fix} />}
    </Box>
  );
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
        status={status}
        attention={attention.checklist}
        actions={item => (
          <ItemActions entity={entity} status={status} item={item} />
        )}
      />
      <CommandList status={status} withoutDown={stop} />
      {otherErrors(status).map(error => (
        <Box mt={1} key={`${error.resource}:${error.message}`}>
          <DevErrorLine title={t('card.otherErrors')} error={error} />
        </Box>
      ))}
    </Box>
  );
}
