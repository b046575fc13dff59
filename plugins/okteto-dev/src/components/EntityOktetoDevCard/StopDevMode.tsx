import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import { makeStyles } from '@material-ui/core/styles';
import { oktetoDevTranslationRef } from '../../translation';
import { CommandLine } from './CommandLine';

const useStyles = makeStyles(theme => ({
  box: {
    border: `1px solid ${theme.palette.error.main}`,
    borderRadius: theme.shape.borderRadius,
    padding: theme.spacing(1, 1, 0),
    marginBottom: theme.spacing(1),
  },
}));

/** `okteto down`, offered above the sections when the session conflicts, is broken or forgotten. */
export function StopDevMode(props: { command: string }) {
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const classes = useStyles();
  return (
    <Box className={classes.box}>
      <CommandLine label={t('commands.oktetoDown')} command={props.command} />
    </Box>
  );
}
