import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { statusCodes } from '../../src/exotel/status-codes.js';
import type { EmulatorOptions } from '../../src/index.js';
import { scenarioSchema } from '../../src/scenarios/schema.js';
import {
  KEY,
  MESSAGES,
  request as sendRequest,
  TOKEN,
  testEmulator,
  textMessage,
} from '../support/emulator.js';
import { useReceiver, waitFor } from '../support/receiver.js';

/**
 * The shipped catalogue (scenarios/*.yaml): each scenario, end to end through real HTTP, does
 * what its file and scenarios/README.md promise.
 */

const SCENARIOS_DIR = join(import.meta.dirname, '../../scenarios');
const shippedFiles = readdirSync(SCENARIOS_DIR).filter((f) =>
  ['.yaml', '.yml', '.json'].includes(extname(f)),
);
const shippedNames = shippedFiles.map((f) => basename(f, extname(f))).sort();

type Emulator = ReturnType<typeof testEmulator>;

const ctx = useReceiver();

/** An emulator whose default scenario is `scenario`, DLRs sped up. */
function setup(scenario: string, options: EmulatorOptions = {}): Emulator {
  const emulator = testEmulator({ scenario, 'time-scale': 0.01, ...options });
  ctx.track(emulator);
  return emulator;
}

interface SendOptions {
  headers?: Record<string, string>;
  /** The request's outer fields; by default a status_callback to the ctx.receiver. */
  outer?: Record<string, unknown>;
}

function send(emulator: Emulator, messages: unknown[], options: SendOptions = {}) {
  const { headers = {}, outer = { status_callback: ctx.receiver.url } } = options;
  return request(emulator.app)
    .post(MESSAGES)
    .auth(KEY, TOKEN)
    .set({ 'Content-Type': 'application/json', ...headers })
    .send(JSON.stringify(sendRequest(messages, outer)));
}

interface Entry {
  code: number;
  status: string;
  error_data: { code: number; message: string; description: string } | null;
  data: { sid: string } | null;
}

const entries = (res: request.Response): Entry[] => res.body.response.whatsapp.messages;

/** Per message of a response: its sid, or the failure code it was rejected with. */
const outcomes = (res: request.Response): (string | number)[] =>
  entries(res).map((e) => e.data?.sid ?? (e.error_data?.code as number));

