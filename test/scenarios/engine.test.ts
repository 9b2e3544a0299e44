import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { ConfigError, type EmulatorOptions } from '../../src/index.js';
import { createRandom } from '../../src/runtime/random.js';
import { Scenario } from '../../src/scenarios/scenario.js';
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

const ctx = useReceiver();

/** A folder with the given scenario files (name -> definition). */
function folder(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'exotel-scenarios-'));
  for (const [name, definition] of Object.entries(files)) {
    writeFileSync(
      join(dir, `${name}.yaml`),
      typeof definition === 'string' ? definition : YAML.stringify(definition),
    );
  }
  return dir;
}

/** An emulator whose default scenario is `definition` (named `test`). */
function withScenario(definition: object, options: EmulatorOptions = {}) {
  const emulator = testEmulator({
    scenarios: folder({ test: definition }),
    scenario: 'test',
    'time-scale': 0.01,
    ...options,
  });
  ctx.track(emulator);
  return emulator;
}

function send(
  emulator: ReturnType<typeof testEmulator>,
  messages: unknown[],
  headers: Record<string, string> = {},
  outer: Record<string, unknown> = { status_callback: ctx.receiver.url },
) {
  return request(emulator.app)
    .post(MESSAGES)
    .auth(KEY, TOKEN)
    .set({ 'Content-Type': 'application/json', ...headers })
    .send(JSON.stringify(sendRequest(messages, outer)));
}

const failureCodes = (res: request.Response) =>
  res.body.response.whatsapp.messages.map(
    (m: { error_data: { code: number } | null }) => m.error_data?.code ?? 'ok',
  );

describe('loading scenarios', () => {
  it('stops startup when the default scenario is broken, naming the file, field and reason', () => {
    const dir = folder({ broken: { description: 'x', messages: [{ then: { reject: { code: 20001 } } }] } });
    expect(() => testEmulator({ scenarios: dir, scenario: 'broken' })).toThrow(ConfigError);
    expect(() => testEmulator({ scenarios: dir, scenario: 'broken' })).toThrow(
      `${join(dir, 'broken.yaml')}: messages[0].then.reject.code must be a failure code of the catalogue (30004-30041)`,
    );
  });

  it.each([
    [{ messages: [] }, 'bad.yaml: description is required'],
    [{ description: 'x', requests: [{ then: { latency: 'soon' } }] }, 'requests[0].then'],
    [{ description: 'x', requests: [{ then: { error: { status: 418 } } }] }, 'requests[0].then.error.status'],
    [
      { description: 'x', requests: [{ then: { reset: true, hang: true } }] },
      'takes at most one of error, reset and hang',
    ],
    [
      { description: 'x', messages: [{ when: { to: { regex: '(' } }, then: {} }] },
      'must be a valid regular expression',
    ],
    [
      { description: 'x', messages: [{ then: { timeline: [{ status: 'failed', after: 1 }] } }] },
      'messages[0].then.timeline[0].code is required',
    ],
    [{ description: 'x', surprise: 1 }, 'surprise'],
    [
      { description: 'x', requests: [{ then: { latency: { min: '400ms', max: '20ms' } } }] },
      'min must not be more than max',
    ],
    [
      { description: 'x', requests: [{ when: { nth: { from: 5, to: 2 } }, then: { hang: true } }] },
      'from must not be after to',
    ],
    [
      { description: 'x', requests: [{ when: { window: { from: '1m', to: '1s' } }, then: { hang: true } }] },
      'from must be before to',
    ],
    [
      { description: 'x', default: { timeline: [{ status: 'sent', after: '600h' }] } },
      'must be at most a day (24h)',
    ],
  ])('refuses %j with the field path and reason', (definition, message) => {
    const dir = folder({ bad: definition });
    expect(() => testEmulator({ scenarios: dir, scenario: join(dir, 'bad.yaml') })).toThrow(message);
  });

  it('skips a broken file that is not the default, and serves the rest', async () => {
    const dir = folder({ broken: 'description: [', fine: { description: 'fine' } });
    const emulator = testEmulator({ scenarios: dir, scenario: 'fine' });
    ctx.track(emulator);
    const res = await request(emulator.app).get('/__admin/scenarios');
    const names = res.body.scenarios.map((s: { name: string }) => s.name);
    expect(names).toContain('fine');
    expect(names).not.toContain('broken');
  });

  it('refuses to start when a broken file has the default’s name, even beside a shipped one', () => {
    const dir = folder({ 'happy-path': 'description: [' });
    expect(() => testEmulator({ scenarios: dir })).toThrow(
      `${join(dir, 'happy-path.yaml')}: not valid YAML or JSON`,
    );
  });

  it('refuses an unknown default scenario, listing the available ones', () => {
    expect(() => testEmulator({ scenario: 'nope' })).toThrow(
      /--scenario nope: no such scenario; available: .*happy-path/,
    );
  });

  it('refuses an account whose scenario does not exist', () => {
    const dir = mkdtempSync(join(tmpdir(), 'exotel-accounts-'));
    writeFileSync(join(dir, 'a.yaml'), '- {sid: acme, api_key: k, api_token: t, scenario: nope}\n');
    expect(() => testEmulator({ accounts: join(dir, 'a.yaml') })).toThrow('account acme: no scenario "nope"');
  });
});

