import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  DevStatus,
  DevValueSource,
} from '@okteto-dev/plugin-okteto-dev-common';
import Typography from '@material-ui/core/Typography';
import { oktetoDevTranslationRef } from '../../translation';
import { CommandLine } from './CommandLine';
import { useDevMessage } from './useDevMessage';

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
  const entry = target.devEntry;
  const source = (value?: DevValueSource) =>
    t(SOURCE_KEYS[value ?? 'convention'] ?? SOURCE_KEYS.convention);

  let devLabel: string = t('commands.package');
  if (commands.devSource === 'dev-entry') {
    devLabel = entry?.workdir
      ? t('commands.devEntryWorkdir', { workdir: entry.workdir })
      : t('commands.devEntry');
  }

  return (
    <>
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
      {!withoutDown && (
        <CommandLine
          label={t('commands.oktetoDown')}
          command={commands.oktetoDown}
        />
      )}
      <CommandLine
        label={devLabel}
        copyLabel={t('commands.dev')}
        command={commands.dev}
        copy={commands.devSource !== 'dev-entry'}
      />
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
