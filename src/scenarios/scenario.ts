import type { IncomingHttpHeaders } from 'node:http';
import { defaultTimeline, type Timeline, type TimelineStep } from '../callbacks/timeline.js';
import { type EmulatorError, errors } from '../errors.js';
import type { Content } from '../exotel/schemas/content.js';
import type { StatusCode } from '../exotel/status-codes.js';
import type { Clock } from '../runtime/clock.js';
import type { Random } from '../runtime/random.js';
import { MAX_DURATION_MS } from '../units.js';
import {
  explainDelivery,
  explainMessageThen,
  explainMessageWhen,
  explainRequestThen,
  explainRequestWhen,
} from './explain.js';
import type { Delivery, Latency, Matcher, MessageWhen, RequestWhen, ScenarioDefinition } from './schema.js';

/** What a request rule makes of a request: wait, then answer an error, drop it, hang, or go on. */
export interface RequestAction {
  rule: string;
  latencyMs: number;
  error?: EmulatorError;
  reset?: boolean;
  hang?: boolean;
}

export interface MessageFacts {
  index: number;
  from: string;
  to: string;
  content: Content;
  customData: string | undefined;
}

/** What a message rule (or the default) makes of an accepted message. */
export type MessageDecision = { rule: string; explanation: string } & (
  | { reject: { code: StatusCode; message?: string; description?: string } }
  | { timeline: Timeline }
);

type Test = (value: string | undefined) => boolean;

function compileMatcher(m: Matcher): Test {
  if (typeof m === 'string') return (v) => v === m;
  if ('prefix' in m) return (v) => v?.startsWith(m.prefix) ?? false;
  if ('suffix' in m) return (v) => v?.endsWith(m.suffix) ?? false;
  if ('regex' in m) {
    const re = new RegExp(m.regex);
    return (v) => v !== undefined && re.test(v);
  }
  const set = new Set(m.in);
  return (v) => v !== undefined && set.has(v);
}

const STEP_CODES = { sent: 30001, delivered: 30002, seen: 30003 } as const;

interface CompiledRequestRule {
  label: string;
  explanation: string;
  matches: (ctx: { account: string; headers: IncomingHttpHeaders; n: number; elapsed: number }) => boolean;
  probability?: number;
  act: (rule: string) => RequestAction;
}

interface CompiledMessageRule {
  label: string;
  explanation: string;
  matches: (facts: MessageFacts) => boolean;
  probability?: number;
  decide: (facts: MessageFacts) => MessageDecision;
}

/**
 * One loaded scenario: its rules compiled to plain functions (so 50 rules cost little on the send
 * path), its own seeded random stream, request counter and rate-limit buckets.
 */
export class Scenario {
  readonly name: string;
  readonly description: string;
  readonly source: string;
  readonly #random: Random;
  readonly #clock: Clock;
  #startedAt: number;
  readonly #requestRules: CompiledRequestRule[];
  readonly #messageRules: CompiledMessageRule[];
  readonly #default: (facts: MessageFacts) => Timeline | null;
  readonly #defaultExplanation: string;
  /** Why a message got the default: which rules it was tested against (built once, not per message). */
  readonly #unmatched: string;
  readonly #rateLimit: number | undefined;
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  #requests = 0;

