import type http from 'node:http';
import { makeStatus } from '../errors';
import type { FaultKind, RequestRecord } from '../faults';
import { USER } from './forbid';
import { send } from './http';

/** Answers an injected fault; returns true when it fully handled the request. */
export function applyFault(
  fault: FaultKind,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  record: RequestRecord,
): boolean {
  switch (fault) {
    case 'refuse':
      req.socket.destroy();
      return true;
    case 'hang':
      // Keep the request open; the socket is destroyed on close().
      req.on('close', () => {
        record.status = 0;
      });
      return true;
    case '500':
      send(
        res,
        500,
        makeStatus(
          500,
          'InternalError',
          'Internal error occurred: injected fault',
        ),
      );
      return true;
    case '403':
      send(
        res,
        403,
        makeStatus(
          403,
          'Forbidden',
          `forbidden: User "${USER}" cannot access ${record.path} (injected fault)`,
        ),
      );
      return true;
    case 'malformed': {
      const text =
        '{"kind":"List","apiVersion":"v1","items":[{"metadata":{"name":"trunc';
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(text),
      });
      res.end(text);
      return true;
    }
    default:
      return false;
  }
}
