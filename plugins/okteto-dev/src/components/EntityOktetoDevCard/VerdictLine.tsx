import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import Box from '@material-ui/core/Box';
import { oktetoDevTranslationRef } from '../../translation';
import { StatusChip } from './StatusChip';
import { useVerdict } from './verdict';

/** The summary line at the top of the card: Argo CD, dev mode, drift verdict. */
export function VerdictLine(props: { status: DevStatus }) {
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const parts = useVerdict(props.status);
  return (
    <Box
      role="group"
      aria-label={t('summary.label')}
      display="flex"
      flexWrap="wrap"
      mb={1}
    >
      {parts.map(part => (
        <StatusChip key={part.label} tone={part.tone} label={part.label} />
      ))}
    </Box>
  );
}
