import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { errors } from '../errors.js';
import { errorEnvelope } from '../exotel/envelope.js';
import { newRequestId } from '../exotel/ids.js';
import type { Random } from '../runtime/random.js';
import type { ExchangeDeps } from './exchange.js';

/**
 * Node's `clientError`: requests too broken to reach the app (bad framing, headers too large,
 * too slow). Node's own answer is an empty 400; this one is Exotel's envelope, journaled and
 * logged like any other rejected request.
 */
export function clientErrorHandler(deps: ExchangeDeps, ids: Random) {
  return (error: NodeJS.ErrnoException, socket: Duplex): void => {
    // The client went away (mid-body, say): nobody is left to answer.
    if (!socket.writable || error.code === 'ECONNRESET' || error.code === 'HPE_INVALID_EOF_STATE') {
      socket.destroy();
      return;
    }
    const e =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? errors.headersTooLarge()
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? errors.requestTimeout()
          : errors.malformedRequest(`The request is not valid HTTP: ${error.message}`);
    const requestId = newRequestId(ids);
    deps.journal.recordRequest({
      requestId,
      at: deps.clock.now(),
      method: '',
      path: '',
      status: e.status,
      outcome: 'rejected',
      reason: e.description,
      durationMs: 0,
    });
    deps.logger.info(
      { request_id: requestId, status: e.status, outcome: 'rejected', reason: e.description },
      'request',
    );
    const body = JSON.stringify(errorEnvelope(requestId, '', e));
    socket.end(
      `HTTP/1.1 ${e.status} ${STATUS_CODES[e.status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  };
}
