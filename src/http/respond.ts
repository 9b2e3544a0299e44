import type { IncomingMessage, ServerResponse } from 'node:http';
import { EmulatorError, errors } from '../errors.js';
import { errorEnvelope } from '../exotel/envelope.js';
import type { Logger } from '../logger.js';
import { exchangeOf } from './exchange.js';

/**
 * Writes a JSON reply with Node's own writeHead/end. Express's res.json adds content
 * negotiation, ETag and freshness checks we have no use for, and measured ~12% slower on the
 * send path (bench/README.md).
 */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const payload = JSON.stringify(body);
  res
    .writeHead(status, {
      ...headers,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(payload),
    })
    .end(payload);
}

/** Any client error Express or Node raised (a bad percent-encoding in the path, say) is a 400. */
function asClientError(error: unknown): EmulatorError | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  if (status === 413) return errors.payloadTooLarge((error as { limit?: number }).limit ?? 0);
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return errors.malformedRequest((error as Error).message);
  }
  return undefined;
}

/** The one place errors become replies: Exotel's v2 error envelope, whatever went wrong. */
export function sendError(logger: Logger, req: IncomingMessage, res: ServerResponse, error: unknown): void {
  const e = error instanceof EmulatorError ? error : (asClientError(error) ?? errors.internal(error));
  const exchange = exchangeOf(res);
  if (e.status >= 500) logger.error({ err: error, request_id: exchange.requestId }, 'unhandled error');
  exchange.reason = e.description;
  if (res.headersSent || res.destroyed) {
    res.destroy();
    return;
  }
  sendJson(res, e.status, errorEnvelope(exchange.requestId, req.method ?? 'GET', e), e.headers);
}
