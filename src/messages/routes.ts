import type { IncomingMessage, ServerResponse } from 'node:http';
import { type AccountRegistry, basicCredentials } from '../accounts/accounts.js';
import type { Config } from '../config.js';
import { errors } from '../errors.js';
import { exchangeOf } from '../http/exchange.js';
import { readBody } from '../http/read-body.js';
import { sendError, sendJson } from '../http/respond.js';
import type { Logger } from '../logger.js';
import { parseRequestBody } from './parse-body.js';
import { type SendDeps, sendMessages } from './send.js';

export interface SendRouteDeps extends SendDeps {
  accounts: AccountRegistry;
  config: SendDeps['config'] & Pick<Config, 'bodyLimit'>;
  logger: Logger;
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
      const credentials = basicCredentials(req.headers.authorization);
      if (!credentials) throw errors.authenticationRequired();
      const account = deps.accounts.authenticate(credentials.apiKey, credentials.apiToken);
      if (!account) throw errors.authenticationFailed();
      exchange.account = account;
      // Exotel: valid credentials without access to the resource are a 403 (reference §3.3).
      if (account.sid !== sid) throw errors.forbidden(sid);

      const raw = await readBody(req, deps.config.bodyLimit);
      const outcome = sendMessages(
        deps,
        account,
        exchange.requestId,
        parseRequestBody(raw, req.headers['content-type']),
      );
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
