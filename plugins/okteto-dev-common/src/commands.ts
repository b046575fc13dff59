import { isDnsLabel } from './conventions';
import { devMessage, DevMessage } from './messages';
import { shown } from './shown';
import { isValidDevName } from './oktetoManifest';
import { isValidPackageName } from './packageName';
import {
  DEFAULT_PACKAGE_MANAGER,
  PackageManagerName,
  workspaceDevArgv,
} from './packageManager';
import { DevCommands } from './types';

/** Characters that no POSIX shell (sh, bash, zsh, dash) treats specially inside a word. */
const PLAIN_WORD = /^[A-Za-z0-9_@%+:,./-]+$/;

/**
 * One word for a POSIX shell: as it is when it holds only characters no shell treats specially
 * (so `@synestra/corporate-website` stays readable), else in single quotes, each `'` written as
 * `'\''`. Inside single quotes nothing is special, so the shell reads back exactly `value`.
 *
 * Ours rather than `shell-quote`'s `quote`: that one escapes `@` (`\@synestra/…`), which every
 * scoped package name would show, and tests parse our output back with `shell-quote` and a real
 * `sh`.
 *
 * @public
 */
export function shellQuote(value: string): string {
  if (PLAIN_WORD.test(value) && !value.startsWith('=')) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * A command line from its words, each quoted with {@link shellQuote}.
 *
 * @public
 */
export function shellCommand(argv: string[]): string {
  return argv.map(shellQuote).join(' ');
}

/**
 * A value of a command and where it came from.
 *
 * @public
 */
export interface DevCommandValue {
  /** The value, unchecked. */
  value: string;
  /** Where it came from: an annotation, a file of the repository, a naming template. */
  source: string;
}

/**
 * The commands a developer copies for the entity's dev environment, built only from values that
 * passed their check: the dev entry name as Okteto validates it (okteto/okteto `pkg/model/dev.go`,
 * `Validate`), the namespace as a DNS-1123 label, the package as an npm package name. Each word is
 * quoted for a POSIX shell. A value that fails is named in `withheld` (which value, from where) and
 * no command with it is offered: without a valid dev name or namespace, none at all.
 *
 * When the dev entry has a `command`, okteto up runs it in the dev container itself: there is
 * nothing to type, and that command (an arbitrary shell string from the repository) is never
 * offered to paste; the status carries it as information (`target.devEntry.command`).
 *
 * @public
 */
export function buildDevCommands(options: {
  devService: DevCommandValue;
  namespace: DevCommandValue;
  package: DevCommandValue;
  /** The repository's package manager; default pnpm. */
  packageManager?: PackageManagerName;
  /** Whether the dev entry has its own `command`. */
  entryCommand?: boolean;
}): { commands?: DevCommands; withheld: DevMessage[] } {
  const { devService, namespace } = options;
  const withheld: DevMessage[] = [];
  if (!isValidDevName(devService.value)) {
    withheld.push(
      devMessage('commandDevNameInvalid', {
        value: shown(devService.value),
        source: devService.source,
      }),
    );
  }
  if (!isDnsLabel(namespace.value)) {
    withheld.push(
      devMessage('commandNamespaceInvalid', {
        value: shown(namespace.value),
        source: namespace.source,
      }),
    );
  }
  if (withheld.length > 0) return { withheld };
  const okteto = (verb: 'up' | 'down') =>
    shellCommand([
      'okteto',
      verb,
      devService.value,
      '--namespace',
      namespace.value,
    ]);
  const commands: DevCommands = {
    oktetoUp: okteto('up'),
    oktetoDown: okteto('down'),
    devSource: options.entryCommand ? 'dev-entry' : 'package',
  };
  if (!options.entryCommand) {
    if (isValidPackageName(options.package.value)) {
      commands.dev = shellCommand(
        workspaceDevArgv(
          options.packageManager ?? DEFAULT_PACKAGE_MANAGER,
          options.package.value,
        ),
      );
    } else {
      withheld.push(
        devMessage('commandPackageInvalid', {
          value: shown(options.package.value),
          source: options.package.source,
        }),
      );
    }
  }
  return { commands, withheld };
}
