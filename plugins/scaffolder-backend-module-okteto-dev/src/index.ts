/**
 * Scaffolder actions that enable Okteto dev mode for an app: the dev service in the Okteto
 * manifest, the `.stignore`, and the dev Argo CD Application with its values.
 *
 * @packageDocumentation
 */
export { scaffolderModuleOktetoDev as default } from './module';
export * from './actions';
