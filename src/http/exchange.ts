import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Account } from '../accounts/accounts.js';
import { newRequestId } from '../exotel/ids.js';
import type { Journal, RequestRecord } from '../journal/journal.js';
import type { Logger } from '../logger.js';
import type { Clock } from '../runtime/clock.js';
import type { Random } from '../runtime/random.js';

/** One request and its response, as the journal and the log line see it. */
export interface Exchange {
  readonly requestId: string;
  /** performance.now() at arrival. */
  readonly startedAt: number;
  account?: Account;
  outcome?: RequestRecord['outcome'];
  reason?: string;
  rejected?: RequestRecord['rejected'];
  /** The scenario that handled the request, and the request rule that decided it, if any. */
  scenario?: string;
  rule?: string;
}

export interface ExchangeDeps {
  journal: Journal;
  clock: Clock;
  logger: Logger;
}

const EXCHANGE = Symbol('exotel-emulator.exchange');
type Tracked = ServerResponse & { [EXCHANGE]?: Exchange };

/**
 * Gives the request its request_id (drawn from `ids`) and, once the response ends however it
 * ends, journals and logs it. Calling it again for the same response returns the same exchange.
 */
export function beginExchange(
  deps: ExchangeDeps,
  ids: Random,
  req: IncomingMessage,
  res: ServerResponse,
): Exchange {
  const tracked = res as Tracked;
  const existing = tracked[EXCHANGE];
  if (existing) return existing;
  const exchange: Exchange = { requestId: newRequestId(ids), startedAt: performance.now() };
  tracked[EXCHANGE] = exchange;
  const at = deps.clock.now();
  res.once('close', () => {
    const durationMs = performance.now() - exchange.startedAt;
    const finished = res.writableFinished;
    const outcome = !finished
      ? 'aborted'
      : (exchange.outcome ?? (res.statusCode < 400 ? 'accepted' : 'rejected'));
    const reason = finished
      ? exchange.reason
      : (exchange.reason ?? 'the client closed the connection before the response');
    const path = (req as { originalUrl?: string }).originalUrl ?? req.url ?? '';
    const method = req.method ?? '';
    deps.journal.recordRequest({
      requestId: exchange.requestId,
      at,
      method,
      path,
      ...(exchange.account ? { accountSid: exchange.account.sid } : {}),
      status: res.statusCode,
      outcome,
      ...(reason ? { reason } : {}),
      ...(exchange.rejected ? { rejected: exchange.rejected } : {}),
      ...(exchange.scenario ? { scenario: exchange.scenario } : {}),
      ...(exchange.rule ? { rule: exchange.rule } : {}),
      durationMs,
    });
    deps.logger.info(
      {
        request_id: exchange.requestId,
        method,
        path,
        status: res.statusCode,
        account: exchange.account?.sid,
        outcome,
        reason,
        scenario: exchange.scenario,
        rule: exchange.rule,
        ms: Math.round(durationMs * 10) / 10,
      },
      'request',
    );
  });
  return exchange;
}

/** The exchange begun for this response. */
export function exchangeOf(res: ServerResponse): Exchange {
  const exchange = (res as Tracked)[EXCHANGE];
  if (!exchange) throw new Error('beginExchange was not called for this response');
  return exchange;
}
