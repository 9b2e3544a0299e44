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

export interface JournalOptions {
  /** How many requests, and separately how many messages, are kept; the oldest go first. */
  capacity: number;
}

/** A bounded in-memory record of traffic. Every record is O(1); memory is capped by `capacity`. */
export class Journal {
  readonly #requests: RingBuffer<RequestRecord>;
  readonly #messages: RingBuffer<MessageRecord>;
  readonly #bySid = new Map<string, MessageRecord>();

  constructor(options: JournalOptions) {
    this.#requests = new RingBuffer(options.capacity);
    this.#messages = new RingBuffer(options.capacity);
  }

  recordRequest(record: RequestRecord): void {
    this.#requests.push(record);
  }

  recordMessage(record: MessageRecord): void {
    const evicted = this.#messages.push(record);
    if (evicted) this.#bySid.delete(evicted.sid);
    this.#bySid.set(record.sid, record);
  }

  /** Oldest first. */
  requests(): RequestRecord[] {
    return this.#requests.toArray();
  }

  /** Oldest first. */
  messages(): MessageRecord[] {
    return this.#messages.toArray();
  }

  message(sid: string): MessageRecord | undefined {
    return this.#bySid.get(sid);
  }

  clear(): void {
    this.#requests.clear();
    this.#messages.clear();
    this.#bySid.clear();
  }
}
