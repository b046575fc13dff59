export { SandboxServer } from './server';
export type { ServerOptions } from './server';
export type { ForbidRules } from './forbid';
