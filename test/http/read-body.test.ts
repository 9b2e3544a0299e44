import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../src/index.js';
import { KEY, MESSAGES, request as sendRequest, TOKEN, textMessage } from '../support/emulator.js';

const auth = `Basic ${Buffer.from(`${KEY}:${TOKEN}`).toString('base64')}`;
let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 1, 'body-limit': '1kb' });
});
afterAll(() => emulator.stop());

/**
 * Writes `head` on a raw socket; once the server says 100 Continue, writes `body`. Resolves with
 * everything the server sent, when it closes the connection or after 1 s of quiet.
 */
function raw(head: string, body?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(emulator.port, '127.0.0.1');
    let reply = '';
    let quiet = setTimeout(() => socket.end(), 1000);
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (body !== undefined && reply.includes('100 Continue\r\n\r\n')) {
        socket.write(body);
        body = undefined;
      }
      clearTimeout(quiet);
      quiet = setTimeout(() => socket.end(), 1000);
    });
    socket.on('close', () => {
      clearTimeout(quiet);
      resolve(reply);
    });
    socket.on('error', reject);
    socket.write(head);
  });
}

const jsonOf = (reply: string) => JSON.parse(reply.slice(reply.lastIndexOf('\r\n\r\n') + 4));

/** A raw request, chunked (no Content-Length) unless headers say otherwise. */
function send(
  chunks: string[],
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${emulator.url}${MESSAGES}`, {
      method: 'POST',
      headers: { Authorization: auth, 'Content-Type': 'application/json', ...headers },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (c: Buffer) => {
        text += c.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('reading the request body', () => {
  it('accepts a chunked body', async () => {
    const body = JSON.stringify(sendRequest([textMessage()]));
    const res = await send([body.slice(0, 20), body.slice(20)]);
    expect(res.status).toBe(202);
  });

  it('answers 413 to a chunked body that grows past the limit, and keeps serving', async () => {
    const res = await send(Array.from({ length: 20 }, () => 'x'.repeat(100)));
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ http_code: 413, response: { error_data: { code: 1030 } } });
    const next = await send([JSON.stringify(sendRequest([textMessage()]))]);
    expect(next.status).toBe(202);
  });

  it('answers 413 from Content-Length alone, before the body arrives', async () => {
    const reply = await raw(
      `POST ${MESSAGES} HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth}\r\nContent-Type: application/json\r\n` +
        'Content-Length: 5000\r\n\r\n{"whatsapp"',
    );
    expect(reply).toMatch(/^HTTP\/1\.1 413 /);
    expect(jsonOf(reply)).toMatchObject({ http_code: 413, response: { error_data: { code: 1030 } } });
  });

  it.each([
    ['headers too large', `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431, 1031],
    [
      'a Content-Length that is not a number',
      `POST ${MESSAGES} HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n`,
      400,
      1000,
    ],
    ['garbage instead of HTTP', 'HELLO\r\n\r\n', 400, 1000],
  ])('answers %s in Exotel’s envelope, not an empty reply', async (_name, request, status, code) => {
    const reply = await raw(request);
    expect(reply.startsWith(`HTTP/1.1 ${status} `)).toBe(true);
    expect(jsonOf(reply)).toMatchObject({ http_code: status, response: { error_data: { code } } });
    expect(emulator.journal.requests().at(-1)).toMatchObject({ status, outcome: 'rejected' });
  });

  it('answers Expect: 100-continue without credentials with 401, never asking for the body', async () => {
    const reply = await raw(
      `POST ${MESSAGES} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10\r\nExpect: 100-continue\r\n\r\n`,
    );
    expect(reply).toMatch(/^HTTP\/1\.1 401 /);
    expect(reply).not.toContain('100 Continue');
  });

  it('answers Expect: 100-continue with valid credentials with 100 Continue, then 202', async () => {
    const body = JSON.stringify(sendRequest([textMessage()]));
    const reply = await raw(
      `POST ${MESSAGES} HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${body.length}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n`,
      body,
    );
    expect(reply).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 202 /);
  });

  it('answers 400 to a compressed body', async () => {
    const res = await send(['x'], { 'Content-Encoding': 'gzip' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      response: {
        error_data: { description: 'Content-Encoding gzip is not accepted; send the body uncompressed' },
      },
    });
  });

  it('stops within the grace period even while a client stalls mid-body', async () => {
    const stalled = await startEmulator({ port: 0, seed: 1 });
    const socket = connect(stalled.port, '127.0.0.1');
    socket.on('error', () => {});
    socket.write(
      `POST ${MESSAGES} HTTP/1.1\r\nHost: x\r\nAuthorization: ${auth}\r\nContent-Type: application/json\r\n` +
        'Content-Length: 100\r\n\r\n{"whats',
    );
    await new Promise((r) => setTimeout(r, 50));
    const began = Date.now();
    await stalled.stop(200);
    expect(Date.now() - began).toBeLessThan(1500);
    socket.destroy();
  });

  it('journals a request whose client went away mid-body as aborted', async () => {
    const req = httpRequest(`${emulator.url}${MESSAGES}`, {
      method: 'POST',
      headers: { Authorization: auth, 'Content-Type': 'application/json' },
    });
    req.on('error', () => {});
    req.write('{"whatsapp":');
    await new Promise((r) => setTimeout(r, 50));
    req.destroy();
    const deadline = Date.now() + 2000;
    let record: ReturnType<typeof emulator.journal.requests>[number] | undefined;
    while (Date.now() < deadline && !record) {
      record = emulator.journal.requests().find((r) => r.outcome === 'aborted');
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(record).toMatchObject({ outcome: 'aborted', accountSid: 'emulator' });
  });
});
