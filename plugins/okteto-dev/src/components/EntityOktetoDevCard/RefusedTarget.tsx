import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { DevMessage } from '@okteto-dev/plugin-okteto-dev-common';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { oktetoDevTranslationRef } from '../../translation';
import { useDevMessage } from './useDevMessage';

/**
 * A target okteto-dev will not read: each value refused, the annotation that asked for it and what
 * the configuration allows, in the reader's language.
 */
export function RefusedTarget(props: { refusals: DevMessage[] }) {
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const render = useDevMessage();
  return (
    <Alert severity="error" role="alert">
      <AlertTitle>{t('card.refusedTitle')}</AlertTitle>
      {props.refusals.map(refusal => (
        <Typography
          key={`${refusal.code}:${refusal.params?.value}`}
          variant="body2"
          component="p"
        >
          {render(refusal)}
        </Typography>
      ))}
      <Typography variant="caption" component="p">
        {t('card.refusedHint')}
      </Typography>
    </Alert>
  );
}

/** Why commands are withheld (the target guard, a value that failed its check). */
export function WithheldCommands(props: { guard: DevMessage[] }) {
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const render = useDevMessage();
  return (
    <Alert severity="warning">
      <AlertTitle>{t('commands.withheld')}</AlertTitle>
      {props.guard.map(message => (
        <Typography
          key={`${message.code}:${message.params?.value ?? ''}`}
          variant="body2"
          component="p"
        >
          {render(message)}
        </Typography>
      ))}
    </Alert>
  );
}
