import { type ClientRequest, Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { type StatusCode, statusCodes } from '../exotel/status-codes.js';
import type { CallbackRecord, Journal, MessageRecord } from '../journal/journal.js';
import type { Logger } from '../logger.js';
import type { Clock } from '../runtime/clock.js';
import { MinHeap } from './heap.js';
import { buildDeliveryReport } from './report.js';
import type { Timeline } from './timeline.js';

export interface DispatcherOptions {
  /** Multiplies every timeline and retry delay: 0.1 is ten times faster, 0 immediate. */
  timeScale: number;
  /** How long a receiver has to answer a POST. */
  timeoutMs: number;
  /** Delay before each retry (before timeScale); its length is the number of retries. */
  retryDelaysMs: readonly number[];
  /** POSTs in flight at once. */
  concurrency: number;
  /** Messages whose DLRs are still to come; past this, new ones are journaled as undelivered. */
  capacity: number;
  deliveredCode: 30002 | 25001;
  userAgent: string;
}

export interface DispatcherDeps {
  journal: Journal;
  clock: Clock;
  logger: Logger;
}

export interface DispatchSummary {
  delivered: number;
  failed: number;
  undelivered: number;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

/** What is left of one message's timeline. Steps are scheduled one at a time, in order. */
interface Plan {
  /** What the DLRs need of the message: not its content, which may be large. */
  message: Pick<MessageRecord, 'sid' | 'requestId' | 'accountSid' | 'to' | 'customData'> & {
    statusCallback: string;
  };
  timeline: Timeline;
  /** Index of the step whose DLR is scheduled or in flight. */
  step: number;
  /** When that step happens (epoch ms). */
  dueAt: number;
  /** Its jobs (first tries and retries) not yet finished: the plan counts against the queue until 0. */
  open: number;
}

/** One try at POSTing one DLR. */
interface Job {
  dueAt: number;
  seq: number;
  plan: Plan;
  record: CallbackRecord;
  attempt: number;
  body: string;
}

type AttemptResult = { status: number; error?: string } | { status?: undefined; error: string };

/**
 * Plays each accepted message's timeline as DLR POSTs to its status_callback: one POST per status
 * change, with a timeout, retries with backoff, keep-alive connections and a concurrency limit.
 * Scheduling is a heap insert, so the send path never waits on a receiver. Every DLR is journaled
 * and ends delivered, failed (after its last try) or undelivered (never sent, and why).
 */
export class CallbackDispatcher {
  readonly #options: DispatcherOptions;
  readonly #deps: DispatcherDeps;
  readonly #heap = new MinHeap<Job>();
  readonly #ready: Job[] = [];
  #readyHead = 0;
  readonly #plans = new Set<Plan>();
  readonly #inFlight = new Set<ClientRequest>();
  readonly #attempts = new Set<Promise<void>>();
  readonly #agents: { http: HttpAgent; https: HttpsAgent };
  #timer: NodeJS.Timeout | undefined;
  #timerAt = Number.POSITIVE_INFINITY;
  #seq = 0;
  /** Set by stop(): nothing new is accepted, nothing due after the grace period is sent. */
  #stopping = false;
  #closed = false;
  #stopped: Promise<DispatchSummary> | undefined;
  #onProgress: (() => void) | undefined;
  readonly #summary: DispatchSummary = { delivered: 0, failed: 0, undelivered: 0 };

  constructor(options: DispatcherOptions, deps: DispatcherDeps) {
    this.#options = options;
    this.#deps = deps;
    const agent = { keepAlive: true, maxSockets: options.concurrency };
    this.#agents = { http: new HttpAgent(agent), https: new HttpsAgent(agent) };
  }

  /** DLRs delivered, failed and undelivered so far. */
  get summary(): Readonly<DispatchSummary> {
    return this.#summary;
  }

  /** Messages whose DLRs are still to come. */
  get pending(): number {
    return this.#plans.size;
  }

  /** Plays `timeline` for `message`, if it has a status_callback. */
  schedule(message: MessageRecord, timeline: Timeline): void {
    const { statusCallback } = message;
    if (statusCallback === undefined || timeline.length === 0) return;
    const { sid, requestId, accountSid, to, customData } = message;
    const plan: Plan = {
      message: {
        sid,
        requestId,
        accountSid,
        to,
        statusCallback,
        ...(customData !== undefined ? { customData } : {}),
      },
      timeline,
      step: 0,
      dueAt: message.at,
      open: 0,
    };
    if (this.#stopping || this.#plans.size >= this.#options.capacity) {
      const reason = this.#stopping
        ? 'not sent: the emulator was stopping'
        : `not sent: more than ${this.#options.capacity} messages were waiting for DLRs (--callback-queue)`;
      this.#abandon(plan, 0, reason);
      this.#deps.logger.warn({ sid: message.sid, reason }, 'dlr dropped');
      return;
    }
    this.#plans.add(plan);
    this.#scheduleStep(plan);
  }

  /**
   * Stops taking new DLRs, keeps sending those due within `graceMs`, then journals the rest as
   * undelivered and resolves with the totals.
   */
  stop(graceMs: number): Promise<DispatchSummary> {
    this.#stopped ??= this.#stop(graceMs);
    return this.#stopped;
  }

  async #stop(graceMs: number): Promise<DispatchSummary> {
    this.#stopping = true;
    const deadline = this.#deps.clock.now() + graceMs;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, graceMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#onProgress = () => {
        const next = this.#heap.peek();
        const queued = this.#readyHead < this.#ready.length;
        if (this.#inFlight.size === 0 && !queued && (next === undefined || next.dueAt > deadline)) done();
      };
      this.#onProgress();
    });
    this.#onProgress = undefined;
    this.#closed = true;
    clearTimeout(this.#timer);
    const reason = 'not sent: the emulator stopped before it was due';
    for (const job of [...this.#heap.drain(), ...this.#ready.splice(this.#readyHead)])
      this.#finishUnsent(job, reason);
    for (const request of this.#inFlight) request.destroy(new Error('the emulator stopped'));
    await Promise.all(this.#attempts);
    for (const plan of this.#plans) this.#abandon(plan, plan.step + 1, reason);
    this.#plans.clear();
    this.#agents.http.destroy();
    this.#agents.https.destroy();
    return { ...this.#summary };
  }

  #scheduleStep(plan: Plan): void {
    const step = plan.timeline[plan.step];
    if (!step) return;
    plan.dueAt += step.afterMs * this.#options.timeScale;
    const { record, body } = this.#record(plan, plan.step, plan.dueAt);
    this.#push({ dueAt: plan.dueAt, seq: this.#seq++, plan, record, attempt: 1, body });
  }

  /** Journals the DLR of `step`, and returns it with the JSON body to POST. */
  #record(plan: Plan, step: number, scheduledAt: number): { record: CallbackRecord; body: string } {
    const { message } = plan;
    const timelineStep = plan.timeline[step] as Timeline[number];
    const payload = buildDeliveryReport(message, timelineStep, scheduledAt, this.#options);
    const record: CallbackRecord = {
      sid: message.sid,
      requestId: message.requestId,
      accountSid: message.accountSid,
      url: redact(message.statusCallback),
      step,
      exoStatusCode: payload.whatsapp.messages[0].exo_status_code,
      exoDetailedStatus: statusCodes[timelineStep.code as StatusCode]?.status ?? 'EX_UNKNOWN_ERROR',
      scheduledAt,
      state: 'scheduled',
      attempts: [],
      payload,
    };
    const body = JSON.stringify(payload);
    this.#deps.journal.recordCallback(record, body.length);
    return { record, body };
  }

  /** Journals steps `from`.. of a plan as undelivered, with their would-be times. */
  #abandon(plan: Plan, from: number, reason: string): void {
    let at = plan.dueAt;
    for (let step = from; step < plan.timeline.length; step++) {
      at += (plan.timeline[step]?.afterMs ?? 0) * this.#options.timeScale;
      const { record } = this.#record(plan, step, at);
      record.state = 'undelivered';
      record.reason = reason;
      this.#summary.undelivered++;
    }
  }

  #finishUnsent(job: Job, reason: string): void {
    job.plan.open--;
    const tried = job.record.attempts.length > 0;
    job.record.state = tried ? 'failed' : 'undelivered';
    job.record.reason = tried ? `${job.record.reason ?? 'failed'}; retry ${reason}` : reason;
    this.#summary[tried ? 'failed' : 'undelivered']++;
  }

  #push(job: Job): void {
    job.plan.open++;
    this.#heap.push(job);
    if (job.dueAt < this.#timerAt) this.#arm(job.dueAt);
  }

  #arm(at: number): void {
    clearTimeout(this.#timer);
    this.#timerAt = at;
    // setTimeout takes at most 2^31-1 ms; a later job is simply re-armed for when this one fires.
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, at - this.#deps.clock.now()));
    this.#timer = setTimeout(() => this.#tick(), delay);
    this.#timer.unref();
  }

  #tick(): void {
    this.#timerAt = Number.POSITIVE_INFINITY;
    const now = this.#deps.clock.now();
    for (let next = this.#heap.peek(); next && next.dueAt <= now; next = this.#heap.peek()) {
      this.#ready.push(this.#heap.pop() as Job);
    }
    this.#pump();
    const next = this.#heap.peek();
    if (next) this.#arm(next.dueAt);
  }

  #pump(): void {
    while (this.#inFlight.size < this.#options.concurrency && this.#readyHead < this.#ready.length) {
      const job = this.#ready[this.#readyHead++] as Job;
      const attempt = this.#attempt(job);
      this.#attempts.add(attempt);
      void attempt.finally(() => this.#attempts.delete(attempt));
    }
    if (this.#readyHead === this.#ready.length) {
      this.#ready.length = 0;
      this.#readyHead = 0;
    }
  }

  async #attempt(job: Job): Promise<void> {
    const { record, plan } = job;
    record.state = 'delivering';
    const at = this.#deps.clock.now();
    const started = performance.now();
    const result = await this.#post(plan.message.statusCallback, job.body);
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    const ok = result.status !== undefined && result.status >= 200 && result.status < 300;
    const error = ok ? undefined : (result.error ?? `HTTP ${result.status}`);
    record.attempts.push({
      attempt: job.attempt,
      scheduledAt: job.dueAt,
      at,
      ...(result.status !== undefined ? { status: result.status } : {}),
      ...(error !== undefined ? { error } : {}),
      latencyMs,
    });
    this.#deps.logger.info(
      {
        sid: record.sid,
        dlr: record.exoDetailedStatus,
        url: record.url,
        attempt: job.attempt,
        status: result.status,
        error,
        ms: latencyMs,
        late_ms: at - job.dueAt,
      },
      'dlr',
    );

    const retryDelay = this.#options.retryDelaysMs[job.attempt - 1];
    if (ok) {
      record.state = 'delivered';
      this.#summary.delivered++;
    } else if (retryDelay !== undefined && !this.#closed) {
      record.reason = error;
      const dueAt = this.#deps.clock.now() + retryDelay * this.#options.timeScale;
      this.#push({ ...job, dueAt, seq: this.#seq++, attempt: job.attempt + 1 });
    } else {
      record.state = 'failed';
      record.reason = error;
      this.#summary.failed++;
    }

    // The next status is scheduled once this one has had its first try, so a message's DLRs
    // leave in order even when their steps fall due together.
    if (job.attempt === 1) {
      plan.step++;
      if (plan.step < plan.timeline.length) {
        if (this.#closed) {
          this.#abandon(plan, plan.step, 'not sent: the emulator stopped before it was due');
          plan.step = plan.timeline.length;
        } else this.#scheduleStep(plan);
      }
    }
    plan.open--;
    if (plan.step >= plan.timeline.length && plan.open === 0) this.#plans.delete(plan);
    this.#pump();
    this.#onProgress?.();
  }

  #request(https: boolean, target: URL, body: string): ClientRequest {
    return (https ? httpsRequest : httpRequest)(target, {
      method: 'POST',
      agent: https ? this.#agents.https : this.#agents.http,
      headers: {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(body),
        'User-Agent': this.#options.userAgent,
      },
    });
  }

  #post(url: string, body: string): Promise<AttemptResult> {
    return new Promise((resolve) => {
      const target = new URL(url);
      const https = target.protocol === 'https:';
      let request: ClientRequest;
      try {
        request = this.#request(https, target, body);
      } catch (error) {
        // http.request throws synchronously for some URLs (an undecodable user:password, say).
        resolve({ error: (error as Error).message });
        return;
      }
      this.#inFlight.add(request);
      const finish = (result: AttemptResult) => {
        clearTimeout(timer);
        this.#inFlight.delete(request);
        resolve(result);
      };
      const timer = setTimeout(
        () => request.destroy(new Error(`timeout: no response within ${this.#options.timeoutMs} ms`)),
        this.#options.timeoutMs,
      );
      request.on('response', (response) => {
        response.on('error', (e) => finish({ error: e.message }));
        response.on('end', () => finish({ status: response.statusCode ?? 0 }));
        response.resume(); // the body is not read, but must be drained for the connection to be reused
      });
      request.on('error', (e: NodeJS.ErrnoException) =>
        finish({ error: e.code ? `${e.code}: ${e.message}` : e.message }),
      );
      request.end(body);
    });
  }
}

/** The URL with any password replaced, for logs and the journal. */
function redact(url: string): string {
  const parsed = new URL(url);
  if (!parsed.password) return url;
  parsed.password = '***';
  return parsed.toString();
}
