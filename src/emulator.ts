import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Account, AccountRegistry, DEFAULT_ACCOUNT } from './accounts/accounts.js';
import { createApp, type EmulatorApp } from './app.js';
import { CallbackAllowList } from './callbacks/allow-list.js';
import { CallbackDispatcher, type DispatchSummary } from './callbacks/dispatcher.js';
import { type Config, ConfigError, type ConfigInput, resolveConfig } from './config.js';
import { CONTINUE_PENDING } from './http/read-body.js';
import { Journal } from './journal/journal.js';
import { createLogger, type Logger } from './logger.js';
import { type Clock, systemClock } from './runtime/clock.js';
import { createRandom, freshSeed, type Random } from './runtime/random.js';
import { ScenarioCatalogue, ScenarioError, SHIPPED_SCENARIOS } from './scenarios/catalogue.js';
import { VERSION } from './version.js';

/** Retry delays before time-scaling: Exotel's webhook page (2 retries) or its WhatsApp page's schedule. */
const RETRY_DELAYS_MS = {
  exotel: [1_000, 5_000],
  whatsapp: [30_000, 120_000, 600_000, 1_800_000, 3_600_000],
  none: [],
} as const;

/**
 * Options for an emulator in your own process: any setting of the CLI by its flag name
 * (`port`, `seed`, `body-limit`, `failure-status`, ...), plus injected parts for tests.
 * Unlike the CLI, an in-process emulator logs nothing unless you set `log-level`.
 */
export interface EmulatorOptions extends ConfigInput {
  /** Wall clock for journal timestamps (and, later, DLR timelines). */
  clock?: Clock;
  /** Your own pino logger. */
  logger?: Logger;
}

/** An emulator that is not listening: mount `app` in supertest or your own server. */
export interface Emulator {
  /** A Node request listener (also usable as Express middleware): give it to supertest or http.createServer. */
  readonly app: EmulatorApp;
  readonly config: Config;
  readonly journal: Journal;
  /** The accounts it answers for, the default one (`emulator`) first. */
  readonly accounts: readonly Account[];
  /** The seed in use; pass it as `seed` to replay this run. */
  readonly seed: number;
  readonly logger: Logger;
  /**
   * Stops sending DLRs: those due within `graceMs` (default `shutdown-grace`) are still sent, the
   * rest journaled as undelivered. Resolves with the totals.
   */
  stop(graceMs?: number): Promise<DispatchSummary>;
}

export interface RunningEmulator extends Emulator {
  /** `http://127.0.0.1:4010`: use it as your Exotel base URL. */
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  /** Stops listening (finishing requests under way), then stops sending DLRs as Emulator.stop does. */
  stop(graceMs?: number): Promise<DispatchSummary>;
}

/** Builds an emulator without listening. */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const { clock = systemClock, logger: givenLogger, ...settings } = options;
  const config = resolveConfig({ 'log-level': 'silent', ...settings });
  return assemble(config, clock, givenLogger);
}

/** Builds the emulator from a resolved config (the CLI's path). */
export function assemble(config: Config, clock: Clock = systemClock, givenLogger?: Logger): Emulator {
  const logger = givenLogger ?? createLogger(config);
  const seed = config.seed ?? freshSeed();
  const random = createRandom(seed);
  // An account of the user's with the default sid or key replaces the default account.
  const replacesDefault = config.accounts.some(
    (a) => a.sid === DEFAULT_ACCOUNT.sid || a.api_key === DEFAULT_ACCOUNT.api_key,
  );
  const accounts = new AccountRegistry(
    replacesDefault ? config.accounts : [DEFAULT_ACCOUNT, ...config.accounts],
  );
  const journal = new Journal({ capacity: config.journalCapacity, maxBytes: config.journalBytes });
  const callbacks = new CallbackDispatcher(
    {
      timeScale: config.timeScale,
      timeoutMs: config.callbackTimeoutMs,
      retryDelaysMs: RETRY_DELAYS_MS[config.callbackRetries],
      concurrency: config.callbackConcurrency,
      capacity: config.callbackQueue,
      deliveredCode: config.deliveredCode,
      userAgent: `exotel-emulator/${VERSION}`,
    },
    { journal, clock, logger },
  );
  const callbackAllow = new CallbackAllowList(config.callbackAllow);
  const scenarios = loadScenarios(config, accounts, random, clock, logger);
  const app = createApp({
    config,
    accounts,
    journal,
    random,
    clock,
    logger,
    callbacks,
    callbackAllow,
    scenarios,
  });
  return {
    app,
    config,
    journal,
    accounts: accounts.list(),
    seed,
    logger,
    stop: (graceMs = config.shutdownGraceMs) => {
      scenarios.close();
      return callbacks.stop(graceMs);
    },
  };
}

/** The shipped scenarios plus the user's folder; a missing or broken default stops startup. */
function loadScenarios(
  config: Config,
  accounts: AccountRegistry,
  random: Random,
  clock: Clock,
  logger: Logger,
): ScenarioCatalogue {
  let catalogue: ScenarioCatalogue;
  try {
    catalogue = new ScenarioCatalogue({
      dirs: [SHIPPED_SCENARIOS, ...(config.scenarios ? [config.scenarios] : [])],
      defaultScenario: config.scenario,
      random,
      clock,
      logger,
    });
  } catch (error) {
    if (error instanceof ScenarioError) throw new ConfigError(error.message);
    throw error;
  }
  for (const account of accounts.list()) {
    if (account.scenario !== undefined && !catalogue.get(account.scenario)) {
      throw new ConfigError(
        `account ${account.sid}: no scenario "${account.scenario}"; available: ${catalogue.names().join(', ')}`,
      );
    }
  }
  if (config.watch) catalogue.watch();
  return catalogue;
}

/** Builds the emulator and listens on `host`:`port` (default 127.0.0.1:4010; `port: 0` picks one). */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return listen(createEmulator(options));
}

export async function listen(emulator: Emulator): Promise<RunningEmulator> {
  const { host, port } = emulator.config;
  const server = createServer(emulator.app);
  server.on('clientError', emulator.app.clientError);
  // Node answers `Expect: 100-continue` before any check; this way a request without valid
  // credentials gets its 401 without ever being asked for its body.
  server.on('checkContinue', (req, res) => {
    (res as ServerResponse & { [CONTINUE_PENDING]?: boolean })[CONTINUE_PENDING] = true;
    emulator.app(req, res);
  });
  server.listen(port, host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    ...emulator,
    server,
    port: address.port,
    url: `http://${urlHost}:${address.port}`,
    stop: async (graceMs = emulator.config.shutdownGraceMs) => {
      // Requests under way get the grace period to finish; then their connections are cut.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const cut = setTimeout(() => server.closeAllConnections(), graceMs);
      const [summary] = await Promise.all([emulator.stop(graceMs), closed]);
      clearTimeout(cut);
      return summary;
    },
  };
}
