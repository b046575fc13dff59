/*
 * The fresh-app variant `argocd-api`: the adopter whose Backstage may read the workloads of its
 * clusters but not Argo CD's Applications, and has what Roadie's and the community Argo CD
 * plugins' users have — an Argo CD API token in `argocd.appLocatorMethods`. The README's blocks
 * for it configure the app; it runs against the real cluster (packages/real-cluster: real
 * kube-apiserver, controllers, kwok) and the real Argo CD v3.6.2 over HTTPS with a certificate of
 * a private CA, with web-core's synestra-io dev Application synced by Argo CD from a git
 * repository. The service account is okteto-dev's own with deploy/rbac/'s live rules for the dev
 * namespace and nothing in Argo CD's namespace ("Argo CD on a hub": the workload cluster's
 * manifests without argocd.yaml); the API server writes an audit log of its requests.
 * Chromium sees the card's Argo CD verdict read through the API (sync, health, revision, the link
 * to that Argo CD), its live line, a new commit pushed to the open card through Argo CD's stream,
 * and the audit log shows the backend never asked Kubernetes for an Application.
 * Upstream read for it: argo-cd util/settings/settings.go (the `argocd-server-tls` Secret),
 * server/account/account.go (tokens), util/rbac (policy), kubernetes
 * staging/src/k8s.io/apiserver/pkg/apis/audit/v1/types.go (the audit Policy and Event).
 */
import {
  AuthorizationV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObject,
  KubernetesObjectApi,
} from '@kubernetes/client-node';
import fs from 'node:fs';
import path from 'node:path';
import { Page } from 'playwright-core';
import { startRealCluster, RealCluster } from '@okteto-dev/real-cluster';
import {
  ArgoCd,
  createGitRepo,
  GitRepo,
  startArgoCd,
} from '@okteto-dev/real-cluster/src/argocd';
import {
  webAppApplication,
  webAppChart,
} from '@okteto-dev/real-cluster/src/argocd/fixtures';
import type { DevStatus } from '@okteto-dev/plugin-okteto-dev-common';
import { rbacManifest } from '../plugins/okteto-dev-backend/src/__testUtils__/rbac';
import {
  card,
  eventually,
  expectNoText,
  expectText,
  FreshAppTest,
  openEntity,
  SHOTS,
} from './freshAppPage';
import type { FreshAppVariant } from './freshAppVariants';

/** web-core's names (examples/entities.yaml, the default conventions). */
const APP = 'synestra-io';
const APPLICATION = `web-${APP}-dev`;
const DEV_NAMESPACE = APPLICATION;
const ARGOCD_NAMESPACE = 'argo';
const PROJECT = 'synestra-web';
/** Where okteto-dev's service account lives (deploy/rbac/README.md, web-core's value). */
const OKTETO_DEV_NAMESPACE = 'backstage';
const SERVICE_ACCOUNT = `system:serviceaccount:${OKTETO_DEV_NAMESPACE}:okteto-dev`;
/** The Argo CD local account whose token the app gets. */
const ARGOCD_ACCOUNT = 'backstage';
/**
 * The token's Argo CD RBAC, as the backend README ("Argo CD through its API") gives it: `get` on
 * the dev project's Applications, nothing else.
 */
const POLICY_CSV = [
  `p, role:okteto-dev, applications, get, ${PROJECT}/*, allow`,
  `g, ${ARGOCD_ACCOUNT}, role:okteto-dev`,
  '',
].join('\n');
const VALUES_FILE = `deploy/env/dev/${APP}.yaml`;

/** An audit event as the API server's log backend writes it (audit.k8s.io/v1 Event). */
interface AuditEvent {
  stage: string;
  verb: string;
  user: { username: string };
  objectRef?: { resource?: string; apiGroup?: string; namespace?: string };
  responseStatus?: { code?: number };
}

/**
 * The API server's audit policy: every request of okteto-dev's service account, metadata only.
 * The log backend writes an event before the request completes (`--audit-log-mode` defaults to
 * blocking for it: k8s.io/apiserver pkg/server/options/audit.go, NewAuditOptions).
 */
const AUDIT_POLICY = {
  apiVersion: 'audit.k8s.io/v1',
  kind: 'Policy',
  omitStages: ['RequestReceived'],
  rules: [{ level: 'Metadata', users: [SERVICE_ACCOUNT] }, { level: 'None' }],
};

function auditEvents(file: string): AuditEvent[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map(line => JSON.parse(line) as AuditEvent);
}

async function applyAll(kc: KubeConfig, objects: KubernetesObject[]) {
  const client = KubernetesObjectApi.makeApiClient(kc);
  for (const object of objects) await client.create(object);
}

interface Application {
  status?: {
    sync?: { status?: string; revision?: string };
    health?: { status?: string };
  };
}

