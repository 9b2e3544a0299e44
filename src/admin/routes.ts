import type { Express } from 'express';
import type { AccountRegistry } from '../accounts/accounts.js';
import { sendJson } from '../http/respond.js';
import type { Clock } from '../runtime/clock.js';
import { VERSION } from '../version.js';

/** `/__admin/*`: the emulator's own endpoints, never clashing with Exotel's paths. */
export function mountAdmin(
  app: Express,
  deps: { accounts: AccountRegistry; seed: number; clock: Clock },
): void {
  const startedAt = deps.clock.now();
  app.get('/__admin/health', (_req, res) => {
    sendJson(res, 200, {
      status: 'ok',
      version: VERSION,
      seed: deps.seed,
      uptime_ms: deps.clock.now() - startedAt,
      accounts: deps.accounts.list().map((a) => a.sid),
    });
  });
}
