/**
 * Why a cluster read failed, as data. Never a stack trace, never a token.
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
  | 'unknown';

/** @public */
export interface DevError {
  type: DevErrorType;
  message: string;
  statusCode?: number;
  /** What was being read, for example `applications.argoproj.io argo/web-corporate-dev`. */
  resource?: string;
  cluster?: string;
}

