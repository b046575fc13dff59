/**
 * Shared model of okteto-dev: annotations, naming conventions, status types, permissions and the
 * pure Okteto manifest and `.stignore` logic.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './conventions';
export * from './errors';
export * from './argoTypes';
export * from './workloadTypes';
export * from './types';
export * from './permissions';
export * from './stignore';
export * from './oktetoManifest';
export * from './commands';
export * from './search';
export * from './messages';
export * from './packageName';
export * from './argoRules';
export * from './signals';
export * from './targetPolicy';
export * from './packageManager';
