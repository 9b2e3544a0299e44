import type { Content } from '../exotel/schemas/content.js';
import { BoundedLog } from './bounded-log.js';

/** One HTTP request, whatever became of it (including 401s, 404s and aborted requests). */
export interface RequestRecord {
  requestId: string;
  at: number;
  method: string;
  path: string;
  /** The account the credentials belong to, once authenticated. */
  accountSid?: string;
  status: number;
  outcome: 'accepted' | 'partial' | 'rejected' | 'aborted';
  /** Why the request, or some of its messages, were rejected. */
  reason?: string;
  /** Per-message rejections in a bulk request. */
  /** Per-message rejections; `rule` names the scenario rule when a scenario rejected it. */
  rejected?: { index: number; code: number; message: string; rule?: string }[];
  /** The scenario that handled it, and the request rule that decided it (none: handled normally). */
  scenario?: string;
  rule?: string;
  durationMs: number;
}

/** One accepted message: what later DLRs and the inspection API work from. */
export interface MessageRecord {
  sid: string;
  requestId: string;
  accountSid: string;
  /** Position within the request's `whatsapp.messages`. */
  index: number;
  at: number;
  from: string;
  to: string;
  content: Content;
  customData?: string;
  statusCallback?: string;
  /** The scenario and the message rule (or `default`) that decided what becomes of it, and why. */
  scenario: string;
  rule: string;
  decision: string;
}

/** One try at POSTing a DLR. */
export interface CallbackAttempt {
  /** 1 for the first try, 2 for the first retry, ... */
  attempt: number;
  /** When this try was due (epoch ms). */
  scheduledAt: number;
  /** When it was actually sent (epoch ms). */
  at: number;
  /** The receiver's HTTP status, when it answered. */
  status?: number;
  /** Why the try failed: a non-2xx status, a timeout, a connection error. */
  error?: string;
  latencyMs: number;
}

/** One DLR: one status change of one message, and every try at delivering it. */
export interface CallbackRecord {
  sid: string;
  requestId: string;
  accountSid: string;
  url: string;
  /** Position of this status in the message's timeline. */
  step: number;
  exoStatusCode: number;
  exoDetailedStatus: string;
  /** When the status change happens, and the first try is due (epoch ms). */
  scheduledAt: number;
  /**
   * `scheduled` until its first try; then `delivered`, or `failed` after its last try;
   * `undelivered` when it was never sent (the emulator stopped first, or its queue was full).
   */
  state: 'scheduled' | 'delivering' | 'delivered' | 'failed' | 'undelivered';
  /** Why it failed: the last try's error, or why it was never sent. */
  reason?: string;
  attempts: CallbackAttempt[];
  /** The JSON body POSTed, as the receiver got it. */
  payload: unknown;
}

export interface JournalOptions {
  /** How many requests, messages and callbacks (each separately) are kept; the oldest go first. */
  capacity: number;
  /** How many bytes each of the three may hold (estimated from what was sent); the oldest go first. */
  maxBytes: number;
}

/** What a record weighs beyond its variable-length strings. */
const RECORD_BYTES = 300;

/** A bounded in-memory record of traffic. Every record is O(1); memory is capped by `capacity`. */
export class Journal {
  readonly #requests: BoundedLog<RequestRecord>;
  readonly #messages: BoundedLog<MessageRecord>;
  readonly #callbacks: BoundedLog<CallbackRecord>;
  readonly #bySid = new Map<string, MessageRecord>();

  constructor(options: JournalOptions) {
    this.#requests = new BoundedLog(options.capacity, options.maxBytes);
    this.#messages = new BoundedLog(options.capacity, options.maxBytes);
    this.#callbacks = new BoundedLog(options.capacity, options.maxBytes);
  }

  recordRequest(record: RequestRecord): void {
    const rejected = record.rejected?.reduce((n, r) => n + r.message.length, 0) ?? 0;
    this.#requests.push(record, RECORD_BYTES + record.path.length + (record.reason?.length ?? 0) + rejected);
  }

  /** `bytes`: what the message weighed in its request body. */
  recordMessage(record: MessageRecord, bytes: number): void {
    for (const evicted of this.#messages.push(record, RECORD_BYTES + bytes)) this.#bySid.delete(evicted.sid);
    this.#bySid.set(record.sid, record);
  }

  /** Records a DLR when it is scheduled (`bytes`: its payload's size); the dispatcher updates it as it goes. */
  recordCallback(record: CallbackRecord, bytes: number): void {
    this.#callbacks.push(record, RECORD_BYTES + record.url.length + bytes);
  }

  /** Oldest first. */
  requests(): RequestRecord[] {
    return this.#requests.toArray();
  }

  /** Oldest first. */
  messages(): MessageRecord[] {
    return this.#messages.toArray();
  }

  /** Oldest first; only those of message `sid` when given. */
  callbacks(sid?: string): CallbackRecord[] {
    const all = this.#callbacks.toArray();
    return sid === undefined ? all : all.filter((c) => c.sid === sid);
  }

  message(sid: string): MessageRecord | undefined {
    return this.#bySid.get(sid);
  }

  clear(): void {
    this.#requests.clear();
    this.#messages.clear();
    this.#callbacks.clear();
    this.#bySid.clear();
  }
}
