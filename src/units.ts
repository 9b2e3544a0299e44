import { z } from 'zod';

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** The longest duration anything takes: a day (timers top out at ~24.8 days anyway). */
export const MAX_DURATION_MS = 24 * 3_600_000;

/** Milliseconds, as a number (`1500`) or with a unit (`500ms`, `1.5s`, `2m`, `1h`), up to a day. */
export const duration = z
  .union([
    z.number().nonnegative(),
    z
      .string()
      .regex(/^\d+(\.\d+)?\s*(ms|s|m|h)?$/i, { message: 'must be a duration such as 1500, 500ms, 15s or 2m' })
      .transform((s) => {
        const [, n = '0', unit = ''] = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(s) ?? [];
        return Number(n) * (DURATION_UNITS[unit.toLowerCase() || 'ms'] ?? 1);
      }),
  ])
  .pipe(z.number().max(MAX_DURATION_MS, { message: 'must be at most a day (24h)' }));
