import { Router } from 'express';
import type { AccountRegistry } from '../accounts/accounts.js';
import type { Random } from '../runtime/random.js';
import { VERSION } from '../version.js';

/** `/__admin/*`: the emulator's own endpoints, never clashing with Exotel's paths. */
export function adminRouter(deps: { accounts: AccountRegistry; random: Random; startedAt: number }): Router {
  const router = Router();
  router.get('/__admin/health', (_req, res) => {
    res.json({
      status: 'ok',
      version: VERSION,
      seed: deps.random.seed,
      uptime_ms: Date.now() - deps.startedAt,
      accounts: deps.accounts.list().map((a) => a.sid),
    });
  });
  return router;
}
