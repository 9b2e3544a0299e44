import { z } from 'zod';
import type { ScenarioErrorStatus } from '../errors.js';
import { type StatusCode, statusCodes } from '../exotel/status-codes.js';
import { duration } from '../units.js';

/**
 * A scenario file: data that says how the emulator behaves. Documented with examples in
 * scenarios/README.md; this schema is the single source of truth for its shape.
 */

/** A text matcher: exact string, or `{prefix}`, `{suffix}`, `{regex}`, `{in: [...]}`. */
export const matcher = z.union([
  z.string(),
  z.strictObject({ prefix: z.string() }),
  z.strictObject({ suffix: z.string() }),
  z.strictObject({
    regex: z.string().refine(
      (r) => {
        try {
          new RegExp(r);
          return true;
        } catch {
          return false;
        }
      },
      { message: 'must be a valid regular expression' },
    ),
  }),
  z.strictObject({ in: z.array(z.string()).min(1) }),
]);

const probability = z.number().min(0).max(1);

/** Which requests a request rule applies to; every condition given must hold. */
const requestWhen = z.strictObject({
  /** The account sid in the path. */
  account: matcher.optional(),
  /** Request headers (names case-insensitive). */
  headers: z.record(z.string(), matcher).optional(),
  /** The n-th request this scenario has seen (1-based): `3`, `{every: 3}`, `{from: 2, to: 5}`. */
  nth: z
    .union([
      z.number().int().positive(),
      z.strictObject({ every: z.number().int().positive() }),
      z
        .strictObject({ from: z.number().int().positive(), to: z.number().int().positive().optional() })
        .refine((n) => n.to === undefined || n.from <= n.to, { message: 'from must not be after to' }),
    ])
    .optional(),
  /** Time since the scenario was loaded or last selected as the default: `{from: 10s, to: 1m}`. */
  window: z
    .strictObject({ from: duration.optional(), to: duration.optional() })
    .refine((w) => w.from === undefined || w.to === undefined || w.from < w.to, {
      message: 'from must be before to',
    })
    .optional(),
  probability: probability.optional(),
});

/** Fixed (`200ms`), uniform in a range (`{min, max}`), or drawn from a distribution. */
export const latency = z.union([
  duration,
  z
    .strictObject({ min: duration, max: duration })
    .refine((l) => l.min <= l.max, { message: 'min must not be more than max' }),
  z.strictObject({ distribution: z.literal('normal'), mean: duration, stddev: duration }),
  z.strictObject({ distribution: z.literal('exponential'), mean: duration }),
]);

export const ERROR_STATUSES = [
  400, 401, 402, 403, 429, 500, 502, 503,
] as const satisfies readonly ScenarioErrorStatus[];

/** What happens to a matching request. Latency may combine with one of error, reset or hang. */
const requestThen = z
  .strictObject({
    latency: latency.optional(),
    /** Answer with this status in Exotel's envelope instead of handling the request. */
    error: z
      .strictObject({
        status: z.literal(ERROR_STATUSES),
        code: z.number().int().optional(),
        message: z.string().optional(),
        description: z.string().optional(),
        /** Seconds for `Retry-After` (429 and 503 get one by default). */
        retry_after: z.number().int().nonnegative().optional(),
      })
      .optional(),
    /** Drop the connection without an answer (the client sees ECONNRESET). */
    reset: z.literal(true).optional(),
    /** Never answer; the client's own timeout ends it. */
    hang: z.literal(true).optional(),
  })
  .refine((t) => [t.error, t.reset, t.hang].filter(Boolean).length <= 1, {
    message: 'takes at most one of error, reset and hang',
  })
  .refine((t) => Object.values(t).some((v) => v !== undefined), { message: 'must say what happens' });

const failureCode = z
  .number()
  .int()
  .refine((c) => c in statusCodes && c > 30003, {
    message: 'must be a failure code of the catalogue (30004-30041)',
  })
  .transform((c) => c as StatusCode);

/** One status change: `{status: delivered, after: 2s}`; a failure names its code. */
const step = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('sent'), after: duration }),
  z.strictObject({ status: z.literal('delivered'), after: duration }),
  z.strictObject({ status: z.literal('seen'), after: duration }),
  z.strictObject({
    status: z.literal('failed'),
    after: duration,
    code: failureCode,
    /** Replaces the catalogue's text, as Exotel passes Meta's error detail through. */
    description: z.string().optional(),
  }),
]);

/** How an accepted message's DLRs play out. */
export const delivery = z.strictObject({
  /** The status changes in order; by default sent, delivered and seen a few hundred ms apart. */
  timeline: z.array(step).min(1).optional(),
  /** `false`: the recipient has read receipts off, so no `seen`. */
  read_receipts: z.boolean().optional(),
  /** Send every DLR twice. */
  duplicate: z.boolean().optional(),
  /** Send the DLRs in a shuffled order (never the right one), as a delayed delivery would. */
  out_of_order: z.boolean().optional(),
  /** `false`: no DLR at all for this message. */
  callback: z.boolean().optional(),
});

/** Which messages a message rule applies to; every condition given must hold. */
const messageWhen = z.strictObject({
  to: matcher.optional(),
  from: matcher.optional(),
  /** `content.type`: text, image, template, interactive, ... */
  type: matcher.optional(),
  /** `content.template.name`. */
  template: matcher.optional(),
  /** The custom_data in effect for the message. */
  custom_data: matcher.optional(),
  /** Position within the request's messages (0-based): `2` or `[0, 3]`. */
  index: z.union([z.number().int().nonnegative(), z.array(z.number().int().nonnegative()).min(1)]).optional(),
  probability: probability.optional(),
});

/** Rejected at submit: a failure entry with this catalogue code in the 202/400 envelope. */
const reject = z.strictObject({
  code: failureCode,
  /** Replace the error_data message and description (by default the catalogue's words). */
  message: z.string().optional(),
  description: z.string().optional(),
});

/** Either `{reject: ...}` or a delivery; one object (not a union) so errors keep their field paths. */
const messageThen = delivery
  .extend({ reject: reject.optional() })
  .refine((t) => t.reject === undefined || Object.keys(t).length === 1, {
    message: 'takes either reject or a delivery (timeline, read_receipts, ...), not both',
  });

const rule = <W extends z.ZodType, T extends z.ZodType>(when: W, then: T) =>
  z.strictObject({
    /** Shown by explain() and recorded in the journal. */
    name: z.string().min(1).optional(),
    when: when.optional(),
    then,
  });

export const scenarioSchema = z.strictObject({
  /** Defaults to the file name. */
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-_]*$/i, { message: 'must be letters, digits, - and _' })
    .optional(),
  description: z.string().min(1),
  /** Exotel's rate limit: more than this many requests a minute per account get 429. */
  rate_limit: z.strictObject({ requests_per_minute: z.number().int().positive() }).optional(),
  requests: z.array(rule(requestWhen, requestThen)).default([]),
  messages: z.array(rule(messageWhen, messageThen)).default([]),
  /** What happens to a message no rule matches: its DLRs. */
  default: delivery.default({}),
});

export type ScenarioDefinition = z.output<typeof scenarioSchema>;
export type RequestWhen = z.output<typeof requestWhen>;
export type RequestThen = z.output<typeof requestThen>;
export type MessageWhen = z.output<typeof messageWhen>;
export type MessageThen = z.output<typeof messageThen>;
export type Delivery = z.output<typeof delivery>;
export type Step = z.output<typeof step>;
export type Matcher = z.output<typeof matcher>;
export type Latency = z.output<typeof latency>;
