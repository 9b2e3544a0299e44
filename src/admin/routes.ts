import type { Express } from 'express';
import type { AccountRegistry } from '../accounts/accounts.js';
import { sendJson } from '../http/respond.js';
import type { Random } from '../runtime/random.js';
import { VERSION } from '../version.js';

/** `/__admin/*`: the emulator's own endpoints, never clashing with Exotel's paths. */
export function mountAdmin(
  app: Express,
  deps: { accounts: AccountRegistry; random: Random; startedAt: number },
): void {
  app.get('/__admin/health', (_req, res) => {
    sendJson(res, 200, {
      status: 'ok',
      version: VERSION,
      seed: deps.random.seed,
      uptime_ms: Date.now() - deps.startedAt,
      accounts: deps.accounts.list().map((a) => a.sid),
    });
  });
}
