import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../src/index.js';
import { KEY, MESSAGES, request as sendRequest, TOKEN, textMessage } from '../support/emulator.js';

const auth = `Basic ${Buffer.from(`${KEY}:${TOKEN}`).toString('base64')}`;
let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, seed: 1, 'body-limit': '1kb' });
});
afterAll(() => emulator.stop());

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

  it('answers 413 from Content-Length alone', async () => {
    const body = 'x'.repeat(2000);
    const res = await send([body], { 'Content-Length': String(body.length) });
    expect(res.status).toBe(413);
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