/** The exo_status_code sequence each sid's DLRs arrived in. */
function dlrsBySid(): Map<string, number[]> {
  const by = new Map<string, number[]>();
  for (const r of ctx.receiver.reports) {
    const sid = r.sid as string;
    by.set(sid, [...(by.get(sid) ?? []), r.exo_status_code as number]);
  }
  return by;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

const template = (name: string) =>
  textMessage({ content: { type: 'template', template: { name, language: { code: 'en' } } } });

describe('the shipped catalogue', () => {
  it('has every scenario file valid, every rule named, and all listed by GET /__admin/scenarios with an explain line', async () => {
    expect(shippedNames).toEqual(
      expect.arrayContaining([
        'happy-path',
        'partial-failure',
        'invalid-recipients',
        'template-errors',
        'rate-limited',
        'flaky-network',
        'outage',
        'account-suspended',
        'insufficient-balance',
        'slow-delivery',
        'read-receipts-off',
        'out-of-order-dlr',
        'early-dlr',
      ]),
    );
    for (const file of shippedFiles) {
      const definition = scenarioSchema.parse(YAML.parse(readFileSync(join(SCENARIOS_DIR, file), 'utf8')));
      for (const rule of [...definition.requests, ...definition.messages]) {
        expect(rule.name, `${file}: a rule without a name`).toBeTruthy();
      }
      // Each file says what it is for in comments at the top.
      expect(readFileSync(join(SCENARIOS_DIR, file), 'utf8')).toMatch(/^# \S/);
    }

    const emulator = setup('happy-path');
    const res = await request(emulator.app).get('/__admin/scenarios');
    expect(res.status).toBe(200);
    expect(res.body.default).toBe('happy-path');
    const listed = res.body.scenarios as {
      name: string;
      description: string;
      explain: string;
      rules: string[];
    }[];
    expect(listed.map((s) => s.name)).toEqual(shippedNames);
    for (const s of listed) {
      expect(s.explain.startsWith(`${s.name}: ${s.description} (`)).toBe(true);
      expect(s.rules.at(-1)).toMatch(/^default → /);
      // Unnamed rules would show as requests[i] / messages[i].
      expect(s.rules.filter((r) => /^(requests|messages)\[\d+\]/.test(r))).toEqual([]);
    }
  });

  it('is documented: scenarios/README.md has a row for every shipped scenario', () => {
    const readme = readFileSync(join(SCENARIOS_DIR, 'README.md'), 'utf8');
    for (const name of shippedNames) {
      expect(readme.split('\n').some((line) => line.startsWith(`| \`${name}\` |`))).toBe(true);
    }
  });

  it('selects a shipped scenario by --scenario, X-Emulator-Scenario, the accounts file and PUT /__admin/scenario', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exotel-accounts-'));
    writeFileSync(join(dir, 'accounts.yaml'), '- {sid: acme, api_key: k, api_token: t, scenario: outage}\n');
    const byOption = setup('outage');
    expect((await send(byOption, [textMessage()])).status).toBe(503);

    const emulator = setup('happy-path', { accounts: join(dir, 'accounts.yaml') });
    expect((await send(emulator, [textMessage()])).status).toBe(202);
    expect(
      (await send(emulator, [textMessage()], { headers: { 'X-Emulator-Scenario': 'outage' } })).status,
    ).toBe(503);
    const acme = await request(emulator.app)
      .post('/v2/accounts/acme/messages')
      .auth('k', 't')
      .type('json')
      .send(JSON.stringify(sendRequest([textMessage()])));
    expect(acme.status).toBe(503);
    const put = await request(emulator.app).put('/__admin/scenario').send({ name: 'insufficient-balance' });
    expect(put.status).toBe(200);
    expect((await send(emulator, [textMessage()])).status).toBe(402);
    const sends = emulator.journal.requests().filter((r) => r.path.endsWith('/messages'));
    expect(sends.map((r) => [r.status, r.scenario])).toEqual([
      [202, 'happy-path'],
      [503, 'outage'],
      [503, 'outage'],
      [402, 'insufficient-balance'],
    ]);
  });
});

describe('happy-path', () => {
  it('accepts every message and reports sent, delivered and seen', async () => {
    const emulator = setup('happy-path');
    const res = await send(emulator, [textMessage()]);
    expect(res.status).toBe(202);
    await waitFor(() => ctx.receiver.received.length === 3, 5000, '3 DLRs');
    expect(ctx.receiver.reports.map((r) => r.exo_status_code)).toEqual([30001, 30002, 30003]);
    expect(emulator.journal.messages()[0]).toMatchObject({ scenario: 'happy-path', rule: 'default' });
  });
});

describe('partial-failure', () => {
  /** 200 messages in two bulk requests of 100. */
  async function run(emulator: Emulator, outer?: Record<string, unknown>) {
    const results: (string | number)[] = [];
    for (let r = 0; r < 2; r++) {
      const messages = Array.from({ length: 100 }, (_, i) =>
        textMessage({ to: `+9198${String(r * 100 + i).padStart(8, '0')}` }),
      );
      const res = await send(emulator, messages, outer ? { outer } : {});
      expect(res.status).toBe(202);
      const failed = entries(res).filter((e) => e.error_data !== null).length;
      expect(res.body.metadata).toEqual({ failed, total: 100, success: 100 - failed });
      results.push(...outcomes(res));
    }
    return { results, rules: emulator.journal.messages().map((m) => [m.sid, m.rule]) };
  }

  it('rejects about 20% at submit with 30012 and fails about 20% by DLR with 30013 after sent, repeatably', async () => {
    const emulator = setup('partial-failure');
    const { results, rules } = await run(emulator);

    const rejected = results.filter((o) => typeof o === 'number');
    expect(new Set(rejected)).toEqual(new Set([30012]));
    expect(rejected.length).toBeGreaterThanOrEqual(20); // 40 expected of 200
    expect(rejected.length).toBeLessThanOrEqual(65);

    const failing = rules.filter(([, rule]) => rule === 'fails-after-sent').map(([sid]) => sid);
    const delivered = rules.filter(([, rule]) => rule === 'default').map(([sid]) => sid);
    expect(failing.length + delivered.length).toBe(200 - rejected.length);
    expect(failing.length).toBeGreaterThanOrEqual(20); // 40 expected of 200
    expect(failing.length).toBeLessThanOrEqual(65);

    const expected = failing.length * 2 + delivered.length * 3;
    await waitFor(() => ctx.receiver.received.length === expected, 8000, `${expected} DLRs`);
    const dlrs = dlrsBySid();
    for (const sid of failing) expect(dlrs.get(sid as string)).toEqual([30001, 30013]);
    for (const sid of delivered) expect(dlrs.get(sid as string)).toEqual([30001, 30002, 30003]);
    const failure = ctx.receiver.reports.find((r) => r.exo_status_code === 30013);
    expect(failure).toMatchObject({ exo_detailed_status: 'EX_INCAPABLE_RECIPIENT' });

    // The same seed, the same requests: the same messages fail the same way.
    const again = await run(setup('partial-failure'), {});
    expect(again.results).toEqual(results);
    expect(again.rules).toEqual(rules);
  });
});

describe('invalid-recipients', () => {
  const CODES = [
    30004, 30005, 30007, 30008, 30009, 30012, 30013, 30014, 30016, 30017, 30018, 30024, 30028,
  ] as const;
  const nn = (code: number) => String(code).slice(-2);

  it('fails +91 99999 300NN by DLR and rejects +91 99998 300NN at submit, with code 300NN, with or without +', async () => {
    const emulator = setup('invalid-recipients');
    const dlrFails = CODES.map((c, i) => `${i % 2 ? '' : '+'}9199999300${nn(c)}`);
    const rejects = CODES.map((c, i) => `${i % 2 ? '+' : ''}9199998300${nn(c)}`);
    const ordinary = ['+919876543210', '+919999930099', '919999830099'];
    const res = await send(
      emulator,
      [...dlrFails, ...rejects, ...ordinary].map((to) => textMessage({ to })),
    );
    expect(res.status).toBe(202);
    const all = entries(res);

    // Rejected at submit: the code, the catalogue's words, and the rule that did it.
    const rejected = all.slice(CODES.length, 2 * CODES.length);
    expect(rejected.map((e) => [e.status, e.error_data?.code])).toEqual(CODES.map((c) => ['failure', c]));
    rejected.forEach((e, i) => {
      const code = CODES[i] as (typeof CODES)[number];
      expect(e.data).toBeNull();
      expect(e.error_data?.description).toContain(
        `${statusCodes[code].status}: ${statusCodes[code].description} (scenario invalid-recipients, rule rejected-${code})`,
      );
    });

    // Accepted, then one failure DLR each; everything else is the happy path.
    const sids = [...all.slice(0, CODES.length), ...all.slice(2 * CODES.length)].map((e) => e.data?.sid);
    expect(sids.every((s) => typeof s === 'string')).toBe(true);
    await waitFor(() => ctx.receiver.received.length === CODES.length + 3 * ordinary.length, 5000, 'DLRs');
    const dlrs = dlrsBySid();
    expect(sids.map((sid) => dlrs.get(sid as string))).toEqual([
      ...CODES.map((c) => [c]),
      ...ordinary.map(() => [30001, 30002, 30003]),
    ]);
    for (const code of CODES) {
      expect(ctx.receiver.reports.find((r) => r.exo_status_code === code)).toMatchObject({
        exo_detailed_status: statusCodes[code].status,
        description: statusCodes[code].description,
      });
    }
    expect(emulator.journal.messages().map((m) => m.rule)).toEqual([
      ...CODES.map((c) => `dlr-fails-${c}`),
      'default',
      'default',
      'default',
    ]);
  });
});

describe('template-errors', () => {
  it('rejects unknown_* (30024) and unapproved_* (30022), fails param_mismatch_* by DLR (30023), delivers the rest', async () => {
    const emulator = setup('template-errors');
    const res = await send(emulator, [
      template('unknown_order_update'),
      template('unapproved_offer'),
      template('param_mismatch_invoice'),
      template('order_update'),
      textMessage(),
    ]);
    expect(res.status).toBe(202);
    const [unknown, unapproved, ...accepted] = entries(res);
    expect(unknown?.error_data).toMatchObject({
      code: 30024,
      message: 'whatsapp.messages[0]: Template does not exist',
    });
    expect(unknown?.error_data?.description).toMatch(/^EX_TEMPLATE_NOT_FOUND: .*rule unknown-template\)$/);
    expect(unapproved?.error_data).toMatchObject({ code: 30022, message: 'template not approved' });
    expect(unapproved?.error_data?.description).toMatch(/^EX_TEMPLATE_ERROR: .*rule unapproved-template\)$/);

    const [mismatch, normal, text] = accepted.map((e) => e.data?.sid as string);
    await waitFor(() => ctx.receiver.received.length === 2 + 3 + 3, 5000, '8 DLRs');
    const dlrs = dlrsBySid();
    expect(dlrs.get(mismatch as string)).toEqual([30001, 30023]);
    expect(dlrs.get(normal as string)).toEqual([30001, 30002, 30003]);
    expect(dlrs.get(text as string)).toEqual([30001, 30002, 30003]);
    expect(ctx.receiver.reports.find((r) => r.exo_status_code === 30023)).toMatchObject({
      sid: mismatch,
      exo_detailed_status: 'EX_TEMPLATE_PARAM_ERROR',
      description: 'body: number of localizable_params (1) does not match the expected number of params (2)',
    });
    expect(emulator.journal.messages().map((m) => m.rule)).toEqual([
      'template-param-mismatch',
      'default',
      'default',
    ]);

    // A request whose every message is rejected answers 400 (--all-failed-status).
    const all = await send(emulator, [template('unknown_welcome')]);
    expect(all.status).toBe(400);
    expect(all.body.metadata).toEqual({ failed: 1, total: 1, success: 0 });
    expect(outcomes(all)).toEqual([30024]);
  });
});

