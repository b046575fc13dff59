import { appObjects, AppSpec } from '../conventions';
import type { KubeObject } from '../types';
import { WEB_CORE_CONVENTIONS } from './names';

/** An app of web-core (see AppSpec). */
export type WebCoreAppSpec = AppSpec;

/**
 * Namespace, Application (in `argo`), Deployment, Service, Secret (and a
 * ConfigMap, an ApplicationSet) of one web-core app, as Argo CD's first
 * sync left them.
 */
export function webCoreAppObjects(spec: WebCoreAppSpec): KubeObject[] {
  return appObjects(WEB_CORE_CONVENTIONS, spec);
}
