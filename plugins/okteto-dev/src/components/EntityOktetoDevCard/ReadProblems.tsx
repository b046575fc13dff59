import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { DevError, DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { oktetoDevTranslationRef } from '../../translation';
import { ErrorStatement } from './DevErrorLine';
import { formatAge, useLanguage } from './time';

/** What makes two failed reads one statement: the same permission, or the same failure. */
function errorKey(error: DevError): string {
  const p = error.permission;
  const what = p
    ? [p.verb, p.resource, p.group, p.namespace, p.name].join('|')
    : error.message;
  return [error.type, error.cluster, what].join('|');
}

/**
 * Every failed read of the status, each said once: the parts that could not be read and
 * `errors[]` name the same failure (one refused LIST leaves the workload and dev mode unread;
 * an unusable cluster fails every read of it alike).
 */
export function distinctErrors(status: DevStatus): DevError[] {
  const all = [
    ...[status.argo, status.workload, status.okteto].flatMap(part =>
      part.state === 'error' ? [part.error] : [],
    ),
    ...status.errors,
  ];
  const seen = new Set<string>();
  return all.filter(error => {
    const key = errorKey(error);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Under the summary line, once: why part of the status is missing or old. A stale answer (the
 * cluster failed, this is the last good one) with what failed; else what could not be read. The
 * sections whose data is missing point here instead of repeating it.
 */
export function ReadProblems(props: { status: DevStatus }) {
  const { status } = props;
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const language = useLanguage();
  const errors = distinctErrors(status);
  const title = status.stale
    ? t('card.stale', { age: formatAge(status.stale.ageSeconds, language) })
    : t('card.readErrors');
  return (
    <Alert
      severity={status.stale ? 'warning' : 'error'}
      role="status"
      data-testid="okteto-dev-read-problems"
    >
      <AlertTitle>{title}</AlertTitle>
      {errors.map(error => (
        <Typography key={errorKey(error)} variant="body2" component="p">
          <ErrorStatement error={error} home={status.target.cluster} />
        </Typography>
      ))}
    </Alert>
  );
}