describe('rate-limited', () => {
  it('answers 429 with Retry-After past 60 requests a minute, per account, and lets requests through again', async () => {
    let now = Date.UTC(2026, 0, 1);
    const emulator = setup('rate-limited', {
      clock: { now: () => now },
      account: ['acme:acme-key:acme-token'],
    });
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) statuses.push((await send(emulator, [textMessage()], { outer: {} })).status);
    expect(statuses).toEqual(Array(60).fill(202));

    const limited = await send(emulator, [textMessage()], { outer: {} });
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('1');
    expect(limited.body.http_code).toBe(429);
    expect(limited.body.response.error_data).toMatchObject({ code: 1040, message: 'Too Many Requests' });
    expect(emulator.journal.requests().at(-1)).toMatchObject({
      status: 429,
      scenario: 'rate-limited',
      rule: 'rate_limit',
    });

    // Another account has its own allowance.
    const acme = await request(emulator.app)
      .post('/v2/accounts/acme/messages')
      .auth('acme-key', 'acme-token')
      .type('json')
      .send(JSON.stringify(sendRequest([textMessage()])));
    expect(acme.status).toBe(202);

    // One request a second refills.
    now += 1000;
    expect((await send(emulator, [textMessage()], { outer: {} })).status).toBe(202);
    expect((await send(emulator, [textMessage()], { outer: {} })).status).toBe(429);
  });
});