describe('selecting a scenario', () => {
  const outage = { description: 'down', requests: [{ name: 'down', then: { error: { status: 503 } } }] };

  it('takes X-Emulator-Scenario over the account’s over the default', async () => {
    const dir = folder({ down: outage });
    const accounts = mkdtempSync(join(tmpdir(), 'exotel-accounts-'));
    writeFileSync(join(accounts, 'a.yaml'), '- {sid: acme, api_key: k, api_token: t, scenario: down}\n');
    const emulator = testEmulator({ scenarios: dir, accounts: join(accounts, 'a.yaml') });
    ctx.track(emulator);
    const body = JSON.stringify(sendRequest([textMessage()]));
    const acme = () => request(emulator.app).post('/v2/accounts/acme/messages').auth('k', 't').type('json');
    expect((await acme().send(body)).status).toBe(503);
    expect((await acme().set('X-Emulator-Scenario', 'happy-path').send(body)).status).toBe(202);
    expect((await send(emulator, [textMessage()])).status).toBe(202);
    expect((await send(emulator, [textMessage()], { 'X-Emulator-Scenario': 'down' })).status).toBe(503);
    expect(emulator.journal.requests().map((r) => [r.status, r.scenario, r.rule])).toEqual([
      [503, 'down', 'down'],
      [202, 'happy-path', undefined],
      [202, 'happy-path', undefined],
      [503, 'down', 'down'],
    ]);
  });

  it('answers an unknown X-Emulator-Scenario with 400 listing the scenarios', async () => {
    const emulator = testEmulator();
    ctx.track(emulator);
    const res = await send(emulator, [textMessage()], { 'X-Emulator-Scenario': 'nope' });
    expect(res.status).toBe(400);
    expect(res.body.response.error_data).toMatchObject({ code: 1060, message: 'Unknown scenario' });
    expect(res.body.response.error_data.description).toMatch(/^No scenario "nope"; available: .*happy-path/);
  });

  it('switches the default at runtime by name, and lists scenarios with explain lines', async () => {
    const emulator = testEmulator({ scenarios: folder({ down: outage }) });
    ctx.track(emulator);
    const put = await request(emulator.app).put('/__admin/scenario').send({ name: 'down' });
    expect(put.status).toBe(200);
    expect(put.body.default).toBe('down');
    expect((await send(emulator, [textMessage()])).status).toBe(503);
    const list = await request(emulator.app).get('/__admin/scenarios');
    expect(list.body.default).toBe('down');
    const down = list.body.scenarios.find((s: { name: string }) => s.name === 'down');
    expect(down.explain).toBe(
      'down: down (0 request rules, 0 message rules; default → accepted, DLRs sent, delivered, seen)'.replace(
        '0 request rules',
        '1 request rule',
      ),
    );
    expect(down.rules).toEqual([
      'down: every request → answer 503',
      'default → accepted, DLRs sent, delivered, seen',
    ]);
  });

  it('installs a whole definition at runtime, and refuses a broken one leaving the running scenario untouched', async () => {
    const emulator = testEmulator();
    ctx.track(emulator);
    const bad = await request(emulator.app)
      .put('/__admin/scenario')
      .send({ name: 'mine', description: 'x', requests: [{ then: { error: { status: 999 } } }] });
    expect(bad.status).toBe(400);
    expect(bad.body.response.error_data).toMatchObject({ code: 1061, message: 'Invalid scenario' });
    expect(bad.body.response.error_data.description).toMatch(
      /^PUT \/__admin\/scenario: requests\[0\]\.then\.error\.status/,
    );
    expect((await send(emulator, [textMessage()])).status).toBe(202);

    const good = await request(emulator.app)
      .put('/__admin/scenario')
      .send({ name: 'mine', description: 'x', requests: [{ then: { error: { status: 402 } } }] });
    expect(good.status).toBe(200);
    const res = await send(emulator, [textMessage()]);
    expect(res.status).toBe(402);
    expect(res.body.response.error_data).toMatchObject({ code: 1050, message: 'Payment Required' });
  });

  it('answers a scenario definition over 1 MB with 413', async () => {
    const emulator = ctx.track(testEmulator());
    const res = await request(emulator.app)
      .put('/__admin/scenario')
      .send({ description: 'x'.repeat(1_100_000) });
    expect(res.status).toBe(413);
    expect(res.body.response.error_data.code).toBe(1030);
  });

  it.each([
    [{ name: 'nope' }, 1060],
    [[1, 2], 1061],
  ])('answers PUT %j with 400', async (body, code) => {
    const emulator = testEmulator();
    ctx.track(emulator);
    const res = await request(emulator.app).put('/__admin/scenario').send(body);
    expect(res.status).toBe(400);
    expect(res.body.response.error_data.code).toBe(code);
  });
});

