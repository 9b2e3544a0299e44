/**
 * exotel-emulator as a library: run Exotel's WhatsApp API in your own tests.
 *
 * ```ts
 * const exotel = await startEmulator({ port: 0, seed: 42 });
 * // point your client at exotel.url with key "emulator-key", token "emulator-token", sid "emulator"
 * await exotel.stop();
 * ```
 * @packageDocumentation
 */

export type { Account } from './accounts/accounts.js';
export { DEFAULT_ACCOUNT } from './accounts/accounts.js';
export type { EmulatorApp } from './app.js';
export type { DispatchSummary } from './callbacks/dispatcher.js';
export type { DeliveryReport } from './callbacks/report.js';
export type { Timeline, TimelineStep } from './callbacks/timeline.js';
export type { Config, ConfigInput } from './config.js';
export { ConfigError } from './config.js';
export type { Emulator, EmulatorOptions, RunningEmulator } from './emulator.js';
export { createEmulator, startEmulator } from './emulator.js';
export type { Content } from './exotel/schemas/content.js';
export type { Envelope, Message } from './exotel/schemas/request.js';
export { envelopeSchema, messageSchema } from './exotel/schemas/request.js';
export type { ErrorEnvelope, MessageResult, SendEnvelope } from './exotel/schemas/response.js';
export {
  errorEnvelope as errorEnvelopeSchema,
  sendEnvelope as sendEnvelopeSchema,
} from './exotel/schemas/response.js';
export { statusCodes } from './exotel/status-codes.js';
export type {
  CallbackAttempt,
  CallbackRecord,
  Journal,
  MessageRecord,
  RequestRecord,
} from './journal/journal.js';
export type { Clock } from './runtime/clock.js';
export type { ScenarioDefinition } from './scenarios/schema.js';
export { scenarioSchema } from './scenarios/schema.js';
export { VERSION } from './version.js';