  constructor(
    definition: ScenarioDefinition & { name: string },
    source: string,
    random: Random,
    clock: Clock,
  ) {
    this.name = definition.name;
    this.description = definition.description;
    this.source = source;
    this.#random = random;
    this.#clock = clock;
    this.#startedAt = clock.now();
    this.#rateLimit = definition.rate_limit?.requests_per_minute;
    this.#requestRules = definition.requests.map((rule, i) => {
      const label = rule.name ?? `requests[${i}]`;
      return {
        label,
        explanation: `${label}: ${explainRequestWhen(rule.when)} → ${explainRequestThen(rule.then)}`,
        matches: compileRequestWhen(rule.when),
        ...(rule.when?.probability !== undefined ? { probability: rule.when.probability } : {}),
        act: (ruleLabel) => {
          const then = rule.then;
          const action: RequestAction = {
            rule: ruleLabel,
            latencyMs: then.latency === undefined ? 0 : this.#sample(then.latency),
          };
          if (then.error) {
            action.error = errors.scenario(then.error.status, {
              ...(then.error.code !== undefined ? { code: then.error.code } : {}),
              ...(then.error.message !== undefined ? { message: then.error.message } : {}),
              ...(then.error.description !== undefined ? { description: then.error.description } : {}),
              ...(then.error.retry_after !== undefined ? { retryAfter: then.error.retry_after } : {}),
            });
          }
          if (then.reset) action.reset = true;
          if (then.hang) action.hang = true;
          return action;
        },
      };
    });
    this.#messageRules = definition.messages.map((rule, i) => {
      const label = rule.name ?? `messages[${i}]`;
      const explanation = `${label}: ${explainMessageWhen(rule.when)} → ${explainMessageThen(rule.then)}`;
      const then = rule.then;
      const { reject } = then;
      const timeline = reject ? undefined : this.#timelineOf(then);
      return {
        label,
        explanation,
        matches: compileMessageWhen(rule.when),
        ...(rule.when?.probability !== undefined ? { probability: rule.when.probability } : {}),
        decide: (facts): MessageDecision =>
          reject
            ? { rule: label, explanation, reject }
            : { rule: label, explanation, timeline: timeline?.(facts) ?? [] },
      };
    });
    this.#default = this.#timelineOf(definition.default);
    this.#defaultExplanation = `default → ${explainDelivery(definition.default)}`;
    const tested = this.#messageRules.map((r) => r.label);
    this.#unmatched = `${this.#defaultExplanation}${tested.length ? ` (no rule matched: tested ${tested.join(', ')})` : ''}`;
  }

  /** One line: what this scenario does. */
  explain(): string {
    const rules = [
      this.#rateLimit ? `rate limit ${this.#rateLimit} requests/min per account` : '',
      `${this.#requestRules.length} request rule${this.#requestRules.length === 1 ? '' : 's'}`,
      `${this.#messageRules.length} message rule${this.#messageRules.length === 1 ? '' : 's'}`,
    ].filter(Boolean);
    return `${this.name}: ${this.description} (${rules.join(', ')}; ${this.#defaultExplanation})`;
  }

  /** Every rule, one line each, in the order they are tried. */
  rules(): string[] {
    return [
      ...(this.#rateLimit
        ? [`rate_limit: more than ${this.#rateLimit} requests a minute per account → 429`]
        : []),
      ...this.#requestRules.map((r) => r.explanation),
      ...this.#messageRules.map((r) => r.explanation),
      this.#defaultExplanation,
    ];
  }

  /** The request-level decision for a request to account `account`, or none: handle it normally. */
  onRequest(account: string, headers: IncomingHttpHeaders): RequestAction | undefined {
    const n = ++this.#requests;
    const ctx = { account, headers, n, elapsed: this.#clock.now() - this.#startedAt };
    for (const rule of this.#requestRules) {
      if (rule.matches(ctx) && this.#chance(rule.probability)) return rule.act(rule.label);
    }
    return undefined;
  }

  /**
   * The rate limit, for an authenticated account: a 429 when it has used its requests for the
   * minute, else nothing. Unauthenticated callers cannot use up an account's allowance.
   */
  admit(account: string): RequestAction | undefined {
    if (this.#rateLimit === undefined) return undefined;
    const wait = this.#take(account, this.#clock.now(), this.#rateLimit);
    return wait > 0
      ? { rule: 'rate_limit', latencyMs: 0, error: errors.rateLimited(Math.ceil(wait / 1000)) }
      : undefined;
  }

  /** Restarts the request count and time window: the scenario was (re)selected as the default. */
  activate(): void {
    this.#requests = 0;
    this.#startedAt = this.#clock.now();
  }

  /** What becomes of an accepted message: the first matching rule, else the default timeline. */
  onMessage(
    facts: MessageFacts,
  ): MessageDecision | { rule: string; explanation: string; timeline: Timeline | null } {
    for (const rule of this.#messageRules) {
      if (rule.matches(facts) && this.#chance(rule.probability)) return rule.decide(facts);
    }
    return { rule: 'default', explanation: this.#unmatched, timeline: this.#default(facts) };
  }

  /** Token bucket per account: returns 0 when a request may go, else ms until it may. */
  #take(account: string, now: number, perMinute: number): number {
    const bucket = this.#buckets.get(account) ?? { tokens: perMinute, at: now };
    bucket.tokens = Math.min(perMinute, bucket.tokens + ((now - bucket.at) * perMinute) / 60_000);
    bucket.at = now;
    this.#buckets.set(account, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return ((1 - bucket.tokens) * 60_000) / perMinute;
  }

  #chance(probability: number | undefined): boolean {
    return probability === undefined || this.#random.next() < probability;
  }

  #sample(latency: Latency): number {
    return Math.min(MAX_DURATION_MS, this.#draw(latency));
  }

  #draw(latency: Latency): number {
    if (typeof latency === 'number') return latency;
    if ('min' in latency) return latency.min + this.#random.next() * (latency.max - latency.min);
    if (latency.distribution === 'exponential') return -latency.mean * Math.log(1 - this.#random.next());
    // Box-Muller: two uniform draws make one normal one.
    const u = 1 - this.#random.next();
    const v = this.#random.next();
    return Math.max(
      0,
      latency.mean + latency.stddev * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v),
    );
  }

  /** The DLR timeline a delivery describes, for a given message (null: no DLRs). */
  #timelineOf(delivery: Delivery): (facts: MessageFacts) => Timeline | null {
    if (delivery.callback === false) return () => null;
    const given: Timeline | undefined = delivery.timeline?.map((s) => ({
      code: s.status === 'failed' ? s.code : STEP_CODES[s.status],
      afterMs: s.after,
      ...(s.status === 'failed' && s.description !== undefined ? { description: s.description } : {}),
    }));
    return (facts) => {
      let steps: TimelineStep[] = [...(given ?? defaultTimeline(facts))];
      if (delivery.read_receipts === false) steps = steps.filter((s) => s.code !== 30003);
      if (delivery.duplicate) steps = steps.flatMap((s) => [s, { ...s, afterMs: 0 }]);
      if (delivery.out_of_order && steps.length > 1) steps = this.#shuffled(steps);
      return steps;
    };
  }

  /** A seeded shuffle whose order of statuses always differs from the original (if any can). */
  #shuffled(steps: TimelineStep[]): TimelineStep[] {
    const out = [...steps];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.#random.next() * (i + 1));
      [out[i], out[j]] = [out[j] as TimelineStep, out[i] as TimelineStep];
    }
    if (out.every((step, i) => step.code === steps[i]?.code)) {
      // Swap the first step with the first of another status (duplicates make plain swaps no-ops).
      const other = out.findIndex((step) => step.code !== out[0]?.code);
      if (other > 0) [out[0], out[other]] = [out[other] as TimelineStep, out[0] as TimelineStep];
    }
    return out;
  }
}