describe('request rules', () => {
  it('matches the n-th request, a header, an account and a window, first match wins', async () => {
    const emulator = withScenario({
      description: 'rules',
      requests: [
        { name: 'third', when: { nth: 3 }, then: { error: { status: 500 } } },
        {
          name: 'tagged',
          when: { headers: { 'X-Test': { prefix: 'fail' } } },
          then: { error: { status: 502 } },
        },
        { name: 'other-account', when: { account: 'acme' }, then: { error: { status: 403 } } },
        { name: 'later', when: { window: { from: '1h' } }, then: { error: { status: 400 } } },
      ],
    });
    const statuses = [];
    const tagged: Record<string, string> = { 'X-Test': 'fail-now' };
    for (const headers of [{}, tagged, tagged, {}]) {
      statuses.push((await send(emulator, [textMessage()], headers)).status);
    }
    expect(statuses).toEqual([202, 502, 500, 202]);
  });

  it('answers 429 with Retry-After past the rate limit, per account', async () => {
    const emulator = withScenario({ description: 'limited', rate_limit: { requests_per_minute: 2 } });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push(await send(emulator, [textMessage()]));
    expect(statuses.map((r) => r.status)).toEqual([202, 202, 429]);
    expect(statuses[2]?.headers['retry-after']).toBe('30');
    expect(statuses[2]?.body.response.error_data).toMatchObject({ code: 1040, message: 'Too Many Requests' });
    expect(emulator.journal.requests().at(-1)).toMatchObject({ status: 429, rule: 'rate_limit' });
  });

  it('does not let callers with wrong credentials use up an account’s rate limit', async () => {
    const emulator = withScenario({ description: 'limited', rate_limit: { requests_per_minute: 1 } });
    for (let i = 0; i < 3; i++) {
      const res = await request(emulator.app).post(MESSAGES).auth(KEY, 'wrong').type('json').send('{}');
      expect(res.status).toBe(401);
    }
    expect((await send(emulator, [textMessage()])).status).toBe(202);
    expect((await send(emulator, [textMessage()])).status).toBe(429);
  });

  it('starts a window again when the scenario is selected at runtime', async () => {
    let now = 1_000_000;
    const dir = folder({
      warmup: {
        description: 'w',
        requests: [{ when: { window: { to: '1s' } }, then: { error: { status: 503 } } }],
      },
    });
    const emulator = testEmulator({ scenarios: dir, clock: { now: () => now } });
    ctx.track(emulator);
    now += 5000;
    expect((await request(emulator.app).put('/__admin/scenario').send({ name: 'warmup' })).status).toBe(200);
    expect((await send(emulator, [textMessage()])).status).toBe(503);
    now += 1000;
    expect((await send(emulator, [textMessage()])).status).toBe(202);
  });

  it('adds latency before answering', async () => {
    const emulator = withScenario({ description: 'slow', requests: [{ then: { latency: '150ms' } }] });
    const began = Date.now();
    expect((await send(emulator, [textMessage()])).status).toBe(202);
    expect(Date.now() - began).toBeGreaterThanOrEqual(140);
  });

  it('resets the connection, and journals why', async () => {
    const emulator = withScenario({
      description: 'reset',
      requests: [{ name: 'drop', then: { reset: true } }],
    });
    await expect(send(emulator, [textMessage()])).rejects.toThrow(/socket hang up|ECONNRESET/);
    await waitFor(() => emulator.journal.requests().length === 1);
    expect(emulator.journal.requests()[0]).toMatchObject({
      outcome: 'aborted',
      reason: 'connection reset (scenario test, drop)',
    });
  });

  it('never answers a hung request, until the client gives up', async () => {
    const emulator = withScenario({ description: 'hang', requests: [{ then: { hang: true } }] });
    await expect(send(emulator, [textMessage()]).timeout(200)).rejects.toThrow(/Timeout/);
    await waitFor(() => emulator.journal.requests().length === 1);
    expect(emulator.journal.requests()[0]?.outcome).toBe('aborted');
  });
});

