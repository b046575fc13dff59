/**
 * Scaffolder actions that enable Okteto dev mode for an app: the dev service in the Okteto
 * manifest, the `.stignore`, and the dev Argo CD Application with its values; and the `okteto-dev`
 * autocomplete provider that reads an app folder's package name.
 *
 * @packageDocumentation
 */
export { scaffolderModuleOktetoDev as default } from './module';
export * from './actions';
export { OKTETO_DEV_AUTOCOMPLETE_PROVIDER } from './autocomplete/packageAutocomplete';
export type { GitHostType } from './git/repoLocation';
