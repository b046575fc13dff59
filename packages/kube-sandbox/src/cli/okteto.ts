import { parseArgs } from 'node:util';
import { DownStep, oktetoDown, oktetoUp, UpStep } from '../okteto';
import {
  applicationFor,
  describeApplication,
  opsFor,
  Out,
  parseSelector,
} from './common';

const UP_STEPS = ['volume', 'secret', 'clone'];
const DOWN_STEPS = ['original', 'clone'];

/** `up` / `down`: the Okteto simulation against a running sandbox's API. */
export async function okteto(
  command: 'up' | 'down',
  argv: string[],
  out: Out,
  usage: string,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      namespace: { type: 'string', short: 'n' },
      workload: { type: 'string' },
      selector: { type: 'string', short: 'l' },
      image: { type: 'string' },
      user: { type: 'string' },
      mode: { type: 'string', default: 'sync' },
      container: { type: 'string' },
      'storage-class': { type: 'string' },
      'manifest-name': { type: 'string' },
      'stop-after': { type: 'string' },
      volumes: { type: 'boolean', short: 'v', default: false },
      'app-namespace': { type: 'string' },
      kubeconfig: { type: 'string', default: process.env.KUBECONFIG },
    },
  });
  const devName = positionals[0];
  const stopAfter = values['stop-after'];
  const steps = command === 'up' ? UP_STEPS : DOWN_STEPS;
  if (
    !devName ||
    !values.namespace ||
    (stopAfter && !steps.includes(stopAfter))
  ) {
    out(usage);
    return 2;
  }
  const ops = await opsFor(values.kubeconfig);
  const target = {
    devName,
    namespace: values.namespace,
    workload: values.workload,
    selector: parseSelector(values.selector),
  };
  if (command === 'up') {
    const r = await oktetoUp(ops, {
      ...target,
      image: values.image,
      user: values.user,
      mode: values.mode === 'hybrid' ? 'hybrid' : 'sync',
      container: values.container,
      manifestName: values['manifest-name'],
      persistentVolume: values['storage-class']
        ? { storageClass: values['storage-class'] }
        : undefined,
      stopAfter: stopAfter as UpStep | undefined,
    });
    const name = r.original.metadata.name;
    out(
      r.stoppedAfter
        ? `okteto up ${devName}: interrupted after the ${r.stoppedAfter}${
            r.clone
              ? ` (clone ${r.clone.metadata.name} written; ${name} untouched)`
              : ''
          }`
        : `okteto up ${devName}: clone ${r.clone?.metadata.name} written, then ${name} in dev mode (replicas 0)`,
    );
  } else {
    const r = await oktetoDown(ops, {
      ...target,
      removeVolume: values.volumes,
      stopAfter: stopAfter as DownStep | undefined,
    });
    const parts = [
      `okteto down ${devName}: ${r.original.metadata.name} restored`,
    ];
    if (r.stoppedAfter) parts.push(`interrupted after the ${r.stoppedAfter}`);
    if (r.deletedClone) parts.push('clone deleted');
    if (r.deletedSecret) parts.push('secret deleted');
    if (r.deletedVolume) parts.push('volume deleted');
    out(parts.join(', '));
  }
  const app = await applicationFor(
    ops,
    values.namespace,
    values['app-namespace'],
  );
  if (app) out(`  ${describeApplication(app)}`);
  return 0;
}
