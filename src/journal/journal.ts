import type { Content } from '../exotel/schemas/content.js';
import { RingBuffer } from './ring-buffer.js';

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
  rejected?: { index: number; code: number; message: string }[];
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
}

/** A bounded in-memory record of traffic. Every record is O(1); memory is capped by `capacity`. */
export class Journal {
  readonly #requests: RingBuffer<RequestRecord>;
  readonly #messages: RingBuffer<MessageRecord>;
  readonly #callbacks: RingBuffer<CallbackRecord>;
  readonly #bySid = new Map<string, MessageRecord>();

  constructor(options: JournalOptions) {
    this.#requests = new RingBuffer(options.capacity);
    this.#messages = new RingBuffer(options.capacity);
    this.#callbacks = new RingBuffer(options.capacity);
  }

  recordRequest(record: RequestRecord): void {
    this.#requests.push(record);
  }

  recordMessage(record: MessageRecord): void {
    const evicted = this.#messages.push(record);
    if (evicted) this.#bySid.delete(evicted.sid);
    this.#bySid.set(record.sid, record);
  }

  /** Records a DLR when it is scheduled; the dispatcher updates the record as it goes. */
  recordCallback(record: CallbackRecord): void {
    this.#callbacks.push(record);
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
