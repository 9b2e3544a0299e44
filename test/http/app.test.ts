import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import {
  expectErrorEnvelope,
  expectSendEnvelope,
  KEY,
  MESSAGES,
  request as sendRequest,
  TOKEN,
  testEmulator,
  textMessage,
} from '../support/emulator.js';

const body = JSON.stringify(sendRequest([textMessage()]));

describe('the emulator app', () => {
  it('serves the send route with a trailing slash, a query string and any case, as Express would', async () => {
    const { app } = testEmulator();
    for (const path of [`${MESSAGES}/`, `${MESSAGES}?trace=1`, '/V2/Accounts/emulator/Messages']) {
      const res = await request(app).post(path).auth(KEY, TOKEN).type('json').send(body);
      expect(res.status, path).toBe(202);
    }
  });

  it('decodes a percent-encoded sid', async () => {
    const { app } = testEmulator({ account: ['acme-1:k:t'] });
    const res = await request(app)
      .post('/v2/accounts/acme%2D1/messages')
      .auth('k', 't')
      .type('json')
      .send(body);
    expect(res.status).toBe(202);
  });

  it('answers a sid with a broken percent-encoding with an Exotel-shaped 400', async () => {
    const res = await request(testEmulator().app)
      .post('/v2/accounts/%E0%A4%A/messages')
      .auth(KEY, TOKEN)
      .type('json')
      .send(body);
    expect(res.status).toBe(400);
    expect(expectErrorEnvelope(res.body).response.error_data).toMatchObject({
      code: 1000,
      message: 'Malformed request',
    });
  });

  it('works mounted under a prefix in the user’s own Express app', async () => {
    const { app, journal } = testEmulator();
    const parent = express();
    parent.use('/exotel', app);
    parent.get('/mine', (_req, res) => res.send('mine'));
    const sent = await request(parent).post(`/exotel${MESSAGES}`).auth(KEY, TOKEN).type('json').send(body);
    expect(sent.status).toBe(202);
    expectSendEnvelope(sent.body);
    const health = await request(parent).get('/exotel/__admin/health');
    expect(health.status).toBe(200);
    expect((await request(parent).get('/mine')).text).toBe('mine');
    expect(journal.requests().map((r) => [r.status, r.outcome])).toEqual([
      [202, 'accepted'],
      [200, 'accepted'],
    ]);
  });

  it.each([
    ['JSON', express.json(), 'application/json', body],
    [
      'form fields',
      express.urlencoded({ extended: false }),
      'application/x-www-form-urlencoded',
      new URLSearchParams({
        custom_data: 'c1',
        whatsapp: JSON.stringify({ messages: [textMessage()] }),
      }).toString(),
    ],
    [
      'JSON as the only form key',
      express.urlencoded({ extended: false }),
      'application/x-www-form-urlencoded',
      new URLSearchParams({ [body]: '' }).toString(),
    ],
  ])('works behind the user’s own body parser (%s)', async (_form, parser, contentType, payload) => {
    const { app, journal } = testEmulator();
    const parent = express();
    parent.use(parser);
    parent.use(app);
    const res = await request(parent)
      .post(MESSAGES)
      .auth(KEY, TOKEN)
      .set('Content-Type', contentType)
      .send(payload);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(journal.messages()[0]?.to).toBe('+919876543210');
  });

  it('answers 400, not a hang, when a parser consumed the body and left nothing', async () => {
    const parent = express();
    parent.use((req, _res, next) => {
      req.resume();
      req.on('end', () => next());
    });
    parent.use(testEmulator().app);
    const res = await request(parent).post(MESSAGES).auth(KEY, TOKEN).type('json').send(body);
    expect(res.status).toBe(400);
    expect(res.body.response.error_data.description).toMatch(/mount the emulator before body parsers/);
  });

  it('reports its health', async () => {
    const res = await request(testEmulator({ seed: 9 }).app).get('/__admin/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'ok',
      seed: 9,
      accounts: ['emulator'],
      version: expect.any(String),
    });
  });
});
