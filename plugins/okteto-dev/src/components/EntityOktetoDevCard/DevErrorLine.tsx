import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { DevError, DevErrorType } from '@okteto-dev/plugin-okteto-dev-common';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { oktetoDevTranslationRef } from '../../translation';

const TYPE_KEYS = {
  unauthorized: 'errorType.unauthorized',
  forbidden: 'errorType.forbidden',
  'not-installed': 'errorType.notInstalled',
  unreachable: 'errorType.unreachable',
  timeout: 'errorType.timeout',
  'bad-response': 'errorType.badResponse',
  unusable: 'errorType.unusable',
  unknown: 'errorType.unknown',
} as const satisfies Record<DevErrorType, string>;

/** A cluster read that failed, shown where its data would be. */
export function DevErrorLine(props: { title: string; error: DevError }) {
  const { title, error } = props;
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const where = [error.cluster, error.resource].filter(Boolean).join(', ');
  return (
    <Alert severity="error">
      <AlertTitle>{title}</AlertTitle>
      {t(TYPE_KEYS[error.type] ?? TYPE_KEYS.unknown)}: {error.message}
      {where ? ` (${where})` : ''}
    </Alert>
  );
}
