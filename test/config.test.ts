import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseCommandLine, resolveConfig } from '../src/config.js';

const tmp = (name: string, text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'exotel-emulator-')), name);
  writeFileSync(path, text);
  return path;
};

describe('configuration', () => {
  it('has the documented defaults', () => {
    expect(resolveConfig({})).toEqual({
      host: '127.0.0.1',
      port: 4010,
      seed: undefined,
      accounts: [],
      bodyLimit: 1024 * 1024,
      journalCapacity: 10_000,
      journalBytes: 64 * 1024 * 1024,
      failureStatus: 'failure',
      allFailedStatus: 400,
      scenario: 'happy-path',
      scenarios: undefined,
      watch: false,
      timeScale: 1,
      callbackTimeoutMs: 15_000,
      callbackRetries: 'exotel',
      callbackConcurrency: 64,
      callbackQueue: 100_000,
      callbackAllow: ['*'],
      deliveredCode: 30002,
      shutdownGraceMs: 5_000,
      logLevel: 'info',
      logFormat: 'auto',
    });
  });

  it('takes flags over environment over config file over defaults', () => {
    const file = tmp('config.yaml', 'port: 5000\nseed: 1\nbody-limit: 2mb\nhost: 0.0.0.0\n');
    const env = { PORT: '6000', EXOTEL_EMULATOR_SEED: '2' };
    const config = resolveConfig({ port: '7000' }, env, file);
    expect(config).toMatchObject({ port: 7000, seed: 2, bodyLimit: 2 * 1024 * 1024, host: '0.0.0.0' });
    expect(resolveConfig({}, env, file).port).toBe(6000);
    expect(resolveConfig({}, { EXOTEL_EMULATOR_PORT: '6001', PORT: '6000' }).port).toBe(6001);
  });

  it('reads comma-separated accounts from the environment', () => {
    const config = resolveConfig({}, { EXOTEL_EMULATOR_ACCOUNT: 'a:k1:t1, b:k2:t2' });
    expect(config.accounts).toEqual([
      { sid: 'a', api_key: 'k1', api_token: 't1' },
      { sid: 'b', api_key: 'k2', api_token: 't2' },
    ]);
  });

  it('parses durations with units', () => {
    expect(resolveConfig({ 'shutdown-grace': '2s' }).shutdownGraceMs).toBe(2000);
    expect(resolveConfig({ 'callback-timeout': '500ms' }).callbackTimeoutMs).toBe(500);
    expect(resolveConfig({ 'callback-timeout': '1m' }).callbackTimeoutMs).toBe(60_000);
    expect(resolveConfig({ 'callback-timeout': '250' }).callbackTimeoutMs).toBe(250);
  });

  it('parses sizes with units', () => {
    expect(resolveConfig({ 'body-limit': '512kb' }).bodyLimit).toBe(512 * 1024);
    expect(resolveConfig({ 'body-limit': '100' }).bodyLimit).toBe(100);
    expect(resolveConfig({ 'body-limit': 2048 }).bodyLimit).toBe(2048);
  });

  it.each([
    [{ port: 'abc' }, {}, '--port: must be a whole number'],
    [{ port: '70000' }, {}, '--port: must be at most 65535'],
    [{}, { PORT: '-1' }, 'PORT: must be a whole number'],
    [{}, { EXOTEL_EMULATOR_LOG_LEVEL: 'loud' }, 'EXOTEL_EMULATOR_LOG_LEVEL: must be one of'],
    [{ 'body-limit': 'huge' }, {}, '--body-limit: must be a size such as 1048576, 512kb or 1mb'],
    [{ 'failure-status': 'oops' }, {}, '--failure-status: must be one of: "failure", "failed"'],
    [{ account: ['nope'] }, {}, '--account: must be sid:api_key:api_token'],
    [{ account: ['a:k:t', 'b:k:t'] }, {}, 'two accounts use the API key "k"'],
    [{ 'time-scale': '-1' }, {}, '--time-scale: must be a number such as 1, 0.1 or 0'],
    [
      { 'callback-timeout': 'soon' },
      {},
      '--callback-timeout: must be a duration such as 1500, 500ms, 15s or 2m',
    ],
    [
      { 'callback-retries': 'forever' },
      {},
      '--callback-retries: must be one of: "exotel", "whatsapp", "none"',
    ],
    [{ 'callback-allow': ['10.0.0.0/33'] }, {}, '--callback-allow: "10.0.0.0/33" is not a CIDR range'],
    [
      {},
      { EXOTEL_EMULATOR_CALLBACK_ALLOW: 'loopback, bad host!' },
      'EXOTEL_EMULATOR_CALLBACK_ALLOW: "bad host!" is not',
    ],
    [{ 'delivered-code': '200' }, {}, '--delivered-code: must be one of'],
    [
      { accounts: '/nonexistent/accounts.json' },
      {},
      '--accounts /nonexistent/accounts.json: cannot read the file (ENOENT)',
    ],
  ])('refuses %j %j with a message naming the setting', (overrides, env, message) => {
    expect(() => resolveConfig(overrides, env)).toThrow(ConfigError);
    expect(() => resolveConfig(overrides, env)).toThrow(message);
  });

  it('names the file, entry and field of a broken accounts file', () => {
    const file = tmp(
      'accounts.json',
      JSON.stringify([
        { sid: 'ok', api_key: 'k', api_token: 't' },
        { sid: 'bad sid', api_key: 'k2' },
      ]),
    );
    expect(() => resolveConfig({ accounts: file })).toThrow(
      `--accounts ${file}: accounts[1].sid: must be 1-64 letters`,
    );
  });

  it('names the file of an unknown setting or broken YAML in a config file', () => {
    const unknown = tmp('c.yaml', 'prot: 1\n');
    expect(() => resolveConfig({}, {}, unknown)).toThrow(`--config ${unknown}: unknown setting "prot"`);
    const broken = tmp('c.yaml', 'port: [1\n');
    expect(() => resolveConfig({}, {}, broken)).toThrow(`--config ${broken}: not valid JSON or YAML`);
    const badValue = tmp('c.yaml', 'port: high\n');
    expect(() => resolveConfig({}, {}, badValue)).toThrow(`port in ${badValue}: must be a whole number`);
  });

  it('parses the command line, refusing unknown flags', () => {
    expect(
      parseCommandLine(['--port', '1', '--account', 'a:b:c', '--account', 'd:e:f', '--config', 'x.yaml']),
    ).toEqual({
      overrides: { port: '1', account: ['a:b:c', 'd:e:f'] },
      configFile: 'x.yaml',
      help: false,
      version: false,
    });
    expect(() => parseCommandLine(['--prot', '1'])).toThrow(/Unknown option '--prot'.*--help/);
  });

  it('returns a frozen config', () => {
    expect(Object.isFrozen(resolveConfig({}))).toBe(true);
  });
});
