/**
 * The okteto-dev backend plugin.
 *
 * @packageDocumentation
 */
export { oktetoDevPlugin as default } from './plugin';
