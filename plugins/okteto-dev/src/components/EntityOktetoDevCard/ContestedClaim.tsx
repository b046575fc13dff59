import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { DevMessage } from '@okteto-dev/plugin-okteto-dev-common';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { oktetoDevTranslationRef } from '../../translation';
import { useDevMessage } from './useDevMessage';

/**
 * What the card shows instead of a status when another catalog entity claims the same dev target:
 * who else claims it (only entities the viewer may see are named) and why nothing else is shown.
 */
export function ContestedClaim(props: { claim: DevMessage }) {
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const render = useDevMessage();
  return (
    <Alert severity="warning" role="alert">
      <AlertTitle>{t('card.contested')}</AlertTitle>
      {render(props.claim)}
    </Alert>
  );
}
