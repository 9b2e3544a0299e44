import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import {
  expectErrorEnvelope,
  KEY,
  MESSAGES,
  request as sendRequest,
  TOKEN,
  testEmulator,
  textMessage,
} from '../support/emulator.js';

const body = JSON.stringify(sendRequest([textMessage()]));
const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString('base64')}`;

describe('authentication', () => {
  it('accepts the default account’s key and token', async () => {
    const res = await request(testEmulator().app).post(MESSAGES).auth(KEY, TOKEN).type('json').send(body);
    expect(res.status).toBe(202);
  });

  it.each([
    ['no Authorization header', undefined, 'Authentication required'],
    ['a Bearer token', 'Bearer abc', 'Authentication required'],
    ['Basic without a colon', basic('emulator-key'), 'Authentication required'],
    ['a wrong token', basic(`${KEY}:wrong`), 'Authentication failed'],
    ['an unknown key', basic(`nobody:${TOKEN}`), 'Authentication failed'],
    ['an empty key and token', basic(':'), 'Authentication failed'],
  ])('answers 401 with WWW-Authenticate to %s', async (_name, header, message) => {
    const { app, journal } = testEmulator();
    const req = request(app).post(MESSAGES).type('json');
    if (header) req.set('Authorization', header);
    const res = await req.send(body);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Basic realm="Exotel API"');
    const envelope = expectErrorEnvelope(res.body);
    expect(envelope.response.error_data).toMatchObject({ code: 1010, message });
    expect(journal.requests()[0]).toMatchObject({
      status: 401,
      outcome: 'rejected',
      reason: expect.any(String),
    });
    expect(journal.messages()).toHaveLength(0);
  });

  it('answers 403 when valid credentials are used on another account’s sid', async () => {
    const { app, journal } = testEmulator({ account: ['acme:acme-key:acme-token'] });
    const res = await request(app).post(MESSAGES).auth('acme-key', 'acme-token').type('json').send(body);
    expect(res.status).toBe(403);
    expect(expectErrorEnvelope(res.body).response.error_data).toEqual({
      code: 1011,
      message: 'Forbidden',
      description: 'These credentials are valid but have no access to account emulator',
    });
    expect(journal.requests()[0]).toMatchObject({ accountSid: 'acme', status: 403 });
  });

  it('serves extra accounts given inline, each on its own sid', async () => {
    const { app, journal } = testEmulator({ account: ['acme:acme-key:acme:token:with:colons'] });
    const res = await request(app)
      .post('/v2/accounts/acme/messages')
      .auth('acme-key', 'acme:token:with:colons')
      .type('json')
      .send(body);
    expect(res.status).toBe(202);
    expect(journal.messages()[0]?.accountSid).toBe('acme');
  });

  it.each([
    ['JSON', 'accounts.json', JSON.stringify([{ sid: 'acme', api_key: 'k1', api_token: 't1' }])],
    ['YAML', 'accounts.yaml', 'accounts:\n  - sid: acme\n    api_key: k1\n    api_token: t1\n'],
  ])('serves accounts from a %s accounts file', async (_format, name, text) => {
    const dir = mkdtempSync(join(tmpdir(), 'exotel-emulator-'));
    writeFileSync(join(dir, name), text);
    const { app, accounts } = testEmulator({ accounts: join(dir, name) });
    expect(accounts.map((a) => a.sid)).toEqual(['emulator', 'acme']);
    const res = await request(app)
      .post('/v2/accounts/acme/messages')
      .auth('k1', 't1')
      .type('json')
      .send(body);
    expect(res.status).toBe(202);
  });

  it('replaces the default account when the user defines its sid', async () => {
    const { app, accounts } = testEmulator({ account: ['emulator:my-key:my-token'] });
    expect(accounts).toEqual([{ sid: 'emulator', apiKey: 'my-key' }]);
    const old = await request(app).post(MESSAGES).auth(KEY, TOKEN).type('json').send(body);
    expect(old.status).toBe(401);
    const res = await request(app).post(MESSAGES).auth('my-key', 'my-token').type('json').send(body);
    expect(res.status).toBe(202);
  });

  it('checks credentials before reading the body', async () => {
    const res = await request(testEmulator().app).post(MESSAGES).type('json').send('{not json');
    expect(res.status).toBe(401);
  });
});
