import { Link } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  ArgoHistoryEntry,
  ArgoResource,
  DevStatus,
  DriftResource,
} from '@okteto-dev/plugin-okteto-dev-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { oktetoDevTranslationRef } from '../../translation';
import { useListStyles } from './listStyles';
import { commitUrl, shortSha } from './revision';
import { Tone, ToneIcon } from './StatusChip';
import { formatSince, useLanguage } from './time';

const useStyles = makeStyles(theme => ({
  subheading: {
    display: 'block',
    fontWeight: theme.typography.fontWeightMedium as number,
    paddingTop: theme.spacing(0.5),
  },
}));

/** A small heading inside the section. */
function SubHeading(props: { children: string }) {
  const classes = useStyles();
  return (
    <Typography
      variant="caption"
      color="textSecondary"
      component="h4"
      className={classes.subheading}
    >
      {props.children}
    </Typography>
  );
}

/** How many of Argo CD's history entries are listed (Argo CD keeps 10 by default). */
const MAX_SYNCS = 10;

const sameResource = (a: ArgoResource, b: ArgoResource) =>
  a.kind === b.kind &&
  a.name === b.name &&
  (a.namespace ?? '') === (b.namespace ?? '') &&
  (a.group ?? '') === (b.group ?? '');

/** The last successful syncs, newest first: the revision linked to its commit, when, by whom. */
function SyncList(props: { history: ArgoHistoryEntry[]; repoURL?: string }) {
  const { history, repoURL } = props;
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const language = useLanguage();
  const classes = useListStyles();
  if (history.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {t('history.noSyncs')}
      </Typography>
    );
  }
  const newestFirst = [...history].reverse().slice(0, MAX_SYNCS);
  return (
    <List dense disablePadding aria-label={t('history.syncs')}>
      {newestFirst.map((entry, i) => {
        const sha = entry.revision ? shortSha(entry.revision) : undefined;
        const url = commitUrl({ revision: entry.revision, repoURL });
        const when = formatSince(entry.deployedAt, language);
        let who: string | undefined;
        if (entry.username) who = t('argo.by', { user: entry.username });
        else if (entry.automated) who = t('argo.automated');
        return (
          <ListItem
            key={`${entry.id ?? i}:${entry.revision}`}
            disableGutters
            className={classes.row}
          >
            <ListItemText
              className={classes.text}
              primary={
                <>
                  {sha && url && <Link to={url}>{sha}</Link>}
                  {sha && !url && sha}
                  {!sha && t('history.noRevision')}
                  {[when && t('history.deployed', { time: when }), who]
                    .filter(Boolean)
                    .map(part => ` · ${part}`)
                    .join('')}
                </>
              }
            />
          </ListItem>
        );
      })}
    </List>
  );
}

function resourceTone(resource: ArgoResource, devMode: boolean): Tone {
  if (resource.status === 'Synced') return 'ok';
  if (resource.status === 'OutOfSync') return devMode ? 'info' : 'warning';
  return 'neutral';
}

/** The Application's resources and their sync state; what dev mode changed says so. */
function ResourceList(props: {
  resources: ArgoResource[];
  drift: DriftResource[];
}) {
  const { resources, drift } = props;
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const classes = useListStyles();
  if (resources.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {t('history.noResources')}
      </Typography>
    );
  }
  const syncLabel = (status?: string) => {
    if (status === 'Synced' || status === 'OutOfSync' || status === 'Unknown') {
      return t(`argo.sync.${status}`);
    }
    return status;
  };
  return (
    <List dense disablePadding aria-label={t('history.resources')}>
      {resources.map(resource => {
        const devMode = drift.some(
          d => d.cause === 'dev-mode' && sameResource(d, resource),
        );
        return (
          <ListItem
            key={`${resource.group}/${resource.kind}/${resource.namespace}/${resource.name}`}
            disableGutters
            alignItems="flex-start"
            className={classes.row}
          >
            <ListItemIcon className={classes.icon}>
              <ToneIcon tone={resourceTone(resource, devMode)} />
            </ListItemIcon>
            <ListItemText
              className={classes.text}
              primary={`${resource.kind} ${resource.name}`}
              secondary={[
                syncLabel(resource.status),
                devMode ? t('history.devMode') : undefined,
                resource.requiresPruning ? t('history.prune') : undefined,
              ]
                .filter(Boolean)
                .join(' · ')}
            />
          </ListItem>
        );
      })}
    </List>
  );
}

/**
 * The history section's body (its heading is in `sections.tsx`; this loads when the reader opens
 * it): the Application's last syncs and its resources, from the status already read (no request
 * of its own).
 */
export function HistoryBody(props: { status: DevStatus }) {
  const { argo, drift } = props.status;
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  if (argo.state !== 'ok') return null;
  return (
    <>
      <SubHeading>{t('history.syncs')}</SubHeading>
      <SyncList history={argo.history} repoURL={argo.repoURL} />
      <SubHeading>{t('history.resources')}</SubHeading>
      <ResourceList resources={argo.resources} drift={drift.resources} />
    </>
  );
}
