import { stringify } from 'node:querystring';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ACCEPTED_BODY_FORMS } from '../../src/errors.js';
import {
  expectErrorEnvelope,
  KEY,
  MESSAGES,
  request as sendRequest,
  TOKEN,
  testEmulator,
  textMessage,
} from '../support/emulator.js';
import { garbledSeedBodies } from '../support/seed-examples.js';

/** Sends a Buffer as bytes, not as superagent's JSON rendering of a Buffer. */
const raw = (body: unknown) => body as string;
const valid = JSON.stringify(sendRequest([textMessage()]));

describe('errors in Exotel’s envelope', () => {
  it.each(['GET', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])(
    'answers %s on the messages route with 405 and Allow: POST',
    async (method) => {
      const res = await request(testEmulator().app)[method.toLowerCase() as 'get'](MESSAGES).auth(KEY, TOKEN);
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('POST');
      expect(expectErrorEnvelope(res.body)).toMatchObject({
        method,
        http_code: 405,
        response: { error_data: { code: 1021 } },
      });
    },
  );

  it.each([
    ['GET', '/'],
    ['POST', '/v2/accounts/emulator/message'],
    ['POST', '/whatsapp'],
    ['POST', '/whatsapp/bulk'],
    ['POST', '/v1/Accounts/emulator/Sms/send.json'],
  ])('answers %s %s with an Exotel-shaped 404', async (method, path) => {
    const res = await request(testEmulator().app)[method.toLowerCase() as 'get'](path).auth(KEY, TOKEN);
    expect(res.status).toBe(404);
    const envelope = expectErrorEnvelope(res.body);
    expect(envelope.response.error_data.code).toBe(1020);
    expect(envelope.response.error_data.description).toContain('POST /v2/accounts/<sid>/messages');
  });

  it.each(Object.entries(garbledSeedBodies))(
    'answers the garbled seed body %s with a 400 that explains the expected body',
    async (_name, body) => {
      const res = await request(testEmulator().app).post(MESSAGES).auth(KEY, TOKEN).type('json').send(body);
      expect(res.status).toBe(400);
      const { error_data } = expectErrorEnvelope(res.body).response;
      expect(error_data.code).toBe(1001);
      expect(error_data.description).toContain('{"whatsapp":{"messages":[');
    },
  );

  it('answers 413 to a body over the limit', async () => {
    const { app, journal } = testEmulator({ 'body-limit': '1kb' });
    const body = JSON.stringify(
      sendRequest([textMessage({ content: { type: 'text', text: { body: 'x'.repeat(2000) } } })]),
    );
    const res = await request(app).post(MESSAGES).auth(KEY, TOKEN).type('json').send(body);
    expect(res.status).toBe(413);
    expect(expectErrorEnvelope(res.body).response.error_data).toEqual({
      code: 1030,
      message: 'Payload Too Large',
      description: 'The request body exceeds the limit of 1024 bytes',
    });
    expect(journal.requests()[0]).toMatchObject({ status: 413, outcome: 'rejected' });
  });

  it('accepts a body of exactly the limit and refuses one byte more', async () => {
    const padded = (size: number) => {
      const body = sendRequest([textMessage()], { custom_data: '' });
      const bare = JSON.stringify(body).length;
      return JSON.stringify({ ...body, custom_data: 'x'.repeat(size - bare) });
    };
    const { app } = testEmulator({ 'body-limit': 2048 });
    const exact = await request(app).post(MESSAGES).auth(KEY, TOKEN).type('json').send(padded(2048));
    expect(exact.status).toBe(202);
    const over = await request(app).post(MESSAGES).auth(KEY, TOKEN).type('json').send(padded(2049));
    expect(over.status).toBe(413);
  });

  it('answers HEAD on the messages route with 405 and Allow: POST', async () => {
    const res = await request(testEmulator().app).head(MESSAGES).auth(KEY, TOKEN);
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('POST');
  });

  describe('body forms', () => {
    it.each([
      ['multipart/form-data; boundary=x', '--x\r\n\r\n--x--', ''],
      [
        'text/plain;charset=UTF-8',
        valid,
        ' (fetch sends it for a string body: set Content-Type: application/json)',
      ],
      ['application/xml', '<whatsapp/>', ''],
    ])('answers %s with 400 listing the accepted forms', async (contentType, payload, hint) => {
      const res = await request(testEmulator().app)
        .post(MESSAGES)
        .auth(KEY, TOKEN)
        .set('Content-Type', contentType)
        .send(payload);
      expect(res.status).toBe(400);
      expect(expectErrorEnvelope(res.body).response.error_data).toEqual({
        code: 1000,
        message: 'Unsupported request body',
        description: `Content-Type ${contentType} is not accepted${hint}. ${ACCEPTED_BODY_FORMS}`,
      });
    });

    it('accepts JSON in another charset', async () => {
      const body = sendRequest([textMessage({ content: { type: 'text', text: { body: 'café' } } })]);
      const payload = Buffer.from(JSON.stringify(body), 'latin1');
      const { app, journal } = testEmulator();
      const res = await request(app)
        .post(MESSAGES)
        .auth(KEY, TOKEN)
        .set('Content-Type', 'application/json; charset=ISO-8859-1')
        .serialize(raw)
        .send(payload);
      expect(res.status).toBe(202);
      expect(journal.messages()[0]?.content).toEqual({ type: 'text', text: { body: 'café' } });
    });

    it.each([
      [
        'an unknown charset',
        'application/json; charset=klingon',
        valid,
        'Unsupported charset "klingon"; send UTF-8',
      ],
      [
        'invalid UTF-8',
        'application/json',
        Buffer.from([0x7b, 0xff, 0x7d]),
        'The body is not valid utf-8 text',
      ],
      [
        'bracketed form fields',
        'application/x-www-form-urlencoded',
        'whatsapp[messages][0][to]=919876543210',
        'Unexpected form field "whatsapp[messages][0][to]"',
      ],
      [
        'a form field whatsapp that is not JSON',
        'application/x-www-form-urlencoded',
        stringify({ whatsapp: 'messages' }),
        'The form field "whatsapp" is not valid JSON',
      ],
      [
        'JSON as the form key that is not JSON',
        'application/x-www-form-urlencoded',
        stringify({ '{"whatsapp":': '' }),
        'The form key holding the JSON document is not valid JSON',
      ],
    ])('answers 400 to %s', async (_name, contentType, payload, description) => {
      const res = await request(testEmulator().app)
        .post(MESSAGES)
        .auth(KEY, TOKEN)
        .set('Content-Type', contentType)
        .serialize(raw)
        .send(payload);
      expect(res.status).toBe(400);
      expect(expectErrorEnvelope(res.body).response.error_data.description.startsWith(description)).toBe(
        true,
      );
    });

    it('reads form fields custom_data and status_callback next to whatsapp', async () => {
      const { app, journal } = testEmulator();
      const payload = stringify({
        custom_data: 'ORDER12',
        status_callback: 'http://127.0.0.1:9/dlr',
        whatsapp: JSON.stringify({ messages: [textMessage()] }),
      });
      const res = await request(app).post(MESSAGES).auth(KEY, TOKEN).type('form').send(payload);
      expect(res.status).toBe(202);
      expect(journal.messages()[0]).toMatchObject({
        customData: 'ORDER12',
        statusCallback: 'http://127.0.0.1:9/dlr',
      });
    });

    it('answers form fields without whatsapp with 1001', async () => {
      const res = await request(testEmulator().app)
        .post(MESSAGES)
        .auth(KEY, TOKEN)
        .type('form')
        .send('custom_data=x');
      expect(res.status).toBe(400);
      expect(res.body.response.error_data.code).toBe(1001);
    });

    it('rejects a deeply nested body quickly with 400, and keeps serving', async () => {
      const { app } = testEmulator();
      const depth = 200_000;
      const payload = `{"whatsapp":{"messages":[${'['.repeat(depth)}${']'.repeat(depth)}]}}`;
      const res = await request(app).post(MESSAGES).auth(KEY, TOKEN).type('json').send(payload);
      expect(res.status).toBe(400);
      expect(res.body.response.error_data.description).toBe('The body is nested deeper than 64 levels');
      const next = await request(app).post(MESSAGES).auth(KEY, TOKEN).type('json').send(valid);
      expect(next.status).toBe(202);
    });

    it('answers a huge bulk of invalid messages without a 5xx', async () => {
      const { app } = testEmulator();
      const messages = Array.from({ length: 100 }, () => ({
        content: { type: 'text', text: { body: 'x'.repeat(9000) } },
      }));
      const res = await request(app)
        .post(MESSAGES)
        .auth(KEY, TOKEN)
        .type('json')
        .send(JSON.stringify(sendRequest(messages)));
      expect(res.status).toBe(400);
      expect(res.body.metadata).toEqual({ failed: 100, total: 100, success: 0 });
    });
  });
});
