import express, { type RequestHandler, Router } from 'express';
import type { AccountRegistry } from '../accounts/accounts.js';
import { basicCredentials } from '../accounts/accounts.js';
import type { Config } from '../config.js';
import { errors } from '../errors.js';
import { state } from '../http/locals.js';
import { parseRequestBody } from './parse-body.js';
import { type SendDeps, sendMessages } from './send.js';

export interface MessagesRouterDeps extends SendDeps {
  accounts: AccountRegistry;
  config: SendDeps['config'] & Pick<Config, 'bodyLimit'>;
}

/** `POST /v2/accounts/:sid/messages`: authenticate, read the body in any accepted form, send. */
export function messagesRouter(deps: MessagesRouterDeps): Router {
  const router = Router();

  const authenticate: RequestHandler<{ sid: string }> = (req, res, next) => {
    const credentials = basicCredentials(req.headers.authorization);
    if (!credentials) throw errors.authenticationRequired();
    const account = deps.accounts.authenticate(credentials.apiKey, credentials.apiToken);
    if (!account) throw errors.authenticationFailed();
    state(res).account = account;
    // Exotel: valid credentials without access to the resource are a 403 (reference §3.3).
    if (account.sid !== req.params.sid) throw errors.forbidden(req.params.sid);
    next();
  };

  const send: RequestHandler = (req, res) => {
    const s = state(res);
    const body = parseRequestBody(req.body as Buffer | undefined, req.headers['content-type']);
    const outcome = sendMessages(deps, s.account as NonNullable<typeof s.account>, s.requestId, body);
    s.outcome =
      outcome.rejected.length === 0 ? 'accepted' : outcome.accepted.length > 0 ? 'partial' : 'rejected';
    if (outcome.rejected.length > 0) {
      s.rejected = outcome.rejected;
      s.reason = `${outcome.rejected.length} of ${outcome.envelope.metadata.total} messages rejected`;
    }
    res.status(outcome.status).json(outcome.envelope);
  };

  router
    .route('/v2/accounts/:sid/messages')
    .post(authenticate, express.raw({ type: () => true, limit: deps.config.bodyLimit }), send)
    .all((req) => {
      throw errors.methodNotAllowed(req.method, 'POST');
    });
  return router;
}
