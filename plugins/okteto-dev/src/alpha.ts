/**
 * The okteto-dev plugin for the new frontend system, and its translation ref.
 *
 * @packageDocumentation
 */
export { default } from './alpha/index';
export * from './alpha/index';
export { oktetoDevTranslationRef } from './translation';
export type { OktetoDevMessages } from './translation';
