/**
 * Node library of okteto-dev: the extension points of its backend.
 *
 * @packageDocumentation
 */
export * from './clusters';
