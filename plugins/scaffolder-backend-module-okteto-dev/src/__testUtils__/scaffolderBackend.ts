import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import scaffolderGithubModule from '@backstage/plugin-scaffolder-backend-module-github';
import scaffolderGitlabModule from '@backstage/plugin-scaffolder-backend-module-gitlab';
import { parseEntityYaml } from '@backstage/plugin-catalog-node';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import scaffolderModuleOktetoDev from '../index';
import { GithubStandIn } from '../testing/githubStandIn';
import { GitlabStandIn } from '../testing/gitlabStandIn';
import { STAND_IN_TOKENS } from '../testing/standInRepo';
import { gitHostsConfig } from './gitHosts';

/** The server of a test backend, for supertest. */
export type TestServer = Parameters<typeof request>[0];

/**
 * A template of this package's `templates/` folder (shipped in the package), parsed as the catalog parses it
 * (`parseEntityYaml` of `@backstage/plugin-catalog-node`: the templates share text through YAML
 * anchors).
 */
export function readTemplate(name: string): any {
  const [result] = [
    ...parseEntityYaml(
      fs.readFileSync(
        path.resolve(__dirname, `../../templates/${name}/template.yaml`),
      ),
      { type: 'file', target: `templates/${name}/template.yaml` },
    ),
  ];
  if (result.type !== 'entity') {
    throw new Error(`template ${name}: ${JSON.stringify(result)}`);
  }
  return result.entity;
}

/**
 * A real scaffolder backend (with the GitHub and GitLab modules and this module) whose catalog
 * holds the given templates and whose integrations are the stand-ins (see `gitHostsConfig`).
 */
export async function startScaffolder(
  hosts: GithubStandIn | { github?: GithubStandIn; gitlab?: GitlabStandIn },
  templates: any[],
  options: {
    allowedRepositories?: string[];
    allowIntegrationCredentials?: boolean;
  } = {},
): Promise<TestServer> {
  const standIns = 'apiBaseUrl' in hosts ? { github: hosts } : hosts;
  const backend = await startTestBackend({
    features: [
      scaffolderPlugin,
      scaffolderGithubModule,
      scaffolderGitlabModule,
      scaffolderModuleOktetoDev,
      catalogServiceMock.factory({
        entities: templates.map(template => ({
          ...template,
          metadata: { ...template.metadata, namespace: 'default' },
        })),
      }),
      mockServices.rootConfig.factory({
        data: gitHostsConfig({
          ...standIns,
          allowedRepositories: options.allowedRepositories ?? [
            'github.com/NeoGrAIph/web-core',
          ],
          allowIntegrationCredentials: options.allowIntegrationCredentials,
        }),
      }),
    ],
  });
  return backend.server;
}

/**
 * Runs a template through the scaffolder API, with the secrets the form would send (by default
 * alice's token for the host, as RepoUrlPicker's requestUserCredentials puts it); resolves when the
 * task has ended.
 */
export async function runTemplate(
  server: TestServer,
  templateRef: string,
  values: Record<string, string>,
  secrets: Record<string, string> = { USER_OAUTH_TOKEN: STAND_IN_TOKENS.alice },
): Promise<{ task: any; events: any[]; messages: string[] }> {
  const auth = mockCredentials.user.header();
  const created = await request(server)
    .post('/api/scaffolder/v2/tasks')
    .set('Authorization', auth)
    .send({ templateRef, values, secrets });
  if (created.status !== 201) {
    throw new Error(
      `task not created: ${created.status} ${JSON.stringify(created.body)}`,
    );
  }
  const id = created.body.id;
  // The event stream ends with a completion event once the task has ended.
  let events: any[] = [];
  for (let after: number | undefined; ; ) {
    const page = await request(server)
      .get(`/api/scaffolder/v2/tasks/${id}/events`)
      .query(after === undefined ? {} : { after })
      .set('Authorization', auth);
    events = [...events, ...page.body];
    if (events.some(e => e.type === 'completion')) break;
    after = events.length ? events[events.length - 1].id : after;
    await new Promise(resolve => setImmediate(resolve));
  }
  const task = (
    await request(server)
      .get(`/api/scaffolder/v2/tasks/${id}`)
      .set('Authorization', auth)
  ).body;
  return {
    task,
    events,
    messages: events.map((e: any) => String(e.body.message)),
  };
}

/** Dry-runs a template inline; the files of the workspace come back decoded. */
export async function dryRunTemplate(
  server: TestServer,
  template: any,
  values: Record<string, string>,
  files: Record<string, string> = {},
  secrets: Record<string, string> = { USER_OAUTH_TOKEN: STAND_IN_TOKENS.alice },
): Promise<{ status: number; body: any; files: Record<string, string> }> {
  const response = await request(server)
    .post('/api/scaffolder/v2/dry-run')
    .set('Authorization', mockCredentials.user.header())
    .send({
      template,
      values,
      secrets,
      directoryContents: Object.entries(files).map(([p, content]) => ({
        path: p,
        base64Content: Buffer.from(content).toString('base64'),
      })),
    });
  return {
    status: response.status,
    body: response.body,
    files: Object.fromEntries(
      (response.body.directoryContents ?? []).map((f: any) => [
        f.path,
        Buffer.from(f.base64Content, 'base64').toString('utf8'),
      ]),
    ),
  };
}