/** Everything the variant started, for its tests. */
interface Stack {
  cluster: RealCluster;
  kc: KubeConfig;
  argo: ArgoCd;
  repo: GitRepo;
  auditLog: string;
  readApplication(): Promise<Application>;
}

async function waitSynced(stack: Stack, revision: string, timeoutMs: number) {
  await eventually(
    async () => {
      const app = await stack.readApplication();
      const { sync, health } = app.status ?? {};
      if (
        sync?.status !== 'Synced' ||
        health?.status !== 'Healthy' ||
        sync.revision !== revision
      ) {
        throw new Error(
          `Argo CD's ${ARGOCD_NAMESPACE}/${APPLICATION} is ${sync?.status}/${health?.status} at ${sync?.revision}, not Synced/Healthy at ${revision}`,
        );
      }
    },
    timeoutMs,
    500,
  );
}

async function startStack(
  dir: string,
  log: (line: string) => void,
): Promise<Stack> {
  // anew each time: an audit log of an earlier cluster would mix with this one's
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const policyFile = path.join(dir, 'audit-policy.json');
  const auditLog = path.join(dir, 'audit.log');
  fs.writeFileSync(policyFile, JSON.stringify(AUDIT_POLICY));
  let t = Date.now();
  const cluster = await startRealCluster({
    shared: false,
    extraArgs: {
      apiserver: [
        `--audit-policy-file=${policyFile}`,
        `--audit-log-path=${auditLog}`,
      ],
    },
  });
  log(
    `real cluster ${cluster.version} at ${cluster.url} (${Math.round(
      (Date.now() - t) / 1000,
    )} s; audit log ${auditLog})`,
  );
  let argo: ArgoCd | undefined;
  try {
    const kc = new KubeConfig();
    kc.loadFromFile(cluster.kubeconfigPath);
    t = Date.now();
    argo = await startArgoCd({
      kubeconfigPath: cluster.kubeconfigPath,
      namespace: ARGOCD_NAMESPACE,
      accounts: [ARGOCD_ACCOUNT],
      rbac: { policyCsv: POLICY_CSV },
      tls: true,
      dir: path.join(dir, 'argocd'),
    });
    log(
      `Argo CD v3.6.2 at ${argo.serverUrl} over TLS (${Math.round(
        (Date.now() - t) / 1000,
      )} s)`,
    );
    const custom = kc.makeApiClient(CustomObjectsApi);
    const vars = { OKTETO_DEV_NAMESPACE, ARGOCD_NAMESPACE };
    await applyAll(kc, [
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'AppProject',
        metadata: { name: PROJECT, namespace: ARGOCD_NAMESPACE },
        spec: {
          sourceRepos: ['*'],
          destinations: [{ server: '*', namespace: '*' }],
          clusterResourceWhitelist: [{ group: '*', kind: '*' }],
        },
      } as KubernetesObject,
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: OKTETO_DEV_NAMESPACE },
      },
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: DEV_NAMESPACE },
      },
      // a workload cluster's manifests of deploy/rbac/README.md, live mode, without argocd.yaml:
      // the service account may read the dev namespace's workloads, no Application anywhere
      ...(rbacManifest('service-account.yaml', vars) as KubernetesObject[]),
      ...(rbacManifest('live/workloads.yaml', vars) as KubernetesObject[]),
      ...(rbacManifest('live/dev-namespace.yaml', {
        ...vars,
        DEV_NAMESPACE,
      }) as KubernetesObject[]),
    ]);
    const repo = createGitRepo(path.join(dir, 'repo'), {
      ...webAppChart(),
      [VALUES_FILE]: 'env:\n  SYNESTRA_ENV: dev\n',
    });
    const application = webAppApplication({
      name: APPLICATION,
      namespace: ARGOCD_NAMESPACE,
      repoURL: repo.url,
      destinationNamespace: DEV_NAMESPACE,
      valueFiles: [`../../env/dev/${APP}.yaml`],
    });
    application.spec.project = PROJECT;
    await custom.createNamespacedCustomObject({
      group: 'argoproj.io',
      version: 'v1alpha1',
      namespace: ARGOCD_NAMESPACE,
      plural: 'applications',
      body: application,
    });
    const stack: Stack = {
      cluster,
      kc,
      argo,
      repo,
      auditLog,
      readApplication: async () =>
        (await custom.getNamespacedCustomObject({
          group: 'argoproj.io',
          version: 'v1alpha1',
          namespace: ARGOCD_NAMESPACE,
          plural: 'applications',
          name: APPLICATION,
        })) as Application,
    };
    t = Date.now();
    await waitSynced(stack, repo.head(), 240_000);
    log(
      `Argo CD synced ${ARGOCD_NAMESPACE}/${APPLICATION} at ${repo
        .head()
        .slice(0, 7)} into ${DEV_NAMESPACE} (${Math.round(
        (Date.now() - t) / 1000,
      )} s)`,
    );
    return stack;
  } catch (error) {
    await argo?.close();
    await cluster.close();
    throw error;
  }
}

