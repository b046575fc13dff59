import { Link } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { DevStatus, OktetoStatus } from '@okteto-dev/plugin-okteto-dev-common';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { oktetoDevTranslationRef } from '../../translation';
import { PodList } from './PodList';
import { formatSince, useLanguage } from './time';
import { useDevMessage } from './useDevMessage';

type Session = Extract<OktetoStatus, { state: 'on' | 'broken' }>;

const useStyles = makeStyles(theme => ({
  problems: { margin: 0, paddingLeft: theme.spacing(2) },
  // one problem reads as a statement, not as a list of one
  single: { margin: 0, padding: 0, listStyle: 'none' },
}));

/** Who, since when, which image and clone, and the dev pods: what the cluster knows. */
function SessionDetails(props: { session: Session }) {
  const { session } = props;
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const language = useLanguage();
  const since = formatSince(session.since, language);
  const pods = session.pods ?? [];
  return (
    <>
      {session.state === 'on' && (
        <Typography variant="body2">
          {since
            ? t('okteto.session', { mode: session.mode, time: since })
            : t('okteto.sessionNoTime', { mode: session.mode })}
        </Typography>
      )}
      {session.state === 'broken' && since && (
        <Typography variant="body2">
          {t('okteto.started', { time: since })}
        </Typography>
      )}
      <Typography variant="body2">
        {session.user
          ? t('okteto.user', { user: session.user })
          : t('okteto.userUnknown')}
      </Typography>
      {session.state === 'on' && session.image && (
        <Typography variant="body2">
          {t('okteto.image', { image: session.image })}
        </Typography>
      )}
      {session.clone && (
        <Typography variant="body2">
          {t('okteto.clone', { clone: session.clone })}
        </Typography>
      )}
      {pods.length > 0 && <PodList pods={pods} label={t('okteto.pods')} dev />}
      {session.state === 'on' && pods.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          {t('okteto.noPods')}
        </Typography>
      )}
      {session.state === 'on' && (
        <Typography variant="body2" color="textSecondary">
          {t('okteto.appInvisible')}
        </Typography>
      )}
    </>
  );
}

/** The dev entry in the Okteto manifest, when the backend could link it. */
function DevEntryLink(props: { status: DevStatus }) {
  const { links, target } = props.status;
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  if (!links?.devEntry) return null;
  return (
    <Typography variant="body2">
      <Link to={links.devEntry}>
        {target.devEntry
          ? t('links.devEntry', {
              entry: target.devEntry.name,
              manifest: target.devEntry.manifestPath,
            })
          : t('links.manifest')}
      </Link>
    </Typography>
  );
}

/**
 * The Okteto section's body (its heading is in `sections.tsx`; this loads when it opens): dev
 * mode off, on (a session) or broken (why), and what the cluster cannot tell; the dev entry in
 * the manifest.
 */
export function OktetoBody(props: { status: DevStatus }) {
  const { status } = props;
  const { okteto } = status;
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const render = useDevMessage();
  const classes = useStyles();

  let content;
  if (okteto.state === 'error') {
    // why is said once, under the summary line
    content = (
      <Typography variant="body2" color="textSecondary">
        {t('card.notReadAbove')}
      </Typography>
    );
  } else if (okteto.state === 'off') {
    content = <Typography variant="body2">{t('okteto.off')}</Typography>;
  } else {
    content = (
      <>
        {okteto.state === 'broken' && (
          <Alert severity="error">
            <ul
              aria-label={t('okteto.problems')}
              className={
                okteto.problems.length > 1 ? classes.problems : classes.single
              }
            >
              {okteto.problems.map(problem => (
                <li key={`${problem.code}:${JSON.stringify(problem.params)}`}>
                  {render(problem)}
                </li>
              ))}
            </ul>
          </Alert>
        )}
        <SessionDetails session={okteto} />
      </>
    );
  }
  return (
    <>
      {content}
      <DevEntryLink status={status} />
    </>
  );
}
