import { CopyTextButton } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { DevCommands } from '@okteto-dev/plugin-okteto-dev-common';
import Box from '@material-ui/core/Box';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { oktetoDevTranslationRef } from '../../translation';
import { Section } from './Section';

const useStyles = makeStyles(theme => ({
  command: {
    fontFamily: 'monospace',
    wordBreak: 'break-all',
    flex: 1,
    padding: theme.spacing(0.5, 1),
    background: theme.palette.background.default,
    borderRadius: theme.shape.borderRadius,
  },
}));

const ORDER = ['oktetoUp', 'oktetoDown', 'dev'] as const;

/** The exact commands to start and stop dev mode and to run the app, each with a copy button. */
export function CommandList(props: { commands: DevCommands }) {
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const classes = useStyles();
  return (
    <Section title={t('commands.title')}>
      {ORDER.map(name => (
        <Box key={name} mb={1}>
          <Typography variant="caption" color="textSecondary">
            {t(`commands.${name}`)}
          </Typography>
          <Box display="flex" alignItems="center">
            <code className={classes.command}>{props.commands[name]}</code>
            <CopyTextButton
              text={props.commands[name]}
              tooltipText={t('commands.copied')}
              aria-label={t('commands.copy', {
                label: t(`commands.${name}`),
              })}
            />
          </Box>
        </Box>
      ))}
    </Section>
  );
}