describe('flaky-network', () => {
  /** 40 requests at once; each ends in an HTTP status or a connection reset. */
  async function run(emulator: Emulator) {
    const began = performance.now();
    const results = await Promise.all(
      Array.from({ length: 40 }, async () => {
        const start = performance.now();
        try {
          const res = await send(emulator, [textMessage()], { outer: {} });
          return { outcome: res.status, res, ms: performance.now() - start };
        } catch (error) {
          return { outcome: (error as Error).message, ms: performance.now() - start };
        }
      }),
    );
    return { results, elapsed: performance.now() - began };
  }

  const tally = (values: (string | number)[]) => {
    const counts: Record<string, number> = {};
    for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
    return counts;
  };

  it('adds 20-400 ms of latency, and answers some requests 503 or 502 or drops them, repeatably', async () => {
    const emulator = setup('flaky-network');
    const { results, elapsed } = await run(emulator);
    expect(elapsed).toBeLessThan(2000); // concurrent: about the longest latency, not the sum

    const resets = results.filter((r) => typeof r.outcome === 'string');
    for (const r of resets) expect(r.outcome).toMatch(/socket hang up|ECONNRESET/);
    // With seed 1, these 40 requests draw every fault at least once (5% / 2% / 2% expected).
    expect(tally(results.map((r) => (typeof r.outcome === 'string' ? 'reset' : r.outcome)))).toEqual({
      202: 34,
      503: 3,
      502: 2,
      reset: 1,
    });
    for (const { res, ms } of results) {
      if (!res) continue;
      expect(ms).toBeGreaterThanOrEqual(20 - 2);
      if (res.status === 503) {
        expect(res.headers['retry-after']).toBe('30');
        expect(res.body.response.error_data).toMatchObject({ code: 1102, message: 'Service Unavailable' });
      }
      if (res.status === 502) {
        expect(res.headers['retry-after']).toBeUndefined();
        expect(res.body.response.error_data).toMatchObject({ code: 1101, message: 'Bad Gateway' });
      }
    }
    await waitFor(() => emulator.journal.requests().length === 40, 2000, '40 journaled requests');
    const rules = emulator.journal.requests().map((r) => r.rule ?? 'none');
    expect(tally(rules)).toEqual({
      'normal-latency': 34,
      'service-unavailable': 3,
      'bad-gateway': 2,
      'connection-reset': 1,
    });
    expect(emulator.journal.requests().find((r) => r.rule === 'connection-reset')).toMatchObject({
      outcome: 'aborted',
      reason: 'connection reset (scenario flaky-network, connection-reset)',
    });
    // Only the requests that got a 202 sent anything.
    expect(emulator.journal.messages()).toHaveLength(34);

    // The same seed draws the same faults (which request gets which depends on arrival order).
    const again = await run(setup('flaky-network'));
    expect(tally(again.results.map((r) => (typeof r.outcome === 'string' ? 'reset' : r.outcome)))).toEqual(
      tally(results.map((r) => (typeof r.outcome === 'string' ? 'reset' : r.outcome))),
    );
  });
});

