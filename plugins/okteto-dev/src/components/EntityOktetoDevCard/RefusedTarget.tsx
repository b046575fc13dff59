import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { DevMessage } from '@okteto-dev/plugin-okteto-dev-common';
import Box from '@material-ui/core/Box';
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
  const several = props.refusals.length > 1;
  return (
    <Alert severity="error" role="alert">
      <AlertTitle>{t('card.refusedTitle')}</AlertTitle>
      {/* more than one value refused: one item each, so that they do not run together */}
      <Box
        component={several ? 'ul' : 'div'}
        pl={several ? 2 : 0}
        mt={0}
        mb={1}
      >
        {props.refusals.map(refusal => (
          <Typography
            key={`${refusal.code}:${refusal.params?.value}`}
            variant="body2"
            component={several ? 'li' : 'p'}
          >
            {render(refusal)}
          </Typography>
        ))}
      </Box>
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
