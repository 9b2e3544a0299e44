import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import YAML from 'yaml';
import { z } from 'zod';
import { type AccountInput, accountSchema } from './accounts/accounts.js';
import { CallbackAllowList } from './callbacks/allow-list.js';
import { describeIssue, fieldPath } from './issues.js';
import { byteSize, duration } from './units.js';

/** A bad setting: the message names the flag or variable and what it accepts. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const integer = (min: number, max: number) =>
  z
    .union([z.number(), z.string().regex(/^\d+$/, { message: 'must be a whole number' }).transform(Number)])
    .pipe(
      z
        .number()
        .int()
        .min(min, { message: `must be at least ${min}` })
        .max(max, { message: `must be at most ${max}` }),
    );

/** `sid:key:token` as given on the command line or in `EXOTEL_EMULATOR_ACCOUNT`. */
const inlineAccount = z.union([
  accountSchema,
  z.string().transform((s, ctx) => {
    const [sid, key, ...token] = s.split(':');
    const parsed = accountSchema.safeParse({ sid, api_key: key, api_token: token.join(':') });
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: 'must be sid:api_key:api_token, e.g. acme:key123:token456' });
      return z.NEVER;
    }
    return parsed.data;
  }),
]);

/** Every setting, once: its flag, environment variable, schema and the line the README shows. */
export const settings = {
  host: {
    env: 'HOST',
    schema: z.string().min(1).default('127.0.0.1'),
    doc: 'Interface to listen on (`0.0.0.0` in Docker).',
  },
  port: {
    env: 'PORT',
    schema: integer(0, 65535).default(4010),
    doc: 'Port to listen on; `0` picks a free one.',
  },
  seed: {
    schema: integer(0, 2 ** 32 - 1).optional(),
    doc: 'Seed for ids and every random choice; the same seed and requests replay the same run. Random (and printed) when unset.',
  },
  accounts: {
    schema: z.string().min(1).optional(),
    doc: 'Path to a JSON or YAML file of accounts (`[{sid, api_key, api_token, status_callback?}]`).',
  },
  account: {
    schema: z.array(inlineAccount).default([]),
    multiple: true,
    doc: 'Add an account as `sid:api_key:api_token` (repeatable; comma-separated in the environment).',
  },
  'body-limit': {
    schema: byteSize.default(1024 * 1024),
    doc: 'Largest request body accepted, e.g. `512kb`, `2mb`; larger bodies get 413.',
  },
  'journal-capacity': {
    schema: integer(1, 1_000_000).default(10_000),
    doc: 'Requests (and, separately, messages) kept in the in-memory journal; the oldest are evicted.',
  },
  'journal-bytes': {
    schema: byteSize.default(64 * 1024 * 1024),
    doc: 'Bytes (estimated from what was sent) each of requests, messages and callbacks may hold in the journal; the oldest are evicted.',
  },
  'failure-status': {
    schema: z.enum(['failure', 'failed']).default('failure'),
    doc: 'The `status` word of a rejected message in the response.',
  },
  'all-failed-status': {
    schema: z.coerce
      .string()
      .pipe(z.enum(['400', '202']))
      .transform(Number)
      .default(400),
    doc: 'HTTP status (and `http_code`) when every message of a request is rejected: `400` or `202`.',
  },
  scenario: {
    schema: z.string().min(1).default('happy-path'),
    doc: 'The default scenario: a name from the scenario folders, or a path to a scenario file.',
  },
  scenarios: {
    schema: z.string().min(1).optional(),
    doc: 'A folder of your own scenario files, loaded after the shipped ones (same name wins).',
  },
  watch: {
    schema: z
      .union([z.boolean(), z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')])
      .default(false),
    boolean: true,
    doc: 'Reload scenario files when they change; an invalid edit keeps the previous version.',
  },
  'time-scale': {
    schema: z
      .union([
        z.number(),
        z
          .string()
          .regex(/^\d+(\.\d+)?$/, { message: 'must be a number such as 1, 0.1 or 0' })
          .transform(Number),
      ])
      .pipe(z.number().min(0, { message: 'must be 0 or more' }))
      .default(1),
    doc: 'Multiplies every DLR delay (timeline steps and retries): `0.1` is ten times faster, `0` immediate, `60` a minute per second.',
  },
  'callback-timeout': {
    schema: duration.default(15_000),
    doc: 'How long a status_callback receiver has to answer a DLR POST (Exotel: 15 s).',
  },
  'callback-retries': {
    schema: z.enum(['exotel', 'whatsapp', 'none']).default('exotel'),
    doc: 'Retries of a DLR that got no 2xx: `exotel` 2 retries after 1 s and 5 s; `whatsapp` 30 s, 2 min, 10 min, 30 min, 1 h; `none`. Time-scaled.',
  },
  'callback-concurrency': {
    schema: integer(1, 10_000).default(64),
    doc: 'DLR POSTs in flight at once.',
  },
  'callback-queue': {
    schema: integer(1, 10_000_000).default(100_000),
    doc: 'Messages whose DLRs (retries included) may wait at once; DLRs of messages past this are journaled as undelivered.',
  },
  'callback-allow': {
    schema: z.array(z.string().min(1)).default(['*']),
    multiple: true,
    doc: 'Where DLRs may go: host names (`*.example.com`), IPs, CIDR ranges, `loopback` or `*` (repeatable; comma-separated in the environment). Others are refused with 400.',
  },
  'delivered-code': {
    schema: z.coerce
      .string()
      .pipe(z.enum(['30002', '25001']))
      .transform(Number)
      .default(30002),
    doc: "`exo_status_code` of a delivered DLR: `30002` (Exotel's code table) or `25001` (Exotel's callback example).",
  },
  'shutdown-grace': {
    schema: duration.default(5_000),
    doc: 'On SIGINT/SIGTERM, how long to keep sending DLRs that fall due; the rest are journaled as undelivered.',
  },
  'log-level': {
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    doc: 'Log level.',
  },
  'log-format': {
    schema: z.enum(['auto', 'json', 'pretty']).default('auto'),
    doc: '`json` lines, `pretty` text, or `auto` (pretty on a terminal, JSON otherwise).',
  },
} as const satisfies Record<
  string,
  { env?: string; schema: z.ZodType; doc: string; multiple?: boolean; boolean?: boolean }
>;

export type SettingName = keyof typeof settings;

const configSchema = z.object(
  Object.fromEntries(Object.entries(settings).map(([name, s]) => [name, s.schema])) as {
    [K in SettingName]: (typeof settings)[K]['schema'];
  },
);

type ParsedSettings = z.output<typeof configSchema>;

/** Each setting's default, for --help and the README. */
export const defaults: ParsedSettings = configSchema.parse({});

export interface Config {
  readonly host: string;
  readonly port: number;
  readonly seed: number | undefined;
  readonly accounts: readonly AccountInput[];
  readonly bodyLimit: number;
  readonly journalCapacity: number;
  readonly journalBytes: number;
  readonly failureStatus: 'failure' | 'failed';
  readonly allFailedStatus: 400 | 202;
  readonly scenario: string;
  readonly scenarios: string | undefined;
  readonly watch: boolean;
  readonly timeScale: number;
  readonly callbackTimeoutMs: number;
  readonly callbackRetries: ParsedSettings['callback-retries'];
  readonly callbackConcurrency: number;
  readonly callbackQueue: number;
  readonly callbackAllow: readonly string[];
  readonly deliveredCode: 30002 | 25001;
  readonly shutdownGraceMs: number;
  readonly logLevel: ParsedSettings['log-level'];
  readonly logFormat: ParsedSettings['log-format'];
}

/** Settings as a program gives them: any subset, by their flag names. */
export type ConfigInput = Partial<Record<SettingName, unknown>>;

export function envName(name: SettingName): string {
  return `EXOTEL_EMULATOR_${name.toUpperCase().replaceAll('-', '_')}`;
}

function sourceOf(name: SettingName, origin: Partial<Record<SettingName, string>>): string {
  return origin[name] ?? `--${name}`;
}

/**
 * Resolves settings: `overrides` (flags, or a program's options) > environment > config file > defaults.
 * Throws ConfigError naming the flag or variable and the allowed values.
 */
export function resolveConfig(
  overrides: ConfigInput,
  env: NodeJS.ProcessEnv = {},
  configFile?: string,
): Config {
  const merged: Record<string, unknown> = {};
  const origin: Partial<Record<SettingName, string>> = {};

  if (configFile) {
    const fromFile = readStructuredFile(configFile, '--config');
    if (!isRecord(fromFile)) throw new ConfigError(`--config ${configFile}: must be an object of settings`);
    for (const [key, value] of Object.entries(fromFile)) {
      if (!(key in settings)) {
        throw new ConfigError(
          `--config ${configFile}: unknown setting "${key}"; known: ${Object.keys(settings).join(', ')}`,
        );
      }
      merged[key] = value;
      origin[key as SettingName] = `${key} in ${configFile}`;
    }
  }
  for (const [name, setting] of Object.entries(settings) as [SettingName, (typeof settings)[SettingName]][]) {
    for (const variable of [envName(name), 'env' in setting ? setting.env : undefined]) {
      const value = variable ? env[variable] : undefined;
      if (value === undefined || value === '') continue;
      merged[name] = 'multiple' in setting ? value.split(',').map((v) => v.trim()) : value;
      origin[name] = variable;
      break;
    }
  }
  for (const [name, value] of Object.entries(overrides)) {
    if (value !== undefined) merged[name] = value;
  }

  const parsed = configSchema.safeParse(merged, { error: describeIssue });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? '') as SettingName;
    throw new ConfigError(`${sourceOf(name, origin)}: ${issue?.message ?? 'invalid'}`);
  }
  const s = parsed.data;
  const accounts = [...(s.accounts ? loadAccountsFile(s.accounts) : []), ...s.account];
  let allowList: CallbackAllowList;
  try {
    allowList = new CallbackAllowList(s['callback-allow']);
  } catch (error) {
    throw new ConfigError(`${sourceOf('callback-allow', origin)}: ${(error as Error).message}`);
  }
  const keys = new Set<string>();
  for (const a of accounts) {
    if (a.status_callback !== undefined && !allowList.allows(a.status_callback)) {
      throw new ConfigError(
        `account ${a.sid}: status_callback ${a.status_callback} is outside --callback-allow`,
      );
    }
    if (keys.has(a.api_key))
      throw new ConfigError(`--accounts/--account: two accounts use the API key "${a.api_key}"`);
    keys.add(a.api_key);
  }
  return Object.freeze({
    host: s.host,
    port: s.port,
    seed: s.seed,
    accounts: Object.freeze(accounts),
    bodyLimit: s['body-limit'],
    journalCapacity: s['journal-capacity'],
    journalBytes: s['journal-bytes'],
    failureStatus: s['failure-status'],
    allFailedStatus: s['all-failed-status'] as 400 | 202,
    scenario: s.scenario,
    scenarios: s.scenarios,
    watch: s.watch,
    timeScale: s['time-scale'],
    callbackTimeoutMs: s['callback-timeout'],
    callbackRetries: s['callback-retries'],
    callbackConcurrency: s['callback-concurrency'],
    callbackQueue: s['callback-queue'],
    callbackAllow: Object.freeze(s['callback-allow']),
    deliveredCode: s['delivered-code'] as 30002 | 25001,
    shutdownGraceMs: s['shutdown-grace'],
    logLevel: s['log-level'],
    logFormat: s['log-format'],
  });
}

