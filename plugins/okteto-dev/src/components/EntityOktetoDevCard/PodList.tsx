import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { PodSummary } from '@okteto-dev/plugin-okteto-dev-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import { oktetoDevTranslationRef } from '../../translation';
import { Tone, ToneIcon } from './StatusChip';

function podTone(pod: PodSummary): Tone {
  if (pod.reason) {
    return 'error';
  }
  return pod.ready ? 'ok' : 'warning';
}

/** Pods with phase, readiness, restarts and why a container is not running. */
export function PodList(props: { pods: PodSummary[]; label: string }) {
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  return (
    <List dense disablePadding aria-label={props.label}>
      {props.pods.map(pod => (
        <ListItem key={pod.name} disableGutters>
          <ListItemIcon>
            <ToneIcon tone={podTone(pod)} />
          </ListItemIcon>
          <ListItemText
            primary={pod.name}
            secondary={[
              pod.phase,
              pod.ready ? t('pod.ready') : t('pod.notReady'),
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
