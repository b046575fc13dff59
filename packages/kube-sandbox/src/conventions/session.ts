import type { ScenarioOktetoSession } from '../scenario/types';
import { AppConventions, fill, fillAll, varsOf } from './types';

/** The team's Okteto manifest entry for an app, as `okteto up` runs it. */
export function devSession(
  c: AppConventions,
  app: string,
  slug = app,
  extra: Partial<ScenarioOktetoSession> = {},
): ScenarioOktetoSession {
  const vars = varsOf(c, app, slug);
  return {
    devName: fill(c.dev.devName, vars),
    namespace: vars.namespace,
    selector: fillAll(c.dev.selector, vars),
    container: c.container.name,
    image: c.dev.image,
    workdir: fill(c.dev.workdir, vars),
    sync: c.dev.sync.map(s => fill(s, vars)),
    manifestName: fill(c.dev.manifestName, vars),
    mode: 'sync',
    ...extra,
  };
}
