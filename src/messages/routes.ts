import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout } from 'node:timers/promises';
import { type AccountRegistry, basicCredentials } from '../accounts/accounts.js';
import type { Config } from '../config.js';
import { errors } from '../errors.js';
import { exchangeOf } from '../http/exchange.js';
import { readBody } from '../http/read-body.js';
import { sendError, sendJson } from '../http/respond.js';
import type { Logger } from '../logger.js';
import type { ScenarioCatalogue } from '../scenarios/catalogue.js';
import type { Scenario } from '../scenarios/scenario.js';
import { parseRequestBody } from './parse-body.js';
import { type SendDeps, sendMessages } from './send.js';

export interface SendRouteDeps extends SendDeps {
  accounts: AccountRegistry;
  scenarios: ScenarioCatalogue;
  config: SendDeps['config'] & Pick<Config, 'bodyLimit'>;
  logger: Logger;
}

/**
 * Waits `ms` without holding the process open; false when the client went away (or the server cut
 * the connection on stop) meanwhile, so there is no one left to answer.
 */
async function wait(ms: number, res: ServerResponse): Promise<boolean> {
  const gone = new AbortController();
  const onClose = () => gone.abort();
  res.once('close', onClose);
  try {
    await setTimeout(ms, undefined, { ref: false, signal: gone.signal });
    return true;
  } catch {
    return false;
  } finally {
    res.off('close', onClose);
  }
}

/** The request's scenario: X-Emulator-Scenario, else the account's, else the default (design §3). */
function selectScenario(deps: SendRouteDeps, req: IncomingMessage, sid: string): Scenario {
  const header = req.headers['x-emulator-scenario'];
  const name = (Array.isArray(header) ? header[0] : header) ?? deps.accounts.bySid(sid)?.scenario;
  if (name === undefined) return deps.scenarios.default;
  const scenario = deps.scenarios.get(name);
  if (!scenario) throw errors.unknownScenario(name, deps.scenarios.names());
  return scenario;
}

/**
 * The JSON document of the request and its size. When the emulator is mounted behind the user's
 * own body parser (`express.json()`, `express.urlencoded()`), the stream is already read: work
 * from what the parser left instead of waiting for a body that will never come.
 */
async function requestDocument(
  req: IncomingMessage & { body?: unknown },
  res: ServerResponse,
  limit: number,
): Promise<{ document: unknown; bytes: number }> {
  let contentType = req.headers['content-type'];
  const parsed = req.body;
  let raw: Buffer;
  if (!req.readableEnded && parsed === undefined) raw = await readBody(req, res, limit);
  else if (typeof parsed === 'string' || Buffer.isBuffer(parsed)) raw = Buffer.from(parsed);
  else if (typeof parsed === 'object' && parsed !== null) {
    // express.urlencoded() gave form fields: encode them back, so every form reads as it would unparsed.
    const form =
      /urlencoded/i.test(contentType ?? '') && Object.values(parsed).every((v) => typeof v === 'string');
    raw = Buffer.from(
      form ? new URLSearchParams(parsed as Record<string, string>).toString() : JSON.stringify(parsed),
    );
    if (!form) contentType = 'application/json';
  } else {
    throw errors.malformedBody(
      'The request body was consumed before the emulator saw it; mount the emulator before body parsers',
    );
  }
  return { document: parseRequestBody(raw, contentType), bytes: raw.length };
}

export type SendRoute = (req: IncomingMessage, res: ServerResponse, sid: string) => Promise<void>;

/**
 * `POST /v2/accounts/:sid/messages`: authenticate, read the body in any accepted form, send.
 * Plain Node request/response, so the app can serve it with or without Express's router.
 */
export function sendRoute(deps: SendRouteDeps): SendRoute {
  return async (req, res, sid) => {
    const exchange = exchangeOf(res);
    try {
      const scenario = selectScenario(deps, req, sid);
      exchange.scenario = scenario.name;
      // Request rules come before authentication, as an outage or a flaky proxy would.
      const action = scenario.onRequest(sid, req.headers);
      if (action) {
        exchange.rule = action.rule;
        if (action.latencyMs > 0 && !(await wait(action.latencyMs, res))) return;
        if (action.error) throw action.error;
        if (action.reset || action.hang) {
          exchange.reason = `${action.reset ? 'connection reset' : 'no answer'} (scenario ${scenario.name}, ${action.rule})`;
          if (action.reset) req.socket.destroy();
          return;
        }
      }

      const credentials = basicCredentials(req.headers.authorization);
      if (!credentials) throw errors.authenticationRequired();
      const account = deps.accounts.authenticate(credentials.apiKey, credentials.apiToken);
      if (!account) throw errors.authenticationFailed();
      exchange.account = account;
      // Exotel: valid credentials without access to the resource are a 403 (reference §3.3).
      if (account.sid !== sid) throw errors.forbidden(sid);
      const limited = scenario.admit(account.sid);
      if (limited) {
        exchange.rule = limited.rule;
        throw limited.error;
      }

      const { document, bytes } = await requestDocument(req, res, deps.config.bodyLimit);
      const outcome = sendMessages(deps, account, exchange.requestId, document, scenario, bytes);
      const { accepted, rejected } = outcome;
      exchange.outcome = rejected.length === 0 ? 'accepted' : accepted.length > 0 ? 'partial' : 'rejected';
      if (rejected.length > 0) {
        exchange.rejected = rejected;
        exchange.reason = `${rejected.length} of ${outcome.envelope.metadata.total} messages rejected`;
      }
      sendJson(res, outcome.status, outcome.envelope);
    } catch (error) {
      sendError(deps.logger, req, res, error);
    }
  };
}