/** The card's status answers for synestra-io, as the browser received them. */
function recordStatuses(page: Page): DevStatus[] {
  const seen: DevStatus[] = [];
  page.on('response', async response => {
    const url = response.url();
    if (
      !url.includes('/api/okteto-dev/v1/status?') ||
      !decodeURIComponent(url).includes(`/${APP}`) ||
      response.status() !== 200
    ) {
      return;
    }
    try {
      seen.push((await response.json()) as DevStatus);
    } catch {
      // a navigation away ended the body
    }
  });
  return seen;
}

/** Opens the card's "Argo CD" section (its body loads on the first open) and returns its text. */
async function openArgoSection(page: Page): Promise<string> {
  const heading = card(page).getByRole('button', { name: /^Argo CD\b/ });
  if ((await heading.first().getAttribute('aria-expanded')) !== 'true') {
    await heading.first().click();
  }
  const body = card(page).locator('section', {
    has: page.getByRole('button', { name: /^Argo CD\b/ }),
  });
  await body
    .getByText(`Application ${ARGOCD_NAMESPACE}/${APPLICATION}`)
    .waitFor({ timeout: 30_000 });
  return body.innerText();
}

/** What no card of this variant may show: an error about reading Applications. */
const APPLICATION_ERRORS = [
  'Argo CD could not be read',
  'Argo CD unreadable',
  'Missing permission',
  'applications.argoproj.io',
  /forbidden/i,
];

function tests(stack: Stack): FreshAppTest[] {
  const argocdUrl = stack.argo.serverUrl!;
  let statuses: DevStatus[] = [];
  const short = (sha: string) => sha.slice(0, 7);
  return [
    {
      name: "the card's Argo CD verdict comes through Argo CD's API — sync, health, the deployed revision — and the card is live",
      async run(page, { baseUrl }) {
        statuses = recordStatuses(page);
        const head = stack.repo.head();
        // live mode is ready once the Application stream and the workload watches are: until
        // then an answer says "not live" and why, so look again
        let text = '';
        await eventually(
          async () => {
            text = await openEntity(page, baseUrl, APP);
            expectText(text, 'Live: changes are pushed as they happen');
          },
          120_000,
          3000,
        );
        expectText(text, 'Argo CD: Synced · Healthy', 'Dev mode off');
        expectNoText(text, ...APPLICATION_ERRORS, 'not live');
        const argo = await openArgoSection(page);
        expectText(argo, `Revision ${short(head)}`, 'Open in Argo CD');
        const link = await card(page)
          .getByRole('link', { name: 'Open in Argo CD' })
          .getAttribute('href');
        if (
          link !==
          `${argocdUrl}/applications/${ARGOCD_NAMESPACE}/${APPLICATION}`
        ) {
          throw new Error(`"Open in Argo CD" leads to ${link}`);
        }
        // what the browser received: read from the instance of argocd.appLocatorMethods
        const last = statuses[statuses.length - 1];
        if (!last)
          throw new Error('the browser received no status of synestra-io');
        const got = {
          instance: last.target.application.instance,
          argo: last.argo.state,
          revision: last.argo.state === 'ok' ? last.argo.revision : undefined,
          live: last.live?.mode,
          errors: last.errors.length,
        };
        const want = {
          instance: 'argocd',
          argo: 'ok',
          revision: head,
          live: 'watch',
          errors: 0,
        };
        if (JSON.stringify(got) !== JSON.stringify(want)) {
          throw new Error(
            `the status the card got: ${JSON.stringify(
              got,
            )}, expected ${JSON.stringify(want)}`,
          );
        }
        await page.screenshot({
          path: path.join(SHOTS, 'fresh-app-argocd-api-card.png'),
          fullPage: true,
        });
      },
    },
    {
      name: "a new commit reaches the open card through Argo CD's stream, without a reload",
      async run(page) {
        const before = statuses.length;
        const head = stack.repo.commit(
          { [VALUES_FILE]: 'env:\n  SYNESTRA_ENV: dev\n  FEATURE_X: "on"\n' },
          'synestra-io: FEATURE_X on',
        );
        // as a git webhook does: Argo CD compares now rather than at its next reconciliation
        await stack.argo.refresh(APPLICATION);
        await waitSynced(stack, head, 180_000);
        await eventually(
          async () => {
            const text = await card(page).innerText();
            expectText(
              text,
              `Revision ${short(head)}`,
              'Argo CD: Synced · Healthy',
              'Live: changes are pushed as they happen',
            );
            expectNoText(text, ...APPLICATION_ERRORS);
          },
          120_000,
          500,
        );
        // the card fetched again because a signal said so; the page was not reloaded
        const after = statuses.slice(before);
        if (
          !after.some(s => s.argo.state === 'ok' && s.argo.revision === head)
        ) {
          throw new Error(
            'no status with the new revision reached the browser',
          );
        }
        await page.screenshot({
          path: path.join(SHOTS, 'fresh-app-argocd-api-new-commit.png'),
          fullPage: true,
        });
      },
    },
    {
      name: 'the backend never asked Kubernetes for an Application: its service account may not, and the audit log holds no such request',
      async run() {
        const authz = stack.kc.makeApiClient(AuthorizationV1Api);
        const can = async (
          verb: string,
          resource: string,
          group: string,
          namespace: string,
        ) =>
          (
            await authz.createSubjectAccessReview({
              body: {
                spec: {
                  user: SERVICE_ACCOUNT,
                  groups: [
                    'system:serviceaccounts',
                    `system:serviceaccounts:${OKTETO_DEV_NAMESPACE}`,
                    'system:authenticated',
                  ],
                  resourceAttributes: { verb, resource, group, namespace },
                },
              },
            })
          ).status?.allowed === true;
        for (const verb of ['get', 'list', 'watch']) {
          if (
            await can(verb, 'applications', 'argoproj.io', ARGOCD_NAMESPACE)
          ) {
            throw new Error(`the service account may ${verb} Applications`);
          }
        }
        if (!(await can('watch', 'pods', '', DEV_NAMESPACE))) {
          throw new Error('the service account may not watch the dev pods');
        }
        const events = auditEvents(stack.auditLog).filter(
          e => e.user?.username === SERVICE_ACCOUNT,
        );
        const asked = (resource: string) =>
          events.filter(e => e.objectRef?.resource === resource);
        // the log holds the backend's reads: its list and watch of the dev namespace's workloads
        for (const resource of ['deployments', 'pods']) {
          const reads = asked(resource);
          if (
            !reads.some(e => e.verb === 'watch') ||
            !reads.some(e => e.verb === 'list')
          ) {
            throw new Error(
              `the audit log has no list and watch of ${resource} by ${SERVICE_ACCOUNT} (${events.length} events of it)`,
            );
          }
        }
        const applications = asked('applications');
        if (applications.length > 0) {
          throw new Error(
            `the backend asked Kubernetes for Applications: ${applications
              .slice(0, 3)
              .map(
                e =>
                  `${e.verb} ${e.objectRef?.namespace ?? ''} → ${
                    e.responseStatus?.code
                  }`,
              )
              .join(', ')}`,
          );
        }
      },
    },
  ];
}

