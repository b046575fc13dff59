/**
 * Why a cluster read failed, as data. Never a stack trace, never a token. `unusable`: okteto-dev
 * cannot use the configured cluster at all (a viewer-token auth provider, plain http without the
 * opt-in, no identity configured, …), so nothing was sent; the message says why.
 *
 * @public
 */
export type DevErrorType =
  | 'unauthorized'
  | 'forbidden'
  | 'not-installed'
  | 'unreachable'
  | 'timeout'
  | 'bad-response'
  | 'unusable'
  | 'unknown';

/**
 * The Kubernetes RBAC permission a refused request needed: what a Role rule must grant. Read from
 * the API server's `Status` (kube-apiserver's `forbiddenMessage`, in
 * `apiserver/pkg/endpoints/handlers/responsewriters/errors.go`), else from the request that was
 * refused. Never names the identity that was refused.
 *
 * @public
 */
export interface DevMissingPermission {
  /** The verb: `get`, `list` or `watch`. */
  verb: string;
  /**
   * The resource, plural, with its subresource after a slash (`deployments`, `pods/log`); for a
   * non-resource URL (`/version`), the path.
   */
  resource: string;
  /** The API group: `apps`, `argoproj.io`, or empty for the core group. */
  group: string;
  /** The namespace; absent when the request spanned all namespaces (the cluster scope). */
  namespace?: string;
  /** The object, for a request by name (what a rule's `resourceNames` matches). */
  name?: string;
}

/**
 * A failed cluster read: its {@link DevErrorType}, a message safe to show, and what was read where.
 *
 * @public
 */
export interface DevError {
  /** What kind of failure it was. */
  type: DevErrorType;
  /** What failed, in words safe to show: no stack trace, no token. */
  message: string;
  /** The HTTP status of the Kubernetes API's answer, when there was one. */
  statusCode?: number;
  /** What was being read, for example `applications.argoproj.io argo/web-corporate-dev`. */
  resource?: string;
  /** The cluster that was read. */
  cluster?: string;
  /** With `forbidden`: the permission that was missing. */
  permission?: DevMissingPermission;
}
