import { RingBuffer } from './ring-buffer.js';

interface Entry<T> {
  item: T;
  bytes: number;
}

/**
 * A FIFO log capped both by count and by (estimated) bytes: O(1) per push, plus one shift per
 * record it evicts. Records are charged what their payload weighs, so a few huge requests cannot
 * hold gigabytes where `capacity` counts only records.
 */
export class BoundedLog<T> {
  readonly #ring: RingBuffer<Entry<T>>;
  #bytes = 0;

  constructor(
    capacity: number,
    readonly maxBytes: number,
  ) {
    this.#ring = new RingBuffer(capacity);
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** Adds `item`; returns the records evicted to make room for it, oldest first. */
  push(item: T, bytes: number): T[] {
    const evicted: T[] = [];
    const dropped = this.#ring.push({ item, bytes });
    this.#bytes += bytes;
    if (dropped) {
      this.#bytes -= dropped.bytes;
      evicted.push(dropped.item);
    }
    // Always keep the newest record, however large.
    while (this.#bytes > this.maxBytes && this.#ring.size > 1) {
      const oldest = this.#ring.shift() as Entry<T>;
      this.#bytes -= oldest.bytes;
      evicted.push(oldest.item);
    }
    return evicted;
  }

  /** Oldest first. */
  toArray(): T[] {
    return this.#ring.toArray().map((e) => e.item);
  }

  clear(): void {
    this.#ring.clear();
    this.#bytes = 0;
  }
}
