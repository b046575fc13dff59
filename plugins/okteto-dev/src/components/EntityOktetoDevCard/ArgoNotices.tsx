import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { ArgoStatus } from '@okteto-dev/plugin-okteto-dev-common';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { ReactNode } from 'react';
import { oktetoDevTranslationRef } from '../../translation';
import { shortSha } from './revision';
import { formatSince, useLanguage } from './time';

type OkArgo = Extract<ArgoStatus, { state: 'ok' }>;

function Notice(props: {
  severity: 'error' | 'warning' | 'info';
  title?: string;
  children: ReactNode;
}) {
  return (
    <Alert severity={props.severity}>
      {props.title && <AlertTitle>{props.title}</AlertTitle>}
      {props.children}
    </Alert>
  );
}

/** The last operation unless it simply succeeded. */
function OperationNotice(props: { argo: OkArgo }) {
  const { operation } = props.argo;
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const language = useLanguage();
  if (!operation || operation.phase === 'Succeeded') return null;
  if (operation.failed) {
    const details = [
      operation.phase,
      operation.automated ? t('argo.automated') : undefined,
      operation.username
        ? t('argo.by', { user: operation.username })
        : undefined,
      formatSince(operation.finishedAt ?? operation.startedAt, language),
    ].filter(Boolean);
    return (
      <Notice severity="error">
        {t('argo.operationFailed', {
          details: details.join(', '),
          message: operation.message ?? '',
        })}
      </Notice>
    );
  }
  const started = formatSince(operation.startedAt, language);
  if (operation.phase === 'Running' && started) {
    return (
      <Notice severity="info">
        {t('argo.operationRunning', { time: started })}
      </Notice>
    );
  }
  return (
    <Notice severity="warning">
      {t('argo.operationOther', {
        phase: operation.phase,
        message: operation.message ?? '',
      })}
    </Notice>
  );
}

/**
 * What Argo CD says beyond sync and health: a failed or running operation, its conditions
 * (ComparisonError and friends), a comparison that is old, the ApplicationSet that owns the
 * Application and a newer revision it compared with.
 */
export function ArgoNotices(props: { argo: OkArgo }) {
  const { argo } = props;
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const language = useLanguage();
  const reconciled = formatSince(argo.reconciledAt, language);
  return (
    <>
      <OperationNotice argo={argo} />
      {argo.conditions.map(condition => (
        <Notice
          key={`${condition.type}:${condition.message}`}
          severity="warning"
          title={condition.type}
        >
          {condition.message}
        </Notice>
      ))}
      {argo.reconcileStale && reconciled && (
        <Notice severity="warning">
          {t('argo.reconcileStale', { time: reconciled })}
        </Notice>
      )}
      {argo.comparedRevision && (
        <Notice severity="info">
          {t('argo.comparedRevision', { sha: shortSha(argo.comparedRevision) })}
        </Notice>
      )}
      {argo.applicationSet && (
        <Notice severity="info">
          {t('argo.applicationSet', { name: argo.applicationSet })}
        </Notice>
      )}
    </>
  );
}
