import { parseEntityRef } from '@backstage/catalog-model';
import { EmptyState, ResponseErrorPanel } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  EntityRefLink,
  EntityRefLinks,
  humanizeEntityRef,
} from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import { makeStyles } from '@material-ui/core/styles';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import AppsIcon from '@material-ui/icons/Apps';
import DeveloperModeIcon from '@material-ui/icons/DeveloperMode';
import Alert from '@material-ui/lab/Alert';
import Skeleton from '@material-ui/lab/Skeleton';
import { useId, useMemo, useState } from 'react';
import { oktetoDevTranslationRef } from '../../translation';
import { StatusChip, Tone } from '../EntityOktetoDevCard/StatusChip';
import { formatSince, useLanguage } from '../EntityOktetoDevCard/time';
import {
  ATTENTION_STATES,
  DEV_STATES,
  DevFilters,
  DevRow,
  DevState,
  filterRows,
  SESSION_STATES,
  sortRows,
  StateFilter,
} from './rows';
import { useDevEnvironments } from './useDevEnvironments';

const STATE_TONES: Record<DevState, Tone> = {
  conflict: 'error',
  broken: 'error',
  abandoned: 'warning',
  on: 'info',
  unknown: 'warning',
  off: 'off',
};

const useStyles = makeStyles(theme => ({
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    margin: theme.spacing(2, 0),
    '& > *': { minWidth: 200 },
  },
  table: {
    // words break between words only: the app's cell must not shrink to a letter a line
    '& td, & th': {
      verticalAlign: 'top',
      wordBreak: 'normal',
      overflowWrap: 'normal',
    },
  },
  app: { minWidth: 150 },
  // a long state (Russian's conflict) wraps in its chip rather than push the table past the page
  state: { minWidth: 220 },
  session: { minWidth: 140 },
  // short values stay on one line; the app's cell takes what is left
  nowrap: { whiteSpace: 'nowrap' },
  // a narrow window scrolls the table rather than squeezing it
  scroll: { overflowX: 'auto' },
  where: { display: 'block' },
}));

const ANY = '\u0000any';

/** The humanized name of an owner or system ref, for the filters. */
const humanize = (ref: string, defaultKind: string) =>
  humanizeEntityRef(parseEntityRef(ref), { defaultKind });

/** The counts that decide whether anybody must act: verdict first. */
function Verdict(props: { rows: DevRow[] }) {
  const { rows } = props;
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const attention = rows.filter(r => ATTENTION_STATES.includes(r.state));
  const sessions = rows.filter(r => SESSION_STATES.includes(r.state));
  return (
    <Box
      role="group"
      aria-label={t('summary.label')}
      display="flex"
      flexWrap="wrap"
    >
      {attention.length > 0 ? (
        <StatusChip
          tone="error"
          label={t('page.verdict.attention', { n: String(attention.length) })}
        />
      ) : (
        <StatusChip tone="ok" label={t('page.verdict.noAttention')} />
      )}
      <StatusChip
        tone={sessions.length > 0 ? 'info' : 'neutral'}
        icon={<DeveloperModeIcon />}
        label={t('page.verdict.sessions', { n: String(sessions.length) })}
      />
      <StatusChip
        tone="neutral"
        icon={<AppsIcon />}
        label={t('page.verdict.apps', { n: String(rows.length) })}
      />
    </Box>
  );
}