function compileRequestWhen(when: RequestWhen | undefined): CompiledRequestRule['matches'] {
  const tests: CompiledRequestRule['matches'][] = [];
  if (when?.account !== undefined) {
    const test = compileMatcher(when.account);
    tests.push((ctx) => test(ctx.account));
  }
  for (const [name, m] of Object.entries(when?.headers ?? {})) {
    const test = compileMatcher(m);
    const header = name.toLowerCase();
    tests.push((ctx) => {
      const value = ctx.headers[header];
      return test(Array.isArray(value) ? value.join(', ') : value);
    });
  }
  const nth = when?.nth;
  if (typeof nth === 'number') tests.push((ctx) => ctx.n === nth);
  else if (nth && 'every' in nth) tests.push((ctx) => ctx.n % nth.every === 0);
  else if (nth) tests.push((ctx) => ctx.n >= nth.from && (nth.to === undefined || ctx.n <= nth.to));
  const window = when?.window;
  if (window) {
    tests.push(
      (ctx) => ctx.elapsed >= (window.from ?? 0) && (window.to === undefined || ctx.elapsed < window.to),
    );
  }
  return all(tests);
}

function compileMessageWhen(when: MessageWhen | undefined): CompiledMessageRule['matches'] {
  const tests: CompiledMessageRule['matches'][] = [];
  const field = (m: Matcher | undefined, get: (f: MessageFacts) => string | undefined) => {
    if (m === undefined) return;
    const test = compileMatcher(m);
    tests.push((f) => test(get(f)));
  };
  field(when?.to, (f) => f.to);
  field(when?.from, (f) => f.from);
  field(when?.type, (f) => f.content.type);
  field(when?.template, (f) => (f.content.type === 'template' ? f.content.template.name : undefined));
  field(when?.custom_data, (f) => f.customData);
  const index = when?.index;
  if (index !== undefined) {
    const set = new Set(Array.isArray(index) ? index : [index]);
    tests.push((f) => set.has(f.index));
  }
  return all(tests);
}

/** All of `tests`, unrolled for the usual one or two conditions: rules run for every message. */
function all<T>(tests: ((x: T) => boolean)[]): (x: T) => boolean {
  const [a, b] = tests;
  if (!a) return () => true;
  if (!b) return a;
  if (tests.length === 2) return (x) => a(x) && b(x);
  return (x) => tests.every((t) => t(x));
}