describe.each([
  {
    name: 'outage',
    status: 503,
    rule: 'service-unavailable',
    retryAfter: '30',
    error: { code: 1102, message: 'Service Unavailable' },
  },
  {
    name: 'account-suspended',
    status: 403,
    rule: 'account-not-active',
    retryAfter: undefined,
    error: { code: 1011, message: 'Forbidden', description: 'Account is not active' },
  },
  {
    name: 'insufficient-balance',
    status: 402,
    rule: 'insufficient-balance',
    retryAfter: undefined,
    error: {
      code: 1050,
      message: 'Payment Required',
      description: expect.stringMatching(/^Insufficient balance/),
    },
  },
])('$name', ({ name, status, rule, retryAfter, error }) => {
  it(`answers every request ${status} in Exotel's envelope, sends nothing and no DLR`, async () => {
    const emulator = setup(name);
    for (let i = 0; i < 3; i++) {
      const res = await send(emulator, [textMessage(), textMessage()]);
      expect(res.status).toBe(status);
      expect(res.headers['retry-after']).toBe(retryAfter);
      expect(res.body).toMatchObject({ method: 'POST', http_code: status, response: { error_data: error } });
      expect(res.body.request_id).toMatch(/^[0-9a-f]{32}$/);
    }
    expect(emulator.journal.requests().map((r) => [r.status, r.scenario, r.rule])).toEqual(
      Array(3).fill([status, name, rule]),
    );
    expect(emulator.journal.messages()).toEqual([]);
    await pause(50);
    expect(ctx.receiver.received).toEqual([]);
  });
});

