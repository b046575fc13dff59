import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  DEV_MESSAGE_TEMPLATES,
  DevMessage,
} from '@okteto-dev/plugin-okteto-dev-common';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { oktetoDevTranslationRef } from '../../translation';
import { useDevMessage } from './useDevMessage';

/** The codes of the backend's answer for a dev target that more than one entity claims. */
const CLAIM_CODES = new Set<string>([
  'claimContested',
  'claimContestedBy',
  'claimContestedByAndHidden',
]);

/**
 * The statement of a failed request when it is the backend's 409 for a contested dev target
 * (`ConflictError` with a claim `DevMessage` in its body), else undefined.
 */
export function contestedClaimOf(error: unknown): DevMessage | undefined {
  const body = (error as { body?: { error?: Record<string, unknown> } })?.body
    ?.error;
  if (
    body?.name !== 'ConflictError' ||
    typeof body.code !== 'string' ||
    !CLAIM_CODES.has(body.code) ||
    !Object.prototype.hasOwnProperty.call(DEV_MESSAGE_TEMPLATES, body.code)
  ) {
    return undefined;
  }
  return {
    code: body.code as DevMessage['code'],
    params:
      body.params && typeof body.params === 'object'
        ? (body.params as DevMessage['params'])
        : {},
    message: String(body.message ?? ''),
  };
}

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
