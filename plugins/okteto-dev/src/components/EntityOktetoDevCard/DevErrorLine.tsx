import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  DevError,
  DevErrorType,
  DevMissingPermission,
} from '@okteto-dev/plugin-okteto-dev-common';
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

/** The permission a refused read needed, as a Role rule names it (`list deployments.apps`). */
function MissingPermission(props: { permission: DevMissingPermission }) {
  const { permission: p } = props;
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const params = {
    verb: p.verb,
    resource: p.group ? `${p.resource}.${p.group}` : p.resource,
    namespace: p.namespace ?? '',
    name: p.name ?? '',
  };
  let text: string;
  if (p.resource.startsWith('/')) text = t('permission.missingPath', params);
  else if (!p.namespace) text = t('permission.missingClusterWide', params);
  else if (p.name) text = t('permission.missingNamed', params);
  else text = t('permission.missing', params);
  return <strong>{text}</strong>;
}

/**
 * A cluster read that failed, shown where its data would be; a refused one names the missing
 * permission first (verb, resource, namespace), as the RBAC rule that would grant it.
 */
export function DevErrorLine(props: { title: string; error: DevError }) {
  const { title, error } = props;
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const where = [error.cluster, error.resource].filter(Boolean).join(', ');
  return (
    <Alert severity="error">
      <AlertTitle>{title}</AlertTitle>
      {error.permission && (
        <div>
          <MissingPermission permission={error.permission} />
        </div>
      )}
      {t(TYPE_KEYS[error.type] ?? TYPE_KEYS.unknown)}: {error.message}
      {where ? ` (${where})` : ''}
    </Alert>
  );
}