describe('message rules', () => {
  const rules = {
    description: 'per message',
    messages: [
      { name: 'jio', when: { to: { prefix: '+9170' } }, then: { reject: { code: 30013 } } },
      {
        name: 'list',
        when: { to: { in: ['+919000000001'] } },
        then: { reject: { code: 30014, message: 'blocked' } },
      },
      { name: 'regex', when: { to: { regex: '555$' } }, then: { callback: false } },
      {
        name: 'templates',
        when: { type: 'template', template: { suffix: '_v2' } },
        then: { reject: { code: 30024 } },
      },
      { name: 'vip', when: { custom_data: 'vip' }, then: { read_receipts: false } },
      { name: 'third', when: { index: 2 }, then: { reject: { code: 30021 } } },
    ],
  };
  const template = (name: string) => ({ type: 'template', template: { name, language: { code: 'en' } } });

  it('decides each message by the first rule that matches, and journals which', async () => {
    const emulator = withScenario(rules);
    const res = await send(emulator, [
      textMessage({ to: '+917012345678' }),
      textMessage({ to: '+919000000001' }),
      textMessage({ to: '+919876543210' }),
      textMessage({ to: '+919876543555' }),
      textMessage({ content: template('promo_v2') }),
      textMessage({ custom_data: 'vip' }),
    ]);
    expect(failureCodes(res)).toEqual([30013, 30014, 30021, 'ok', 30024, 'ok']);
    expect(res.body.response.whatsapp.messages[1].error_data).toEqual({
      code: 30014,
      message: 'blocked',
      description: 'EX_RECIPIENT_BLOCKED: Recipient is not in the allowed list (scenario test, rule list)',
    });
    expect(res.body.response.whatsapp.messages[0].error_data.message).toBe(
      'whatsapp.messages[0]: The recipient cannot receive this message',
    );
    expect(emulator.journal.requests()[0]?.rejected?.map((r) => [r.index, r.rule])).toEqual([
      [0, 'jio'],
      [1, 'list'],
      [2, 'third'],
      [4, 'templates'],
    ]);
    const [quiet, vip] = emulator.journal.messages();
    expect(quiet).toMatchObject({ rule: 'regex', scenario: 'test' });
    expect(vip).toMatchObject({
      rule: 'vip',
      decision: 'vip: custom_data = "vip" → accepted, DLRs sent, delivered; read receipts off',
    });
    await waitFor(() => ctx.receiver.received.length === 2);
    await new Promise((r) => setTimeout(r, 50));
    expect(ctx.receiver.reports.map((r) => [r.sid, r.exo_status_code])).toEqual([
      [vip?.sid, 30001],
      [vip?.sid, 30002],
    ]);
    expect(emulator.journal.callbacks(quiet?.sid)).toEqual([]);
  });

  it('says which rules an unmatched message was tested against', async () => {
    const emulator = withScenario(rules);
    await send(emulator, [textMessage()]);
    expect(emulator.journal.messages()[0]).toMatchObject({
      rule: 'default',
      decision:
        'default → accepted, DLRs sent, delivered, seen (no rule matched: tested jio, list, regex, templates, vip, third)',
    });
  });

  it('plays a failure timeline with Meta’s detail, duplicates and reordering', async () => {
    const emulator = withScenario({
      description: 'timelines',
      messages: [
        {
          name: 'fails',
          when: { index: 0 },
          then: {
            timeline: [
              { status: 'sent', after: '10ms' },
              { status: 'failed', after: '20ms', code: 30023, description: 'header: Format mismatch' },
            ],
          },
        },
        { name: 'twice', when: { index: 1 }, then: { duplicate: true, read_receipts: false } },
        { name: 'shuffled', when: { index: 2 }, then: { out_of_order: true } },
      ],
    });
    const res = await send(emulator, [textMessage(), textMessage(), textMessage()]);
    const [fails, twice, shuffled] = res.body.response.whatsapp.messages.map(
      (m: { data: { sid: string } }) => m.data.sid,
    );
    await waitFor(() => ctx.receiver.received.length === 9, 5000, '9 DLRs');
    const of = (sid: string) => ctx.receiver.reports.filter((r) => r.sid === sid);
    expect(of(fails).map((r) => [r.exo_status_code, r.exo_detailed_status, r.description])).toEqual([
      [30001, 'EX_MESSAGE_SENT', 'Message sent to the user'],
      [30023, 'EX_TEMPLATE_PARAM_ERROR', 'header: Format mismatch'],
    ]);
    expect(of(twice).map((r) => r.exo_status_code)).toEqual([30001, 30001, 30002, 30002]);
    const order = of(shuffled).map((r) => r.exo_status_code);
    expect([...order].sort()).toEqual([30001, 30002, 30003]);
    expect(order).not.toEqual([30001, 30002, 30003]);
  });
});

