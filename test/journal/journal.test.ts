import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { Journal, type MessageRecord } from '../../src/journal/journal.js';
import { RingBuffer } from '../../src/journal/ring-buffer.js';
import {
  KEY,
  MESSAGES,
  request as sendRequest,
  TOKEN,
  testEmulator,
  textMessage,
} from '../support/emulator.js';

const message = (sid: string): MessageRecord => ({
  sid,
  requestId: 'r',
  accountSid: 'emulator',
  index: 0,
  at: 0,
  from: '1',
  to: '2',
  content: { type: 'text', text: { body: 'x' } },
  scenario: 'happy-path',
  rule: 'default',
  decision: 'default',
});

describe('RingBuffer', () => {
  it('keeps the newest items, oldest first, and returns what it evicts', () => {
    const ring = new RingBuffer<number>(3);
    expect([1, 2, 3].map((n) => ring.push(n))).toEqual([undefined, undefined, undefined]);
    expect(ring.push(4)).toBe(1);
    expect(ring.push(5)).toBe(2);
    expect(ring.toArray()).toEqual([3, 4, 5]);
    expect(ring.size).toBe(3);
    ring.clear();
    expect(ring.toArray()).toEqual([]);
  });

  it.each([0, -1, 1.5])('refuses capacity %s', (capacity) => {
    expect(() => new RingBuffer(capacity)).toThrow(RangeError);
  });
});

describe('Journal', () => {
  it('evicts the oldest messages past its capacity and forgets their sids', () => {
    const journal = new Journal({ capacity: 2, maxBytes: 1e9 });
    for (const sid of ['a', 'b', 'c']) journal.recordMessage(message(sid), 100);
    expect(journal.messages().map((m) => m.sid)).toEqual(['b', 'c']);
    expect(journal.message('a')).toBeUndefined();
    expect(journal.message('c')?.sid).toBe('c');
  });

  it('records every request, rejected and unauthenticated ones with their reason', async () => {
    const { app, journal } = testEmulator();
    await request(app).post(MESSAGES).type('json').send('{}');
    await request(app).post(MESSAGES).auth(KEY, TOKEN).type('json').send('{}');
    await request(app).get('/nowhere');
    await request(app)
      .post(MESSAGES)
      .auth(KEY, TOKEN)
      .type('json')
      .send(JSON.stringify(sendRequest([textMessage()])));
    const [unauthenticated, malformed, notFound, accepted] = journal.requests();
    expect(unauthenticated).toMatchObject({
      status: 401,
      outcome: 'rejected',
      reason: expect.stringContaining('Basic'),
    });
    expect(unauthenticated?.accountSid).toBeUndefined();
    expect(malformed).toMatchObject({
      status: 400,
      outcome: 'rejected',
      accountSid: 'emulator',
      reason: expect.any(String),
    });
    expect(notFound).toMatchObject({ method: 'GET', path: '/nowhere', status: 404 });
    expect(accepted).toMatchObject({ status: 202, outcome: 'accepted', accountSid: 'emulator' });
    expect(accepted?.reason).toBeUndefined();
    expect(journal.messages()).toHaveLength(1);
    expect(journal.messages()[0]?.requestId).toBe(accepted?.requestId);
  });

  it('stays bounded under traffic beyond its capacity', async () => {
    const { app, journal } = testEmulator({ 'journal-capacity': 5 });
    const body = JSON.stringify(sendRequest([textMessage(), textMessage()]));
    for (let i = 0; i < 8; i++) await request(app).post(MESSAGES).auth(KEY, TOKEN).type('json').send(body);
    expect(journal.requests()).toHaveLength(5);
    expect(journal.messages()).toHaveLength(5);
  });
});
