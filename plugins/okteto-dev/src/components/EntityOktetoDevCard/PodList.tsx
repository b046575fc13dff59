import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { PodSummary } from '@okteto-dev/plugin-okteto-dev-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import { oktetoDevTranslationRef } from '../../translation';
import { useListStyles } from './listStyles';
import { Tone, ToneIcon } from './StatusChip';
import { formatDuration, secondsSince, useLanguage } from './time';

const PHASES = ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'];

function podTone(pod: PodSummary, dev: boolean): Tone {
  if (pod.reason) return 'error';
  if (!pod.ready) return 'warning';
  // a ready dev pod only says that Okteto's start script runs, not that the app works
  return dev ? 'info' : 'ok';
}

/**
 * Pods with phase, readiness, restarts and why a container is not running. For dev pods
 * (`dev`), "ready" would claim too much: they read "dev container running for …".
 */
export function PodList(props: {
  pods: PodSummary[];
  label: string;
  dev?: boolean;
}) {
  const { pods, label, dev = false } = props;
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const language = useLanguage();
  const classes = useListStyles();

  // Kubernetes' phases in the reader's language; another value as the cluster wrote it
  const phase = (pod: PodSummary) =>
    PHASES.includes(pod.phase)
      ? t(`pod.phase.${pod.phase as 'Running'}`)
      : pod.phase;
  const state = (pod: PodSummary) => {
    if (!dev) return pod.ready ? t('pod.ready') : t('pod.notReady');
    if (pod.phase !== 'Running' || pod.reason) return undefined;
    const age = secondsSince(pod.startedAt);
    return age === undefined
      ? t('pod.devRunningNoTime')
      : t('pod.devRunning', { age: formatDuration(age, language) });
  };

  return (
    <List dense disablePadding aria-label={label}>
      {pods.map(pod => (
        <ListItem key={pod.name} disableGutters alignItems="flex-start">
          <ListItemIcon className={classes.icon}>
            <ToneIcon tone={podTone(pod, dev)} />
          </ListItemIcon>
          <ListItemText
            className={classes.text}
            primary={pod.name}
            secondary={[
              // "running for …" says the phase already
              dev && state(pod) ? undefined : phase(pod),
              state(pod),
              t('pod.restarts', { restarts: String(pod.restarts) }),
              pod.reason,
            ]
              .filter(Boolean)
              .join(' · ')}
          />
        </ListItem>
      ))}
    </List>
  );
}