it('never plans duplicated, shuffled DLRs in status order', () => {
  const definition = scenarioSchema.parse({
    description: 'both',
    default: { duplicate: true, out_of_order: true },
  });
  const scenario = new Scenario({ ...definition, name: 'both' }, 'test', createRandom(1), { now: () => 0 });
  const facts = {
    index: 0,
    from: '1',
    to: '2',
    content: { type: 'text' as const, text: { body: 'x' } },
    customData: undefined,
  };
  for (let i = 0; i < 2000; i++) {
    const decision = scenario.onMessage(facts);
    const codes = 'timeline' in decision ? (decision.timeline ?? []).map((s) => s.code) : [];
    expect([...codes].sort()).toEqual([30001, 30001, 30002, 30002, 30003, 30003]);
    expect(codes).not.toEqual([30001, 30001, 30002, 30002, 30003, 30003]);
  }
});

describe('determinism', () => {
  const dice = {
    description: 'dice',
    requests: [{ name: 'flaky', when: { probability: 0.2 }, then: { error: { status: 503 } } }],
    messages: [
      { name: 'coin', when: { probability: 0.5 }, then: { reject: { code: 30013 } } },
      { name: 'shuffle', when: { probability: 0.5 }, then: { out_of_order: true } },
    ],
  };

  it('gives identical envelopes, outcomes and timelines for the same seed, and different ones for another', async () => {
    const run = async (seed: number) => {
      const emulator = withScenario(
        {
          ...dice,
          messages: [
            dice.messages[0],
            { name: 'shuffle', when: { probability: 0.5 }, then: { out_of_order: true } },
          ],
        },
        { seed, 'time-scale': 1000 },
      );
      const out = [];
      for (let i = 0; i < 30; i++) {
        const res = await send(
          emulator,
          Array.from({ length: 5 }, () => textMessage()),
        );
        out.push({ status: res.status, body: res.body });
      }
      const timelines = emulator.journal.callbacks().map((c) => [c.sid, c.step, c.exoStatusCode]);
      return { out, rules: emulator.journal.messages().map((m) => m.rule), timelines };
    };
    const [a, b, c] = [await run(7), await run(7), await run(8)];
    expect(a).toEqual(b);
    expect(a.out).not.toEqual(c.out);
    const statuses = a.out.map((o) => o.status);
    expect(statuses).toContain(503);
    expect(statuses).toContain(202);
  });
});

