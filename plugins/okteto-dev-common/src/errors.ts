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
}