/** Parses the command line; `--help`/`--version` are reported, not acted on. */
export function parseCommandLine(argv: string[]): {
  overrides: ConfigInput;
  configFile?: string;
  help: boolean;
  version: boolean;
} {
  const options = Object.fromEntries(
    Object.entries(settings).map(([name, s]) => [
      name,
      { type: 'string' as const, multiple: 'multiple' in s },
    ]),
  );
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        ...options,
        config: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new ConfigError(`${(error as Error).message}. Run with --help to see the options.`);
  }
  const { config, help, version, ...overrides } = values;
  return {
    overrides: overrides as ConfigInput,
    ...(typeof config === 'string' ? { configFile: config } : {}),
    help: help === true,
    version: version === true,
  };
}

/** An accounts file: a list of accounts, or `{accounts: [...]}`. */
export function loadAccountsFile(path: string): AccountInput[] {
  const data = readStructuredFile(path, '--accounts');
  const list = isRecord(data) && 'accounts' in data ? data.accounts : data;
  const parsed = z.array(accountSchema).safeParse(list, { error: describeIssue });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? fieldPath('accounts', issue.path) : 'top level';
    throw new ConfigError(
      `--accounts ${path}: ${where}: ${issue?.message ?? 'invalid'} (expected a list of {sid, api_key, api_token})`,
    );
  }
  return parsed.data;
}

/** Reads a JSON or YAML file (YAML is a superset of JSON). */
function readStructuredFile(path: string, flag: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`${flag} ${path}: cannot read the file (${(error as NodeJS.ErrnoException).code})`);
  }
  try {
    return YAML.parse(text);
  } catch (error) {
    throw new ConfigError(
      `${flag} ${path}: not valid JSON or YAML: ${(error as Error).message.split('\n')[0]}`,
    );
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
