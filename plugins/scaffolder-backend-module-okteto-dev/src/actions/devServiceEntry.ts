import { InputError } from '@backstage/errors';
import { DevEntryBody } from './devServiceManifest';
import {
  requireDnsLabel,
  requireDnsSubdomain,
  requireLabelSelector,
  requireToken,
} from './validation';

const SYNC = /^[^:\s]+:\/\S*$/;
const FORWARD = /^\d{1,5}:([a-z0-9]([-a-z0-9]*[a-z0-9])?:)?\d{1,5}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Input of `okteto:dev-service:add` after defaults. */
export interface DevEntryInput {
  name?: string;
  workload?: string;
  selector?: Record<string, string>;
  container?: string;
  workdir?: string;
  command?: string | string[];
  image?: string;
  sync: string[];
  forward: string[];
  environment?: Record<string, string>;
  aliases?: string[];
}

/** Validates the input and builds the keys and the entry body, in web-core's field order. */
export function buildDevEntry(input: DevEntryInput): {
  keys: string[];
  body: DevEntryBody;
} {
  const { workload, selector } = input;
  if (workload !== undefined && selector !== undefined) {
    throw new InputError(
      'Set either selector or workload: Okteto targets a workload by the dev key or by selector, not both',
    );
  }
  if (workload !== undefined) requireDnsSubdomain('workload', workload);
  const name = input.name ?? workload;
  if (name === undefined) {
    throw new InputError('Set name (the dev service key) or workload');
  }
  requireDnsLabel('name', name);
  if (workload !== undefined && workload !== name) {
    throw new InputError(
      `Without a selector Okteto targets the workload named like the dev key; name '${name}' ` +
        `differs from workload '${workload}' (use selector instead)`,
    );
  }
  const aliases = input.aliases ?? [];
  for (const alias of aliases) requireDnsLabel('alias', alias);
  const keys = [name, ...aliases];
  if (new Set(keys).size !== keys.length) {
    throw new InputError('aliases must be distinct from name and each other');
  }
  if (selector !== undefined) requireLabelSelector(selector);
  if (input.container !== undefined) {
    requireDnsLabel('container', input.container);
  }
  if (input.workdir !== undefined && !input.workdir.startsWith('/')) {
    throw new InputError(
      `workdir must be an absolute path, got '${input.workdir}'`,
    );
  }
  if (input.image !== undefined) requireToken('image', input.image);
  const command = input.command;
  if (
    command !== undefined &&
    (Array.isArray(command) ? command.length === 0 : !command.trim())
  ) {
    throw new InputError('command must not be empty');
  }
  for (const item of input.sync) {
    if (!SYNC.test(item)) {
      throw new InputError(
        `sync entry '${item}' must be '<local path>:<absolute remote path>'`,
      );
    }
  }
  for (const item of input.forward) {
    if (!FORWARD.test(item)) {
      throw new InputError(
        `forward entry '${item}' must be '<local port>:<remote port>' or '<local port>:<service>:<port>'`,
      );
    }
  }
  for (const key of Object.keys(input.environment ?? {})) {
    if (!ENV_NAME.test(key)) {
      throw new InputError(
        `environment variable name '${key}' is not a valid name`,
      );
    }
  }
  const body: DevEntryBody = {};
  if (selector !== undefined) body.selector = { ...selector };
  if (input.container !== undefined) body.container = input.container;
  if (input.image !== undefined) body.image = input.image;
  if (input.workdir !== undefined) body.workdir = input.workdir;
  if (command !== undefined) {
    body.command = Array.isArray(command) ? [...command] : command;
  }
  if (input.environment !== undefined) {
    body.environment = { ...input.environment };
  }
  body.sync = [...input.sync];
  body.forward = [...input.forward];
  return { keys, body };
}
