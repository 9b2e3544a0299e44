import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { settings } from '../../src/config.js';
import { errorEnvelopeSchema, sendEnvelopeSchema } from '../../src/index.js';
import { request as sendRequest, textMessage } from '../support/emulator.js';
import { Receiver } from '../support/receiver.js';

const CLI = join(import.meta.dirname, '../../dist/cli.js');
const env = { ...process.env, EXOTEL_EMULATOR_LOG_FORMAT: 'json' };

/** Starts the CLI and resolves with its URL once the banner is out. */
async function start(args: string[]): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [CLI, '--port', '0', ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const deadline = Date.now() + 10_000;
  while (!/listening on (http:\/\/\S+)/.test(output)) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`CLI did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const url = /listening on (http:\/\/\S+)/.exec(output)?.[1] as string;
  return { child, url, output: () => output };
}

const run = (args: string[], extraEnv: Record<string, string> = {}) =>
  spawnSync(process.execPath, [CLI, ...args], {
    env: { ...env, ...extraEnv },
    encoding: 'utf8',
    timeout: 10_000,
  });

describe('exotel-emulator CLI', () => {
  it('serves the API, prints the account and a curl command, and exits 0 on SIGTERM', async () => {
    const { child, url, output } = await start(['--seed', '5']);
    expect(output()).toContain(
      'default account: sid emulator, API key emulator-key, API token emulator-token',
    );
    expect(output()).toContain(`curl -u emulator-key:emulator-token -d '{"whatsapp"`);
    expect(output()).toContain(`${url}/v2/accounts/emulator/messages`);
    expect(output()).toContain('seed: 5');

    const auth = `Basic ${Buffer.from('emulator-key:emulator-token').toString('base64')}`;
    const res = await fetch(`${url}/v2/accounts/emulator/messages`, {
      method: 'POST',
      headers: { Authorization: auth, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: JSON.stringify(sendRequest([textMessage()])),
    });
    expect(res.status).toBe(202);
    sendEnvelopeSchema.parse(await res.json());

    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    const logLines = output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l));
    expect(logLines.find((l) => l.msg === 'request')).toMatchObject({
      status: 202,
      method: 'POST',
      outcome: 'accepted',
    });
    expect(logLines.some((l) => l.msg === 'stopped')).toBe(true);
  });

  it('on SIGTERM sends the DLRs due within --shutdown-grace, logs a summary and exits 0', async () => {
    const receiver = await new Receiver().start();
    const { child, url, output } = await start(['--shutdown-grace', '250ms', '--callback-allow', 'loopback']);
    const res = await fetch(`${url}/v2/accounts/emulator/messages`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from('emulator-key:emulator-token').toString('base64')}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(sendRequest([textMessage()], { status_callback: receiver.url })),
    });
    expect(res.status).toBe(202);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(receiver.reports.map((r) => r.exo_detailed_status)).toEqual(['EX_MESSAGE_SENT']);
    const stopped = output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l))
      .find((l) => l.msg === 'stopped');
    expect(stopped?.dlrs).toEqual({ delivered: 1, failed: 0, undelivered: 2 });
    await receiver.stop();
  });

  it('shows the default account in the banner when more accounts are added', async () => {
    const { child, output } = await start(['--account', 'acme:acme-key:acme-token']);
    expect(output()).toContain('accounts: emulator, acme');
    expect(output()).toContain(
      'default account: sid emulator, API key emulator-key, API token emulator-token',
    );
    child.kill('SIGTERM');
    await once(child, 'exit');
  });

  it('replays the same ids for the same seed across restarts', async () => {
    const ids = async () => {
      const { child, url } = await start(['--seed', '77']);
      const res = await fetch(`${url}/v2/accounts/emulator/messages`, {
        method: 'POST',
        headers: {
          Authorization: `Basic ${Buffer.from('emulator-key:emulator-token').toString('base64')}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(sendRequest([textMessage()])),
      });
      expect(res.status).toBe(202);
      child.kill('SIGINT');
      await once(child, 'exit');
      return res.json();
    };
    expect(await ids()).toEqual(await ids());
  });

  it('answers unknown paths with an Exotel-shaped 404', async () => {
    const { child, url } = await start([]);
    const res = await fetch(`${url}/v1/Accounts/emulator/Sms/send.json`, { method: 'POST' });
    expect(res.status).toBe(404);
    errorEnvelopeSchema.parse(await res.json());
    child.kill('SIGTERM');
    await once(child, 'exit');
  });

  it.each([
    [['--port', 'x'], {}, '--port: must be a whole number'],
    [[], { EXOTEL_EMULATOR_BODY_LIMIT: 'lots' }, 'EXOTEL_EMULATOR_BODY_LIMIT: must be a size'],
    [['--bogus'], {}, "Unknown option '--bogus'"],
    [['--accounts', '/nonexistent.yaml'], {}, '--accounts /nonexistent.yaml: cannot read the file'],
  ])('refuses %j %j at startup with exit code 2 and a clear message', (args, extraEnv, message) => {
    const result = run(args, extraEnv);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`exotel-emulator: ${message}`);
    expect(result.stderr).not.toContain('    at ');
  });

  it('says so when the port is taken', async () => {
    const { child, url } = await start([]);
    const result = run(['--port', new URL(url).port]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/cannot listen on 127\.0\.0\.1:\d+ \(EADDRINUSE\)/);
    child.kill('SIGTERM');
    await once(child, 'exit');
  });

  it('documents every setting in --help', () => {
    const result = run(['--help']);
    expect(result.status).toBe(0);
    for (const name of Object.keys(settings)) expect(result.stdout).toContain(`--${name}`);
  });

  it('prints its version', () => {
    expect(run(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
