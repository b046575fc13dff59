import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  DevStatus,
  DevValueSource,
} from '@okteto-dev/plugin-okteto-dev-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { oktetoDevTranslationRef } from '../../translation';
import { CommandLine, Words } from './CommandLine';
import { useDevMessage } from './useDevMessage';

const useStyles = makeStyles(theme => ({
  entryCommand: {
    fontFamily: 'monospace',
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    margin: theme.spacing(0.5, 0),
    paddingLeft: theme.spacing(1),
    borderLeft: `3px solid ${theme.palette.divider}`,
    color: theme.palette.text.secondary,
  },
}));

const SOURCE_KEYS = {
  annotation: 'commands.source.annotation',
  'dev-entry': 'commands.source.devEntry',
  'source-location': 'commands.source.sourceLocation',
  'package-json': 'commands.source.packageJson',
  convention: 'commands.source.convention',
} as const satisfies Record<DevValueSource, string>;

/**
 * The commands section's body (its heading is in `sections.tsx`; this loads when the reader opens
 * it): the commands to start and stop dev mode and what runs the app in the dev container, and,
 * quietly, where the package and folder came from. `withoutDown` when `okteto down` is already
 * offered at the top of the card.
 */
export function CommandListBody(props: {
  status: DevStatus;
  withoutDown?: boolean;
}) {
  const { status, withoutDown } = props;
  const { commands, target } = status;
  const { t } = useTranslationRef(oktetoDevTranslationRef);
  const render = useDevMessage();
  const classes = useStyles();
  const entry = target.devEntry;
  const source = (value?: DevValueSource) =>
    t(SOURCE_KEYS[value ?? 'convention'] ?? SOURCE_KEYS.convention);

  const devLabel = t('commands.package');

  return (
    <>
      {/* all withheld: the reason is at the top of the card, said once */}
      {!commands && (
        <Typography variant="body2" color="textSecondary">
          {t('commands.withheldAbove')}
        </Typography>
      )}
      {commands && (
        <CommandLine
          label={
            entry
              ? t('commands.oktetoUpEntry', {
                  entry: entry.name,
                  manifest: entry.manifestPath,
                })
              : t('commands.oktetoUp')
          }
          copyLabel={t('commands.oktetoUp')}
          command={commands.oktetoUp}
          note={
            entry && entry.aliases.length > 0 ? (
              <Typography variant="caption" color="textSecondary" component="p">
                {t('commands.aliases', { aliases: entry.aliases.join(', ') })}
              </Typography>
            ) : undefined
          }
        />
      )}
      {commands && !withoutDown && (
        <CommandLine
          label={t('commands.oktetoDown')}
          command={commands.oktetoDown}
        />
      )}
      {commands?.dev !== undefined && (
        <CommandLine
          label={devLabel}
          copyLabel={t('commands.dev')}
          command={commands.dev}
        />
      )}
      {/* only the command to run the app withheld: why, where it would be */}
      {commands &&
        (status.guard ?? []).map(message => (
          <Alert
            key={`${message.code}:${message.params?.value ?? ''}`}
            severity="warning"
          >
            {render(message)}
          </Alert>
        ))}
      {entry?.command !== undefined && (
        // the repository's own shell string: what okteto up runs, never offered to paste
        <Box mb={1}>
          <Typography variant="caption" color="textSecondary" component="p">
            {entry.workdir
              ? t('commands.devEntryWorkdir', { workdir: entry.workdir })
              : t('commands.devEntry')}
          </Typography>
          <Typography
            variant="body2"
            component="blockquote"
            className={classes.entryCommand}
          >
            <Words text={entry.command} />
          </Typography>
          <Typography variant="caption" color="textSecondary" component="p">
            {t('commands.devEntryNote')}
          </Typography>
        </Box>
      )}
      <Typography variant="caption" color="textSecondary" component="p">
        {t('commands.target', {
          package: target.package,
          packageSource: source(target.sources?.package),
          appDir: target.appDir,
          appDirSource: source(target.sources?.appDir),
        })}
      </Typography>
      {(target.notes ?? []).map(note => (
        <Typography
          key={note.code}
          variant="caption"
          color="textSecondary"
          component="p"
        >
          {render(note)}
        </Typography>
      ))}
    </>
  );
}