describe('hot reload (--watch)', () => {
  it('follows a single scenario file saved by rename, as editors do, and in place afterwards', async () => {
    const dir = folder({ solo: { description: 'v1' } });
    const file = join(dir, 'solo.yaml');
    const emulator = ctx.track(testEmulator({ scenario: file, watch: true }));
    const description = async () =>
      (await request(emulator.app).get('/__admin/scenarios')).body.scenarios.find(
        (s: { name: string }) => s.name === 'solo',
      ).description;
    const until = async (expected: string) => {
      const deadline = Date.now() + 5000;
      while ((await description()) !== expected && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      expect(await description()).toBe(expected);
    };
    writeFileSync(join(dir, 'solo.tmp'), YAML.stringify({ description: 'v2' }));
    renameSync(join(dir, 'solo.tmp'), file);
    await until('v2');
    writeFileSync(file, YAML.stringify({ description: 'v3' }));
    await until('v3');
  });

  it('reloads an edited file, and keeps the previous version when the edit is invalid', async () => {
    const dir = folder({ live: { description: 'v1' } });
    const logged: string[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => logged.push(line) });
    const emulator = testEmulator({ scenarios: dir, scenario: 'live', watch: true, logger });
    ctx.track(emulator);
    const explain = async () =>
      (await request(emulator.app).get('/__admin/scenarios')).body.scenarios.find(
        (s: { name: string }) => s.name === 'live',
      ).description;
    writeFileSync(
      join(dir, 'live.yaml'),
      YAML.stringify({ description: 'v2', requests: [{ then: { error: { status: 503 } } }] }),
    );
    const deadline = Date.now() + 5000;
    while ((await explain()) !== 'v2' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await explain()).toBe('v2');
    expect((await send(emulator, [textMessage()])).status).toBe(503);

    writeFileSync(join(dir, 'live.yaml'), 'description: [broken');
    await waitFor(() => logged.some((l) => l.includes('scenario edit refused')), 5000, 'the refusal logged');
    expect(JSON.parse(logged.find((l) => l.includes('scenario edit refused')) ?? '{}').reason).toMatch(
      /live\.yaml: not valid YAML or JSON/,
    );
    expect(await explain()).toBe('v2');
    expect((await send(emulator, [textMessage()])).status).toBe(503);

    // Still watching: the next good edit is picked up.
    writeFileSync(join(dir, 'live.yaml'), YAML.stringify({ description: 'v3' }));
    const again = Date.now() + 5000;
    while ((await explain()) !== 'v3' && Date.now() < again) await new Promise((r) => setTimeout(r, 50));
    expect((await send(emulator, [textMessage()])).status).toBe(202);
  });
});
