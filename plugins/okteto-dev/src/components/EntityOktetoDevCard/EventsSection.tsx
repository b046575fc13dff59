import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { DevEvent, DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import Skeleton from '@material-ui/lab/Skeleton';
import useAsync from 'react-use/esm/useAsync';
import { oktetoDevApiRef } from '../../api';
import { oktetoDevTranslationRef } from '../../translation';
import { DevErrorLine } from './DevErrorLine';
import { useListStyles } from './listStyles';
import { ToneIcon } from './StatusChip';
import type { PodTermination } from './sections';
import { formatSince, useLanguage } from './time';

const isForbidden = (error: Error) =>
  (error as ResponseError).statusCode === 403 ||
  (error as ResponseError).body?.error?.name === 'NotAllowedError';

/** How containers last ended, from the status: no request. */
function Terminations(props: { items: PodTermination[] }) {
  const { items } = props;
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const language = useLanguage();
  const classes = useListStyles();
  if (items.length === 0) return null;
  return (
    <List dense disablePadding aria-label={t('events.terminations')}>
      {items.map(({ pod, termination }) => (
        <ListItem
          key={pod}
          disableGutters
          alignItems="flex-start"
          className={classes.row}
        >
          <ListItemIcon className={classes.icon}>
            <ToneIcon tone="warning" />
          </ListItemIcon>
          <ListItemText
            className={classes.text}
            primary={t('events.termination', { pod })}
            secondary={[
              termination.reason,
              termination.exitCode !== undefined
                ? t('events.exitCode', { code: String(termination.exitCode) })
                : undefined,
              formatSince(termination.finishedAt, language),
            ]
              .filter(Boolean)
              .join(' · ')}
          />
        </ListItem>
      ))}
    </List>
  );
}

function EventList(props: { items: DevEvent[] }) {
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const language = useLanguage();
  const classes = useListStyles();
  return (
    <List dense disablePadding aria-label={t('events.list')}>
      {props.items.map((event, i) => (
        <ListItem
          key={`${event.object.kind}/${event.object.name}/${event.reason}/${i}`}
          disableGutters
          alignItems="flex-start"
          className={classes.row}
        >
          <ListItemIcon className={classes.icon}>
            <ToneIcon tone={event.type === 'Warning' ? 'warning' : 'info'} />
          </ListItemIcon>
          <ListItemText
            className={classes.text}
            primary={[event.reason, `${event.object.kind} ${event.object.name}`]
              .filter(Boolean)
              .join(' · ')}
            secondaryTypographyProps={{ component: 'div' }}
            secondary={
              <>
                {event.message && <div>{event.message}</div>}
                <div>
                  {[
                    event.count > 1
                      ? t('events.times', { times: String(event.count) })
                      : undefined,
                    formatSince(event.lastSeen, language),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </div>
              </>
            }
          />
        </ListItem>
      ))}
    </List>
  );
}

/**
 * The events, read when the section is opened (it is mounted only then) and again whenever the
 * status changes while it is open. A caller without `okteto-dev.events.read` reads a quiet line.
 */
function Events(props: { status: DevStatus }) {
  const { entityRef, fetchedAt } = props.status;
  const api = useApi(oktetoDevApiRef);
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const { value, error, loading } = useAsync(
    () => api.getEvents(entityRef),
    [api, entityRef, fetchedAt],
  );

  if (error) {
    return isForbidden(error) ? (
      <Typography variant="body2" color="textSecondary">
        {t('events.denied')}
      </Typography>
    ) : (
      <Alert severity="warning">
        {t('events.failed', { message: error.message })}
      </Alert>
    );
  }
  if (!value) {
    return loading ? (
      <div role="status" aria-busy="true" aria-label={t('events.loading')}>
        <Skeleton variant="text" />
        <Skeleton variant="text" width="60%" />
      </div>
    ) : null;
  }
  return (
    <>
      {value.error && (
        <DevErrorLine
          title={t('events.error')}
          error={value.error}
          home={props.status.target.cluster}
        />
      )}
      {!value.error && value.items.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          {t('events.none')}
        </Typography>
      )}
      {value.items.length > 0 && <EventList items={value.items} />}
    </>
  );
}

/**
 * The events section's body (its heading is in `sections.tsx`; this loads when the reader opens
 * it): why pods restart or do not start — how their containers last ended (from the status) and
 * the Kubernetes Warning events, fetched now.
 */
export function EventsBody(props: {
  status: DevStatus;
  /** From the heading, which names the last one. */
  terminations: PodTermination[];
}) {
  const { status, terminations } = props;
  return (
    <>
      <Terminations items={terminations} />
      <Events status={status} />
    </>
  );
}
