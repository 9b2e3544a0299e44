import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach } from 'vitest';

export interface Received {
  at: number;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  /** The client's port: the same one again means a reused keep-alive connection. */
  remotePort: number;
}

/** What the receiver answers to the n-th POST (0-based): a status, after an optional delay. */
export type Responder = (n: number) => { status: number; delayMs?: number };

/** A real webhook receiver on 127.0.0.1 that records every DLR it gets. */
export class Receiver {
  readonly received: Received[] = [];
  responder: Responder = () => ({ status: 200 });
  #server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.#server = createServer((req, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => {
        text += chunk.toString();
      });
      req.on('end', () => {
        const n = this.received.length;
        this.received.push({
          at: Date.now(),
          method: req.method ?? '',
          path: req.url ?? '',
          headers: req.headers,
          body: JSON.parse(text),
          remotePort: req.socket.remotePort ?? 0,
        });
        const { status, delayMs = 0 } = this.responder(n);
        setTimeout(() => res.writeHead(status).end(), delayMs);
      });
    });
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/exotel/dlr`;
    return this;
  }

  /** The DLR items received, in arrival order. */
  get reports(): Record<string, unknown>[] {
    return this.received.map(
      (r) => (r.body as { whatsapp: { messages: Record<string, unknown>[] } }).whatsapp.messages[0] ?? {},
    );
  }

  async stop(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()));
  }
}

/** Polls `condition` until it holds, or fails after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

interface Stoppable {
  stop(graceMs?: number): Promise<unknown>;
}

/**
 * For a test file whose tests need DLRs: a fresh Receiver before each test (`ctx.receiver`), and
 * every emulator passed to `ctx.track` stopped after it.
 */
export function useReceiver() {
  let emulators: Stoppable[] = [];
  const ctx = {
    receiver: new Receiver(),
    track<T extends Stoppable>(emulator: T): T {
      emulators.push(emulator);
      return emulator;
    },
  };
  beforeEach(async () => {
    ctx.receiver = await new Receiver().start();
    emulators = [];
  });
  afterEach(async () => {
    await Promise.all(emulators.map((e) => e.stop(0)));
    await ctx.receiver.stop();
  });
  return ctx;
}
