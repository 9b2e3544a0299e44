#!/usr/bin/env node

import { DEFAULT_ACCOUNT } from './accounts/accounts.js';
import {
  ConfigError,
  defaults,
  envName,
  parseCommandLine,
  resolveConfig,
  type SettingName,
  settings,
} from './config.js';
import { assemble, listen, type RunningEmulator } from './emulator.js';
import { VERSION } from './version.js';

function usage(): string {
  const lines = Object.entries(settings).map(([name, s]) => {
    const env = [envName(name as SettingName), 'env' in s ? s.env : undefined].filter(Boolean).join(', ');
    const value = defaults[name as SettingName];
    const shown =
      value === undefined || (Array.isArray(value) && value.length === 0) ? '' : `; default ${value}`;
    return `  --${name.padEnd(18)} ${s.doc}\n  ${''.padEnd(20)} env: ${env}${shown}`;
  });
  return [
    `exotel-emulator ${VERSION}: a local stand-in for Exotel's WhatsApp API`,
    '',
    'Usage: exotel-emulator [options]',
    '',
    ...lines,
    `  --config <file>      JSON or YAML file of the settings above, by flag name (env: EXOTEL_EMULATOR_CONFIG)`,
    '  -h, --help           Show this help',
    '  -v, --version        Show the version',
    '',
    'Precedence: flags > environment > config file > defaults.',
  ].join('\n');
}

function banner(emulator: RunningEmulator): string {
  // The default account, or the user's account that replaced it (same sid or key).
  const {
    sid,
    api_key: key,
    api_token: token,
  } = emulator.config.accounts.find(
    (a) => a.sid === DEFAULT_ACCOUNT.sid || a.api_key === DEFAULT_ACCOUNT.api_key,
  ) ?? DEFAULT_ACCOUNT;
  const body = JSON.stringify({
    whatsapp: {
      messages: [
        {
          from: '+918047109880',
          to: '+919876543210',
          content: { type: 'text', text: { body: 'Hello from exotel-emulator' } },
        },
      ],
    },
  });
  return [
    `exotel-emulator ${VERSION} listening on ${emulator.url}`,
    `  accounts: ${emulator.accounts.map((a) => a.sid).join(', ')}`,
    `  default account: sid ${sid}, API key ${key}, API token ${token}`,
    `  seed: ${emulator.seed} (replay this run with --seed ${emulator.seed})`,
    '  try:',
    `    curl -u ${key}:${token} -d '${body}' ${emulator.url}/v2/accounts/${sid}/messages`,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const { overrides, configFile, help, version } = parseCommandLine(process.argv.slice(2));
  if (help) return void process.stdout.write(`${usage()}\n`);
  if (version) return void process.stdout.write(`${VERSION}\n`);

  const config = resolveConfig(overrides, process.env, configFile ?? process.env.EXOTEL_EMULATOR_CONFIG);
  let emulator: RunningEmulator;
  try {
    emulator = await listen(assemble(config));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      throw new ConfigError(
        `cannot listen on ${config.host}:${config.port} (${code}); try another --port or --host`,
      );
    }
    throw error;
  }
  process.stdout.write(banner(emulator));

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1); // a second signal: stop now
    stopping = true;
    emulator.logger.info({ signal }, 'shutting down');
    emulator.stop().then(
      (dlrs) => {
        emulator.logger.info({ requests: emulator.journal.requests().length, dlrs }, 'stopped');
        emulator.logger.flush();
        process.exit(0);
      },
      (error: unknown) => {
        emulator.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`exotel-emulator: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`exotel-emulator: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