function Filter(props: {
  label: string;
  value: string;
  options: Array<{ value: string; label: string }>;
  onChange: (value: string) => void;
}) {
  const { label, value, options, onChange } = props;
  const id = useId();
  return (
    <TextField
      id={id}
      select
      label={label}
      value={value}
      onChange={event => onChange(event.target.value)}
      SelectProps={{ native: true }}
      variant="outlined"
      size="small"
    >
      {options.map(option => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </TextField>
  );
}

function Row(props: { row: DevRow }) {
  const { row } = props;
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const language = useLanguage();
  const classes = useStyles();
  const { target } = row.status;
  const session = SESSION_STATES.includes(row.state);
  return (
    <TableRow>
      <TableCell className={classes.app}>
        <EntityRefLink entityRef={row.entity} />
        <Typography
          variant="caption"
          color="textSecondary"
          className={classes.where}
        >
          {t('page.where', {
            namespace: target.namespace,
            cluster: target.cluster,
          })}
        </Typography>
      </TableCell>
      <TableCell className={classes.state}>
        <StatusChip
          tone={STATE_TONES[row.state]}
          label={t(`page.state.${row.state}`)}
        />
      </TableCell>
      <TableCell className={classes.session}>
        {session && (row.user ?? t('summary.developerUnknown'))}
        {session && row.since && (
          <Typography
            variant="caption"
            color="textSecondary"
            className={classes.where}
          >
            {t('page.since', { time: formatSince(row.since, language) ?? '' })}
          </Typography>
        )}
      </TableCell>
      <TableCell className={classes.nowrap}>
        <EntityRefLinks entityRefs={row.owners} defaultKind="group" />
      </TableCell>
      <TableCell className={classes.nowrap}>
        {row.system && (
          <EntityRefLink entityRef={row.system} defaultKind="system" />
        )}
      </TableCell>
    </TableRow>
  );
}

/**
 * Every dev environment the user may read: who is in dev mode where and since when, worst first
 * (conflicts, broken and probably abandoned sessions), with filters by owner, system and state.
 */
export function DevEnvironments() {
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const classes = useStyles();
  const { rows, error, refreshError, annotated } = useDevEnvironments();
  const [filters, setFilters] = useState<DevFilters>({ state: 'all' });

  const sorted = useMemo(() => sortRows(rows ?? []), [rows]);
  const owners = useMemo(
    () =>
      [...new Set(sorted.flatMap(r => r.owners))]
        .map(ref => ({ value: ref, label: humanize(ref, 'group') }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    [sorted],
  );
  const systems = useMemo(
    () =>
      [...new Set(sorted.flatMap(r => (r.system ? [r.system] : [])))]
        .map(ref => ({ value: ref, label: humanize(ref, 'system') }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    [sorted],
  );
  const noSystem = sorted.some(r => !r.system);
  const shown = filterRows(sorted, filters);

  if (error) return <ResponseErrorPanel error={error} />;
  if (!rows) {
    return (
      <Box role="status" aria-busy="true" aria-label={t('page.loading')}>
        {[1, 2, 3, 4].map(i => (
          <Skeleton key={i} variant="text" />
        ))}
      </Box>
    );
  }
  if (annotated === 0 || rows.length === 0) {
    return (
      <EmptyState
        missing="data"
        title={t('page.none')}
        description={t('page.noneHint')}
      />
    );
  }

  return (
    <>
      <Verdict rows={sorted} />
      {refreshError && (
        <Box mt={1}>
          <Alert severity="warning">
            {t('card.refreshFailed', { message: refreshError.message })}
          </Alert>
        </Box>
      )}
      <Box className={classes.filters}>
        <Filter
          label={t('page.filter.state')}
          value={filters.state}
          onChange={value =>
            setFilters(f => ({ ...f, state: value as StateFilter }))
          }
          options={[
            { value: 'all', label: t('page.filter.any') },
            { value: 'sessions', label: t('page.filter.sessions') },
            ...DEV_STATES.map(state => ({
              value: state,
              label: t(`page.state.${state}`),
            })),
          ]}
        />
        <Filter
          label={t('page.filter.owner')}
          value={filters.owner ?? ANY}
          onChange={value =>
            setFilters(f => ({
              ...f,
              owner: value === ANY ? undefined : value,
            }))
          }
          options={[{ value: ANY, label: t('page.filter.any') }, ...owners]}
        />
        <Filter
          label={t('page.filter.system')}
          value={filters.system ?? ANY}
          onChange={value =>
            setFilters(f => ({
              ...f,
              system: value === ANY ? undefined : value,
            }))
          }
          options={[
            { value: ANY, label: t('page.filter.any') },
            ...systems,
            ...(noSystem
              ? [{ value: '', label: t('page.filter.noSystem') }]
              : []),
          ]}
        />
      </Box>
      <Box className={classes.scroll}>
        <Table
          size="small"
          className={classes.table}
          aria-label={t('page.title')}
        >
          <TableHead>
            <TableRow>
              <TableCell>{t('page.column.app')}</TableCell>
              <TableCell className={classes.nowrap}>
                {t('page.column.state')}
              </TableCell>
              <TableCell>{t('page.column.session')}</TableCell>
              <TableCell className={classes.nowrap}>
                {t('page.column.owner')}
              </TableCell>
              <TableCell className={classes.nowrap}>
                {t('page.column.system')}
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {shown.map(row => (
              <Row key={row.entityRef} row={row} />
            ))}
            {shown.length === 0 && (
              <TableRow>
                <TableCell colSpan={5}>
                  <Typography variant="body2" color="textSecondary">
                    {t('page.noMatch')}
                  </Typography>
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </Box>
    </>
  );
}
