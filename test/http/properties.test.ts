import fc from 'fast-check';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { errorEnvelopeSchema, sendEnvelopeSchema } from '../../src/index.js';
import { contentSamples } from '../support/content-samples.js';
import { KEY, MESSAGES, TOKEN, testEmulator, textMessage } from '../support/emulator.js';

const { app } = testEmulator();
const contentTypes = [
  undefined,
  'application/json',
  'application/json; charset=utf-16le',
  'application/x-www-form-urlencoded',
  'text/plain',
  'multipart/form-data; boundary=x',
];

/** Any reply must be one of Exotel's two envelopes, with a matching status, and never a 5xx. */
function expectExotelShaped(res: request.Response) {
  expect(res.status).toBeLessThan(500);
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  const shaped =
    sendEnvelopeSchema.safeParse(res.body).success || errorEnvelopeSchema.safeParse(res.body).success;
  expect(shaped, JSON.stringify(res.body)).toBe(true);
  expect(res.body.http_code).toBe(res.status);
}

async function send(payload: string | Buffer, contentType?: string) {
  const req = request(app).post(MESSAGES).auth(KEY, TOKEN);
  if (contentType) req.set('Content-Type', contentType);
  return req.serialize((b: unknown) => b as string).send(payload);
}

describe('no input yields a 5xx or an unshaped reply', () => {
  it('for arbitrary JSON documents, in any content type', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.constantFrom(...contentTypes), async (value, contentType) => {
        expectExotelShaped(await send(JSON.stringify(value) ?? 'null', contentType));
      }),
      { numRuns: 300 },
    );
  });

  it('for arbitrary bytes, in any content type', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 2048 }),
        fc.constantFrom(...contentTypes),
        async (bytes, contentType) => {
          expectExotelShaped(await send(Buffer.from(bytes), contentType));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('for valid requests with any part replaced by arbitrary JSON', async () => {
    const message = textMessage({ content: contentSamples['interactive order_details'] });
    // Every path into the message, so the replacement can land at any depth.
    const paths: string[][] = [];
    const walk = (value: unknown, path: string[]) => {
      paths.push(path);
      if (typeof value === 'object' && value !== null) {
        for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
      }
    };
    walk({ whatsapp: { messages: [message] } }, []);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fc.jsonValue(), async (path, replacement) => {
        let body: unknown = structuredClone({ whatsapp: { messages: [message] } });
        const last = path.at(-1);
        if (last === undefined) body = replacement;
        else {
          let target = body as Record<string, unknown>;
          for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
          target[last] = replacement;
        }
        expectExotelShaped(await send(JSON.stringify(body) ?? 'null', 'application/json'));
      }),
      { numRuns: 400 },
    );
  });
});
