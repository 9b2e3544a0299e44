import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { istTimestamp } from '../../src/callbacks/report.js';
import { type EmulatorOptions, VERSION } from '../../src/index.js';
import {
  KEY,
  MESSAGES,
  request as sendRequest,
  TOKEN,
  testEmulator,
  textMessage,
} from '../support/emulator.js';
import { Receiver, useReceiver, waitFor } from '../support/receiver.js';

const ctx = useReceiver();

/** A fast emulator (time-scale 0.05: steps 5 ms, 10 ms, 15 ms apart) and a way to send through it. */
function setup(options: EmulatorOptions = {}) {
  const emulator = testEmulator({ 'time-scale': 0.05, ...options });
  ctx.track(emulator);
  const send = async (
    messages: unknown[],
    outer: Record<string, unknown> = { status_callback: ctx.receiver.url },
  ) => {
    const res = await request(emulator.app)
      .post(MESSAGES)
      .auth(KEY, TOKEN)
      .type('json')
      .send(JSON.stringify(sendRequest(messages, outer)));
    return res;
  };
  return { emulator, send };
}

const sids = (res: request.Response): string[] =>
  res.body.response.whatsapp.messages.map((m: { data: { sid: string } | null }) => m.data?.sid);

describe('delivery reports (DLRs) to status_callback', () => {
  it('POSTs sent, delivered and seen in Exotel’s payload, field for field', async () => {
    const { emulator, send } = setup();
    const res = await send([textMessage({ to: '+919876543210' })], {
      custom_data: 'Order126',
      status_callback: ctx.receiver.url,
    });
    const [sid] = sids(res);
    await waitFor(() => ctx.receiver.received.length === 3, 5000, '3 DLRs');

    const records = emulator.journal.callbacks(sid);
    expect(ctx.receiver.received.map((r) => r.body)).toEqual(
      [
        [30001, 'EX_MESSAGE_SENT', 'Message sent to the user'],
        [30002, 'EX_MESSAGE_DELIVERED', 'Message delivered to the user'],
        [30003, 'EX_MESSAGE_SEEN', 'Message seen by the user'],
      ].map(([code, status, description], i) => ({
        whatsapp: {
          messages: [
            {
              callback_type: 'dlr',
              sid,
              to: '919876543210',
              exo_status_code: code,
              exo_detailed_status: status,
              description,
              timestamp: istTimestamp(records[i]?.scheduledAt ?? 0),
              custom_data: 'Order126',
            },
          ],
        },
      })),
    );
    for (const r of ctx.receiver.received) {
      expect(r).toMatchObject({ method: 'POST', path: '/exotel/dlr' });
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers['user-agent']).toBe(`exotel-emulator/${VERSION}`);
      expect(
        (r.body as { whatsapp: { messages: { timestamp: string }[] } }).whatsapp.messages[0]?.timestamp,
      ).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+05:30$/);
    }
    expect(records.map((r) => [r.state, r.attempts.length, r.attempts[0]?.status])).toEqual([
      ['delivered', 1, 200],
      ['delivered', 1, 200],
      ['delivered', 1, 200],
    ]);
  });

  it('reuses one keep-alive connection for a message’s DLRs', async () => {
    const { send } = setup();
    await send([textMessage()]);
    await waitFor(() => ctx.receiver.received.length === 3);
    expect(new Set(ctx.receiver.received.map((r) => r.remotePort)).size).toBe(1);
  });

  it('sends credentials in the callback URL as Basic auth, and keeps the password out of the journal', async () => {
    const { emulator, send } = setup();
    const url = ctx.receiver.url.replace('http://', 'http://hook:s3cret@');
    const [sid] = sids(await send([textMessage()], { status_callback: url }));
    await waitFor(() => ctx.receiver.received.length === 3);
    expect(ctx.receiver.received[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from('hook:s3cret').toString('base64')}`,
    );
    for (const record of emulator.journal.callbacks(sid)) {
      expect(record.url).toBe(ctx.receiver.url.replace('http://', 'http://hook:***@'));
    }
  });

  it('refuses at submit a callback URL whose user:password cannot be decoded', async () => {
    const { send } = setup();
    const res = await send([textMessage()], { status_callback: 'http://a%zz:b@127.0.0.1:9/dlr' });
    expect(res.status).toBe(400);
    expect(res.body.response.error_data.message).toBe('Invalid value for status_callback');
  });

  it('counts a message with retries still to come against --callback-queue', async () => {
    const { emulator, send } = setup({ 'callback-queue': 1, 'time-scale': 1 });
    const down = ctx.receiver.url;
    await ctx.receiver.stop();
    const reaction = textMessage({ content: { type: 'reaction', reaction: { message_id: 'm', emoji: '' } } });
    const [first] = sids(await send([reaction], { status_callback: down }));
    await waitFor(
      () => (emulator.journal.callbacks(first)[0]?.attempts.length ?? 0) === 1,
      3000,
      'first try',
    );
    const [second] = sids(await send([reaction], { status_callback: down }));
    expect(emulator.journal.callbacks(second).map((c) => c.state)).toEqual(['undelivered']);
    ctx.receiver = await new Receiver().start();
  });

  it('keeps a DLR due in a thousand hours waiting without a busy timer', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    const { emulator, send } = setup({ 'time-scale': 10_000_000 });
    const [sid] = sids(await send([textMessage()]));
    await new Promise((r) => setTimeout(r, 100));
    process.off('warning', onWarning);
    expect(warnings).toEqual([]);
    expect(emulator.journal.callbacks(sid).map((c) => c.state)).toEqual(['scheduled']);
  });

  it('formats timestamps in India Standard Time', () => {
    expect(istTimestamp(Date.UTC(2022, 11, 7, 11, 30, 0, 0))).toBe('2022-12-07T17:00:00.000+05:30');
  });

  it('leaves custom_data out when the request had none, and echoes the innermost one', async () => {
    const { send } = setup();
    await send([textMessage(), textMessage({ custom_data: 'inner' })], {
      status_callback: ctx.receiver.url,
      custom_data: undefined,
    });
    await waitFor(() => ctx.receiver.received.length === 6);
    const byCustom = ctx.receiver.reports.map((r) => r.custom_data);
    expect(byCustom.filter((c) => c === undefined)).toHaveLength(3);
    expect(byCustom.filter((c) => c === 'inner')).toHaveLength(3);
    expect(
      ctx.receiver.reports.filter((r) => r.custom_data === undefined).every((r) => !('custom_data' in r)),
    ).toBe(true);
  });

  it('sends 25001 for delivered with --delivered-code 25001', async () => {
    const { send } = setup({ 'delivered-code': 25001 });
    await send([textMessage()]);
    await waitFor(() => ctx.receiver.received.length === 3);
    expect(ctx.receiver.reports[1]).toMatchObject({
      exo_status_code: 25001,
      exo_detailed_status: 'EX_MESSAGE_DELIVERED',
    });
  });

  it('reports only sent for a reaction, as WhatsApp does', async () => {
    const { send } = setup();
    await send([
      textMessage({ content: { type: 'reaction', reaction: { message_id: 'wamid.1', emoji: '👍' } } }),
    ]);
    await waitFor(() => ctx.receiver.received.length === 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(ctx.receiver.reports.map((r) => r.exo_detailed_status)).toEqual(['EX_MESSAGE_SENT']);
  });

  it('sends nothing for a message without a status_callback', async () => {
    const { emulator, send } = setup();
    const res = await send([textMessage()], {});
    expect(res.status).toBe(202);
    await new Promise((r) => setTimeout(r, 100));
    expect(ctx.receiver.received).toHaveLength(0);
    expect(emulator.journal.callbacks()).toHaveLength(0);
  });

  it('sends DLRs to the account’s default status_callback when the request names none', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exotel-emulator-'));
    const file = join(dir, 'accounts.yaml');
    writeFileSync(
      file,
      `- sid: acme\n  api_key: k\n  api_token: t\n  status_callback: ${ctx.receiver.url}?account=acme\n`,
    );
    const { emulator } = setup({ accounts: file });
    const res = await request(emulator.app)
      .post('/v2/accounts/acme/messages')
      .auth('k', 't')
      .type('json')
      .send(JSON.stringify(sendRequest([textMessage()])));
    expect(res.status).toBe(202);
    await waitFor(() => ctx.receiver.received.length === 3);
    expect(ctx.receiver.received.map((r) => r.path)).toEqual(Array(3).fill('/exotel/dlr?account=acme'));
  });

  it('refuses at startup an account whose default status_callback is outside --callback-allow', () => {
    const dir = mkdtempSync(join(tmpdir(), 'exotel-emulator-'));
    const file = join(dir, 'accounts.json');
    writeFileSync(
      file,
      JSON.stringify([
        { sid: 'acme', api_key: 'k', api_token: 't', status_callback: 'https://hooks.example.com/x' },
      ]),
    );
    expect(() => testEmulator({ accounts: file })).toThrow(
      'account acme: status_callback https://hooks.example.com/x is outside --callback-allow',
    );
  });

  it('retries after a 500 and journals both attempts', async () => {
    ctx.receiver.responder = (n) => ({ status: n === 0 ? 500 : 200 });
    const { emulator, send } = setup({ 'time-scale': 0.01 });
    const [sid] = sids(
      await send([textMessage({ content: { type: 'reaction', reaction: { message_id: 'm', emoji: '' } } })]),
    );
    await waitFor(() => emulator.journal.callbacks(sid)[0]?.state === 'delivered');
    const [record] = emulator.journal.callbacks(sid);
    expect(record?.attempts.map((a) => [a.attempt, a.status, a.error])).toEqual([
      [1, 500, 'HTTP 500'],
      [2, 200, undefined],
    ]);
    // The retry came after the first try, by the (time-scaled) 1 s backoff.
    const [first, second] = record?.attempts ?? [];
    expect((second?.scheduledAt ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(10);
    expect(ctx.receiver.received).toHaveLength(2);
    expect(ctx.receiver.received[0]?.body).toEqual(ctx.receiver.received[1]?.body);
  });

  it('gives up after the last retry when the ctx.receiver is down, and journals every attempt', async () => {
    const { emulator, send } = setup({ 'time-scale': 0.01 });
    const down = ctx.receiver.url;
    await ctx.receiver.stop();
    const [sid] = sids(
      await send([textMessage({ content: { type: 'reaction', reaction: { message_id: 'm', emoji: '' } } })], {
        status_callback: down,
      }),
    );
    await waitFor(() => emulator.journal.callbacks(sid)[0]?.state === 'failed');
    const [record] = emulator.journal.callbacks(sid);
    expect(record?.attempts).toHaveLength(3);
    for (const attempt of record?.attempts ?? []) expect(attempt.error).toMatch(/^ECONNREFUSED/);
    expect(record?.reason).toMatch(/^ECONNREFUSED/);
    ctx.receiver = await new Receiver().start(); // for afterEach
  });

  it('journals a timeout when the ctx.receiver is slower than --callback-timeout', async () => {
    ctx.receiver.responder = () => ({ status: 200, delayMs: 400 });
    const { emulator, send } = setup({ 'callback-timeout': 100, 'callback-retries': 'none' });
    const [sid] = sids(
      await send([textMessage({ content: { type: 'reaction', reaction: { message_id: 'm', emoji: '' } } })]),
    );
    await waitFor(() => emulator.journal.callbacks(sid)[0]?.state === 'failed');
    const [record] = emulator.journal.callbacks(sid);
    expect(record?.attempts).toHaveLength(1);
    expect(record?.attempts[0]?.error).toBe('timeout: no response within 100 ms');
    expect(record?.attempts[0]?.latencyMs).toBeGreaterThanOrEqual(95);
  });

  it('plays every message of a bulk of 100 exactly once, in order', async () => {
    const { emulator, send } = setup({ 'time-scale': 0 });
    const res = await send(
      Array.from({ length: 100 }, (_, i) => textMessage({ to: `+9198765${String(i).padStart(5, '0')}` })),
    );
    const all = sids(res);
    await waitFor(() => ctx.receiver.received.length >= 300, 10_000, '300 DLRs');
    await new Promise((r) => setTimeout(r, 100));
    expect(ctx.receiver.received).toHaveLength(300);
    for (const sid of all) {
      const codes = ctx.receiver.reports.filter((r) => r.sid === sid).map((r) => r.exo_status_code);
      expect(codes, sid).toEqual([30001, 30002, 30003]);
    }
    expect(emulator.journal.callbacks().every((c) => c.state === 'delivered')).toBe(true);
  });

  it('refuses a status_callback outside --callback-allow at submit time', async () => {
    const { send } = setup();
    const refused = await send([textMessage()], { status_callback: 'https://hooks.example.com/dlr' });
    expect(refused.status).toBe(400);
    expect(refused.body.response.error_data).toEqual({
      code: 1002,
      message: 'Invalid value for status_callback',
      description:
        'status_callback https://hooks.example.com/dlr is not a host DLRs may be sent to (--callback-allow)',
    });
    const partial = await send([textMessage(), textMessage({ status_callback: 'http://10.1.2.3/dlr' })]);
    expect(partial.status).toBe(202);
    expect(partial.body.response.whatsapp.messages[1].error_data).toMatchObject({
      code: 30021,
      message:
        'whatsapp.messages[1].status_callback http://10.1.2.3/dlr is not a host DLRs may be sent to (--callback-allow)',
    });
  });

  it('journals DLRs past --callback-queue as undelivered', async () => {
    const { emulator, send } = setup({ 'callback-queue': 1, 'time-scale': 1 });
    const [first, second] = sids(await send([textMessage(), textMessage()]));
    expect(emulator.journal.callbacks(first)[0]?.state).toBe('scheduled');
    expect(emulator.journal.callbacks(second).map((c) => [c.state, c.reason])).toEqual(
      Array(3).fill([
        'undelivered',
        'not sent: more than 1 messages were waiting for DLRs (--callback-queue)',
      ]),
    );
  });

  it('on stop, sends what falls due within the grace period and journals the rest as undelivered', async () => {
    const { emulator, send } = setup({ 'time-scale': 1 }); // sent at +100 ms, delivered +300 ms, seen +600 ms
    const [sid] = sids(await send([textMessage()]));
    const summary = await emulator.stop(200);
    expect(summary).toEqual({ delivered: 1, failed: 0, undelivered: 2 });
    expect(ctx.receiver.reports.map((r) => r.exo_detailed_status)).toEqual(['EX_MESSAGE_SENT']);
    expect(emulator.journal.callbacks(sid).map((c) => c.state)).toEqual([
      'delivered',
      'undelivered',
      'undelivered',
    ]);
    const late = await send([textMessage()]);
    expect(late.status).toBe(202);
    expect(emulator.journal.callbacks(sids(late)[0]).every((c) => c.state === 'undelivered')).toBe(true);
  });
});
