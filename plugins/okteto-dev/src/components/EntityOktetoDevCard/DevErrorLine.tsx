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
 * What one failed read means, said once: a refused read names the missing permission (in the
 * reader's language; the backend's message would only repeat it, in English), an unusable cluster
 * is named in the reader's language before the backend's reason (what to change in the config),
 * anything else is its kind and the backend's message. The cluster is named when it is not the dev target's own (`home`).
 */
export function ErrorStatement(props: { error: DevError; home?: string }) {
  const { error, home } = props;
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const where =
    error.cluster && error.cluster !== home
      ? ` ${t('errorType.onCluster', { cluster: error.cluster })}`
      : '';
  if (error.permission) {
    return (
      <>
        <MissingPermission permission={error.permission} />
        {where}
      </>
    );
  }
  if (error.type === 'unusable') {
    // the backend's ClusterUnusableError: "Cluster '<name>' cannot be used: <what to change>"
    const lead = `Cluster '${error.cluster}' cannot be used: `;
    return error.cluster && error.message.startsWith(lead) ? (
      <>
        <strong>
          {t('errorType.unusableCluster', { cluster: error.cluster })}
        </strong>
        : {error.message.slice(lead.length)}
      </>
    ) : (
      <>{error.message}</>
    );
  }
  return (
    <>
      {t(TYPE_KEYS[error.type] ?? TYPE_KEYS.unknown)}: {error.message}
      {where}
    </>
  );
}

/** A read that failed, shown where its data would be (the events of the Events section). */
export function DevErrorLine(props: {
  title: string;
  error: DevError;
  home?: string;
}) {
  const { title, error, home } = props;
  return (
    <Alert severity="error">
      <AlertTitle>{title}</AlertTitle>
      <ErrorStatement error={error} home={home} />
    </Alert>
  );
}
