import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import type { AccountRegistry } from './accounts/accounts.js';
import { adminRouter } from './admin/router.js';
import type { Config } from './config.js';
import { EmulatorError, errors } from './errors.js';
import { errorEnvelope } from './exotel/envelope.js';
import { newRequestId } from './exotel/ids.js';
import { state } from './http/locals.js';
import type { Journal } from './journal/journal.js';
import type { Logger } from './logger.js';
import { messagesRouter } from './messages/router.js';
import type { Clock } from './runtime/clock.js';
import type { Random } from './runtime/random.js';

export interface AppDeps {
  config: Config;
  accounts: AccountRegistry;
  journal: Journal;
  random: Random;
  clock: Clock;
  logger: Logger;
}

/** The Express app: thin HTTP around the domain modules. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.use(trackRequest(deps));
  app.use(adminRouter({ accounts: deps.accounts, random: deps.random, startedAt: deps.clock.now() }));
  app.use(messagesRouter(deps));
  app.use((req) => {
    throw errors.notFound(req.method, req.path);
  });
  app.use(renderError(deps));
  return app;
}

/** Gives the request its request_id, and journals and logs it once it ends, however it ends. */
function trackRequest({ journal, random, clock, logger }: AppDeps): RequestHandler {
  return (req, res, next) => {
    const s = state(res);
    s.requestId = newRequestId(random);
    s.startedAt = process.hrtime.bigint();
    const at = clock.now();
    res.once('close', () => {
      const durationMs = Number(process.hrtime.bigint() - s.startedAt) / 1e6;
      const outcome = res.writableFinished ? (s.outcome ?? 'rejected') : 'aborted';
      const reason = res.writableFinished ? s.reason : 'the client closed the connection before the response';
      journal.recordRequest({
        requestId: s.requestId,
        at,
        method: req.method,
        path: req.originalUrl,
        ...(s.account ? { accountSid: s.account.sid } : {}),
        status: res.statusCode,
        outcome,
        ...(reason ? { reason } : {}),
        ...(s.rejected ? { rejected: s.rejected } : {}),
        durationMs,
      });
      logger.info(
        {
          request_id: s.requestId,
          method: req.method,
          path: req.originalUrl,
          status: res.statusCode,
          account: s.account?.sid,
          outcome,
          reason,
          ms: Math.round(durationMs * 10) / 10,
        },
        'request',
      );
    });
    next();
  };
}

interface BodyParserError {
  type: string;
  status: number;
  message: string;
}

const isBodyParserError = (e: unknown): e is BodyParserError =>
  typeof e === 'object' && e !== null && 'type' in e && 'status' in e && typeof e.status === 'number';

function toEmulatorError(error: unknown, config: Config): EmulatorError {
  if (error instanceof EmulatorError) return error;
  if (isBodyParserError(error) && error.status === 413) return errors.payloadTooLarge(config.bodyLimit);
  if (isBodyParserError(error) && error.status >= 400 && error.status < 500) {
    return errors.malformedBody(error.message, error);
  }
  return errors.internal(error);
}

/** The one error handler: every error leaves as Exotel's v2 error envelope. */
function renderError({ config, logger }: AppDeps): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const e = toEmulatorError(error, config);
    if (e.status >= 500) logger.error({ err: error, request_id: state(res).requestId }, 'unhandled error');
    const s = state(res);
    s.reason = e.description;
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res
      .status(e.status)
      .set(e.headers)
      .json(errorEnvelope(s.requestId, req.method, e));
  };
}
