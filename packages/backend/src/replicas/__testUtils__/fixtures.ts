// The web-core fixtures of the replica tests: the demo's own catalog entities and repository
// (examples/), a UrlReader serving that repository as GitHub would, a plugin that hands the
// scheduler to the test, and a logger that keeps every line.
import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
  LoggerService,
  SchedulerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

const EXAMPLES = path.resolve(__dirname, '../../../../../examples');
const REPO_DIR = path.join(EXAMPLES, 'web-core-repo');
const REPO_BASE = 'https://github.com/NeoGrAIph/web-core/tree/main/';

/** The demo's web-core components (examples/entities.yaml). */
export const WEB_CORE_COMPONENTS: Entity[] = parseAllDocuments(
  fs.readFileSync(path.join(EXAMPLES, 'entities.yaml'), 'utf8'),
)
  .map(doc => doc.toJS() as Entity)
  .filter(e => e.kind === 'Component')
  .map(e => ({ ...e, metadata: { namespace: 'default', ...e.metadata } }));

/** A UrlReader over examples/web-core-repo, as the GitHub reader answers for web-core. */
export const webCoreUrlReader = createServiceFactory({
  service: coreServices.urlReader,
  deps: {},
  factory(): UrlReaderService {
    const readUrl = async (url: string) => {
      const file = url.startsWith(REPO_BASE)
        ? path.join(REPO_DIR, url.slice(REPO_BASE.length))
        : undefined;
      if (!file || !file.startsWith(REPO_DIR) || !fs.existsSync(file)) {
        throw new NotFoundError(`${url} not found`);
      }
      const buffer = fs.readFileSync(file);
      return { buffer: async () => buffer, etag: 'e' };
    };
    const unused = async () => {
      throw new Error('not used');
    };
    return {
      readUrl,
      readTree: unused,
      search: unused,
    } as unknown as UrlReaderService;
  },
});

/** What {@link captureScheduler} hands to the test. */
export interface Captured {
  scheduler?: SchedulerService;
}

/** A plugin that hands the backend's scheduler to the test (to run collators now). */
export function captureScheduler(found: Captured) {
  return createBackendPlugin({
    pluginId: 'test-capture',
    register(env) {
      env.registerInit({
        deps: { scheduler: coreServices.scheduler },
        async init({ scheduler }) {
          found.scheduler = scheduler;
        },
      });
    },
  });
}

/** A logger that keeps every line, so a test can wait for one. */
export function recordingLogger() {
  const lines: string[] = [];
  const make = (): LoggerService => ({
    error: m => void lines.push(`error ${m}`),
    warn: m => void lines.push(`warn ${m}`),
    info: m => void lines.push(`info ${m}`),
    debug: m => void lines.push(`debug ${m}`),
    child: () => make(),
  });
  const factory = createServiceFactory({
    service: coreServices.logger,
    deps: {},
    factory: () => make(),
  });
  return { lines, factory };
}
