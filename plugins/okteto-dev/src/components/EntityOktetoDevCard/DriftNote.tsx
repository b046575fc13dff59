import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Drift, DriftKind } from '@okteto-dev/plugin-okteto-dev-common';
import Typography from '@material-ui/core/Typography';
import Alert, { Color } from '@material-ui/lab/Alert';
import { oktetoDevTranslationRef } from '../../translation';
import { Section } from './Section';

const DRIFT: Record<
  DriftKind,
  {
    key:
      | 'drift.none'
      | 'drift.expectedOkteto'
      | 'drift.selfHealConflict'
      | 'drift.unexpected'
      | 'drift.unknown';
    severity: Color;
  }
> = {
  none: { key: 'drift.none', severity: 'success' },
  'expected-okteto': { key: 'drift.expectedOkteto', severity: 'info' },
  'self-heal-conflict': { key: 'drift.selfHealConflict', severity: 'error' },
  unexpected: { key: 'drift.unexpected', severity: 'warning' },
  unknown: { key: 'drift.unknown', severity: 'info' },
};

/** Drift between Git and the cluster, explained in one sentence; the backend's detail below it. */
export function DriftNote(props: { drift: Drift }) {
  const { drift } = props;
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const { key, severity } = DRIFT[drift.kind] ?? DRIFT.unknown;
  return (
    <Section title={t('drift.title')}>
      <Alert severity={severity}>
        {t(key)}
        {drift.message && (
          <Typography variant="body2" color="textSecondary">
            {drift.message}
          </Typography>
        )}
      </Alert>
    </Section>
  );
}