describe('slow-delivery', () => {
  it('reports sent 2 s, delivered 30 s later and seen 1 min later, scaled by --time-scale', async () => {
    const scale = 0.002; // 4 ms, then 60 ms, then 120 ms
    const emulator = setup('slow-delivery', { 'time-scale': scale });
    const res = await send(emulator, [textMessage()]);
    const sid = res.body.response.whatsapp.messages[0].data.sid as string;
    await waitFor(() => ctx.receiver.received.length === 3, 5000, '3 DLRs');
    expect(ctx.receiver.reports.map((r) => r.exo_status_code)).toEqual([30001, 30002, 30003]);

    const at = emulator.journal.message(sid)?.at as number;
    const due = emulator.journal.callbacks(sid).map((c) => c.scheduledAt - at);
    expect(due[0]).toBeCloseTo(2000 * scale);
    expect(due[1]).toBeCloseTo((2000 + 30_000) * scale);
    expect(due[2]).toBeCloseTo((2000 + 30_000 + 60_000) * scale);

    // What the ctx.receiver saw: no DLR before it was due (timers only run late, and a late step
    // can shorten the gap after it, so the bounds are from the 202, not between DLRs).
    const arrived = ctx.receiver.received.map((r) => r.at - at);
    expect(arrived[0]).toBeGreaterThanOrEqual(4 - 2); // libuv may round a timer down by a ms
    expect(arrived[1]).toBeGreaterThanOrEqual(64 - 2);
    expect(arrived[2]).toBeGreaterThanOrEqual(184 - 2);
  });
});

describe('read-receipts-off', () => {
  it('reports sent and delivered, never seen', async () => {
    const emulator = setup('read-receipts-off');
    const res = await send(emulator, [textMessage(), textMessage({ to: '919812345678' })]);
    expect(res.status).toBe(202);
    await waitFor(() => ctx.receiver.received.length === 4, 5000, '4 DLRs');
    await pause(50); // nothing more comes
    expect([...dlrsBySid().values()]).toEqual([
      [30001, 30002],
      [30001, 30002],
    ]);
    expect(emulator.journal.messages().map((m) => m.rule)).toEqual(['default', 'default']);
    expect(emulator.journal.messages()[0]?.decision).toContain('DLRs sent, delivered; read receipts off');
  });
});

describe('out-of-order-dlr', () => {
  it('sends every DLR twice and shuffles each message’s DLRs', async () => {
    const emulator = setup('out-of-order-dlr');
    const res = await send(
      emulator,
      Array.from({ length: 5 }, (_, i) => textMessage({ to: `+91987654321${i}` })),
    );
    const sids = outcomes(res) as string[];
    await waitFor(() => ctx.receiver.received.length === 30, 5000, '30 DLRs');
    const dlrs = dlrsBySid();
    for (const sid of sids) {
      const codes = dlrs.get(sid) as number[];
      // Each status twice...
      expect([...codes].sort()).toEqual([30001, 30001, 30002, 30002, 30003, 30003]);
      // ...not in status order. (With duplicate, about 1 message in 100 can be shuffled into an
      // order that only swaps the two copies of a status; seed 1 draws none of those.)
      expect(codes).not.toEqual([30001, 30001, 30002, 30002, 30003, 30003]);
      // ...in the order the emulator journaled.
      expect(emulator.journal.callbacks(sid).map((c) => c.exoStatusCode)).toEqual(codes);
    }
  });
});

describe('early-dlr', () => {
  it('has the sent DLR due the moment the message is accepted, even at --time-scale 1', async () => {
    const emulator = setup('early-dlr', { 'time-scale': 1 });
    const res = await send(emulator, [textMessage()]);
    const answeredAt = Date.now();
    const sid = res.body.response.whatsapp.messages[0].data.sid as string;
    await waitFor(() => ctx.receiver.received.length >= 1, 2000, 'the sent DLR');
    expect(ctx.receiver.reports[0]).toMatchObject({ sid, exo_status_code: 30001 });
    // happy-path's sent is due 100 ms after the 202; here 0 ms.
    const [first] = emulator.journal.callbacks(sid);
    expect(first?.scheduledAt).toBe(emulator.journal.message(sid)?.at);
    expect((ctx.receiver.received[0]?.at as number) - answeredAt).toBeLessThan(80);
  });
});
