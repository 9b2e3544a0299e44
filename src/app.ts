import type { IncomingMessage, ServerResponse } from 'node:http';
import express from 'express';
import type { AccountRegistry } from './accounts/accounts.js';
import { mountAdmin } from './admin/routes.js';
import type { CallbackAllowList } from './callbacks/allow-list.js';
import type { CallbackDispatcher } from './callbacks/dispatcher.js';
import type { Config } from './config.js';
import { errors } from './errors.js';
import { clientErrorHandler } from './http/client-error.js';
import { beginExchange } from './http/exchange.js';
import { sendError } from './http/respond.js';
import type { Journal } from './journal/journal.js';
import type { Logger } from './logger.js';
import { sendRoute } from './messages/routes.js';
import type { Clock } from './runtime/clock.js';
import type { Random } from './runtime/random.js';
import type { ScenarioCatalogue } from './scenarios/catalogue.js';

export interface AppDeps {
  config: Config;
  callbacks: CallbackDispatcher;
  callbackAllow: CallbackAllowList;
  scenarios: ScenarioCatalogue;
  accounts: AccountRegistry;
  journal: Journal;
  random: Random;
  clock: Clock;
  logger: Logger;
}

/** A Node request listener that also works as Express middleware (`next` is called for nothing). */
export type EmulatorApp = ((
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void,
) => void) & {
  /** For a server's `clientError` event: Exotel's envelope instead of Node's empty 400. */
  readonly clientError: ReturnType<typeof clientErrorHandler>;
};

/** `/v2/accounts/<sid>/messages`, optional trailing slash and query, case-insensitive as Express. */
const SEND_PATH = /^\/v2\/accounts\/([^/?#]+)\/messages\/?(?:\?|$)/i;

/**
 * The emulator's HTTP surface. Express serves every route; the send route, the one under load,
 * is also dispatched straight from Node before Express's router, which alone costs more than the
 * whole emulator's work per message (bench/README.md). Both paths run the same `sendRoute`.
 */
export function createApp(deps: AppDeps): EmulatorApp {
  // Separate streams, so that only what a run's send requests do decides their ids and sids:
  // a readiness probe polling /__admin/health a varying number of times changes nothing.
  const requestIds = deps.random.fork('request-ids');
  const adminIds = deps.random.fork('admin');
  const send = sendRoute({ ...deps, random: deps.random.fork('messages') });
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  app.use((req, res, next) => {
    beginExchange(deps, req.path.startsWith('/__admin/') ? adminIds : requestIds, req, res);
    next();
  });
  app
    .route('/v2/accounts/:sid/messages')
    .post((req, res) => send(req, res, req.params.sid))
    .all((req) => {
      throw errors.methodNotAllowed(req.method, 'POST');
    });
  mountAdmin(app, {
    accounts: deps.accounts,
    seed: deps.random.seed,
    clock: deps.clock,
    scenarios: deps.scenarios,
  });
  app.use((req) => {
    throw errors.notFound(req.method, req.path);
  });
  app.use((error: unknown, req: IncomingMessage, res: ServerResponse, _next: unknown) =>
    sendError(deps.logger, req, res, error),
  );

  const handler = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void): void => {
    const match = req.method === 'POST' ? SEND_PATH.exec(req.url ?? '') : null;
    const sid = match?.[1] !== undefined ? decodeSegment(match[1]) : undefined;
    // Express turns the plain Node objects into its own (it sets their prototypes).
    if (sid === undefined)
      return void app(req as express.Request, res as express.Response, next ?? (() => {}));
    beginExchange(deps, requestIds, req, res);
    void send(req, res, sid);
  };
  return Object.assign(handler, { clientError: clientErrorHandler(deps, requestIds) });
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined; // let Express answer it
  }
}
