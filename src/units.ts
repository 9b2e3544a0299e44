import { z } from 'zod';

/**
 * A string of a number and an optional unit (`1.5s`, `512kb`), converted with `units` (keys
 * lower-case; a bare number is in `units[bare]`).
 */
function withUnits(units: Record<string, number>, bare: string, message: string) {
  const pattern = new RegExp(`^(\\d+(?:\\.\\d+)?)\\s*(${Object.keys(units).join('|')})?$`, 'i');
  return z
    .string()
    .regex(pattern, { message })
    .transform((s) => {
      const [, n = '0', unit = bare] = pattern.exec(s) ?? [];
      return Number(n) * (units[unit.toLowerCase()] ?? 1);
    });
}

/** The longest duration anything takes: a day (timers top out at ~24.8 days anyway). */
export const MAX_DURATION_MS = 24 * 3_600_000;

/** Milliseconds, as a number (`1500`) or with a unit (`500ms`, `1.5s`, `2m`, `1h`), up to a day. */
export const duration = z
  .union([
    z.number().nonnegative(),
    withUnits(
      { ms: 1, s: 1000, m: 60_000, h: 3_600_000 },
      'ms',
      'must be a duration such as 1500, 500ms, 15s or 2m',
    ),
  ])
  .pipe(z.number().max(MAX_DURATION_MS, { message: 'must be at most a day (24h)' }));

/** Bytes, as a number (`1048576`) or with a unit (`512kb`, `1mb`). */
export const byteSize = z.union([
  z.number().int().positive(),
  withUnits(
    { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 },
    'b',
    'must be a size such as 1048576, 512kb or 1mb',
  )
    .transform(Math.floor)
    .pipe(z.number().int().positive({ message: 'must be at least 1 byte' })),
]);
