import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import scaffolderGithubModule from '@backstage/plugin-scaffolder-backend-module-github';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import yaml from 'yaml';
import scaffolderModuleOktetoDev from '../index';
import { GithubStandIn } from '../testing/githubStandIn';

/** The server of a test backend, for supertest. */
export type TestServer = Parameters<typeof request>[0];

/** A template of the repository's `templates/` folder, parsed. */
export function readTemplate(name: string): any {
  return yaml.parse(
    fs.readFileSync(
      path.resolve(__dirname, `../../../../templates/${name}/template.yaml`),
      'utf8',
    ),
  );
}

/**
 * A real scaffolder backend (with the GitHub module and this module) whose catalog holds the given
 * templates and whose GitHub integration is the stand-in.
 */
export async function startScaffolder(
  standIn: GithubStandIn,
  templates: any[],
): Promise<TestServer> {
  const backend = await startTestBackend({
    features: [
      scaffolderPlugin,
      scaffolderGithubModule,
      scaffolderModuleOktetoDev,
      catalogServiceMock.factory({
        entities: templates.map(template => ({
          ...template,
          metadata: { ...template.metadata, namespace: 'default' },
        })),
      }),
      mockServices.rootConfig.factory({
        data: {
          integrations: {
            github: [
              {
                host: 'github.com',
                apiBaseUrl: standIn.apiBaseUrl,
                token: 'x',
              },
            ],
          },
        },
      }),
    ],
  });
  return backend.server;
}

/** Runs a template through the scaffolder API; resolves when the task has ended. */
export async function runTemplate(
  server: TestServer,
  templateRef: string,
  values: Record<string, string>,
): Promise<{ task: any; events: any[]; messages: string[] }> {
  const auth = mockCredentials.user.header();
  const created = await request(server)
    .post('/api/scaffolder/v2/tasks')
    .set('Authorization', auth)
    .send({ templateRef, values });
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
): Promise<{ status: number; body: any; files: Record<string, string> }> {
  const response = await request(server)
    .post('/api/scaffolder/v2/dry-run')
    .set('Authorization', mockCredentials.user.header())
    .send({
      template,
      values,
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