/** Argo CD through its API only, on the real cluster and the real Argo CD. */
export const argocdApiVariant: FreshAppVariant = {
  description:
    'workload clusters from kubernetes.clusterLocatorMethods (a service account that may not read Applications); Argo CD only through argocd.appLocatorMethods with an API token (real cluster, real argocd-server over TLS)',
  async start({ dir, log }) {
    const stack = await startStack(path.join(dir, 'argocd-api'), log);
    try {
      const core = stack.kc.makeApiClient(CoreV1Api);
      const request = await core.createNamespacedServiceAccountToken({
        namespace: OKTETO_DEV_NAMESPACE,
        name: 'okteto-dev',
        body: { spec: { audiences: [], expirationSeconds: 7200 } },
      });
      const argocdToken = await stack.argo.generateToken(ARGOCD_ACCOUNT);
      return {
        env: {
          K8S_CLUSTER_URL: stack.cluster.url,
          K8S_SA_TOKEN: request.status!.token,
          K8S_CA_DATA: Buffer.from(stack.cluster.ca).toString('base64'),
          ARGOCD_URL: stack.argo.serverUrl!,
          ARGOCD_AUTH_TOKEN: argocdToken,
          // Argo CD's certificate comes from a private CA: Node trusts it through this variable
          NODE_EXTRA_CA_CERTS: stack.argo.caFile!,
        },
        tests: tests(stack),
        diagnostics: () =>
          Object.entries(stack.argo.logs)
            .filter(([name]) => name === 'argocd-server')
            .map(
              ([name, file]) =>
                `${name} log ends:\n${fs
                  .readFileSync(file, 'utf8')
                  .slice(-3000)}`,
            )
            .join('\n'),
        async close() {
          await stack.argo.close();
          await stack.cluster.close();
        },
      };
    } catch (error) {
      await stack.argo.close();
      await stack.cluster.close();
      throw error;
    }
  },
};
