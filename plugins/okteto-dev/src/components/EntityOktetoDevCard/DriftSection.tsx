import { Drift } from '@okteto-dev/plugin-okteto-dev-common';
import Typography from '@material-ui/core/Typography';
import Alert, { Color } from '@material-ui/lab/Alert';
import { useDevMessage } from './useDevMessage';

const SEVERITY: Partial<Record<Drift['kind'], Color>> = {
  conflict: 'error',
  unexpected: 'warning',
};

/**
 * What Argo CD's view means while dev mode may be on: the backend's statement, whole. The verdict
 * line already names the kind, so nothing here repeats it.
 */
export function DriftBody(props: { drift: Drift }) {
  const { drift } = props;
  const render = useDevMessage();
  const severity = SEVERITY[drift.kind];
  return severity ? (
    <Alert severity={severity}>{render(drift)}</Alert>
  ) : (
    <Typography variant="body2">{render(drift)}</Typography>
  );
}
