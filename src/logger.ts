import { type Logger, pino } from 'pino';
import pretty from 'pino-pretty';
import type { Config } from './config.js';

export type { Logger };

export function createLogger(config: Pick<Config, 'logLevel' | 'logFormat'>): Logger {
  const usePretty = config.logFormat === 'pretty' || (config.logFormat === 'auto' && process.stdout.isTTY);
  const options = { level: config.logLevel, base: { name: 'exotel-emulator' } };
  // A synchronous pretty stream: no worker thread, nothing lost on exit.
  return usePretty
    ? pino(options, pretty({ sync: true, singleLine: true, ignore: 'pid,hostname,name' }))
    : pino(options);
}
