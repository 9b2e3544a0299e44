import { stringify } from 'node:querystring';
import {
  createEmulator,
  type EmulatorOptions,
  errorEnvelopeSchema,
  sendEnvelopeSchema,
} from '../../src/index.js';

export const KEY = 'emulator-key';
export const TOKEN = 'emulator-token';
export const MESSAGES = '/v2/accounts/emulator/messages';
/** Where tests point status_callback: loopback, a port nothing listens on. */
export const LOOPBACK_CALLBACK = 'http://127.0.0.1:9/exotel/dlr';

/** An emulator for supertest: seeded, silent, not listening, DLRs to loopback only. */
export function testEmulator(options: EmulatorOptions = {}) {
  return createEmulator({ seed: 1, 'callback-allow': ['loopback'], ...options });
}

/** A copy of `body` with every status_callback pointed at loopback. */
export function withLoopbackCallback<T>(body: T): T {
  return JSON.parse(JSON.stringify(body), (key, value) =>
    key === 'status_callback' ? LOOPBACK_CALLBACK : value,
  ) as T;
}

export function textMessage(overrides: Record<string, unknown> = {}) {
  return {
    from: '+918047109880',
    to: '+919876543210',
    content: { type: 'text', text: { body: 'Your order has shipped' } },
    ...overrides,
  };
}

export function request(messages: unknown[], outer: Record<string, unknown> = {}) {
  return { ...outer, whatsapp: { messages } };
}

/**
 * Every body form real clients send (reference §1.3), as [content type, raw body].
 * `formFields` needs a body whose only keys are custom_data, status_callback and whatsapp.
 */
export const bodyForms = {
  json: (body: object) => ['application/json', JSON.stringify(body)],
  'json with charset': (body: object) => ['application/json; charset=UTF-8', JSON.stringify(body)],
  'json without content type': (body: object) => [undefined, JSON.stringify(body)],
  'curl -d (JSON labelled as a form)': (body: object) => [
    'application/x-www-form-urlencoded',
    JSON.stringify(body, null, 2),
  ],
  'JSON as the only form key': (body: object) => [
    'application/x-www-form-urlencoded',
    stringify({ [JSON.stringify(body, null, 1)]: '' }),
  ],
  'form fields with whatsapp as a JSON string': (body: object) => {
    const { whatsapp, ...rest } = body as { whatsapp: unknown };
    return ['application/x-www-form-urlencoded', stringify({ ...rest, whatsapp: JSON.stringify(whatsapp) })];
  },
} satisfies Record<string, (body: object) => [string | undefined, string]>;

export function expectSendEnvelope(body: unknown) {
  return sendEnvelopeSchema.parse(body);
}

export function expectErrorEnvelope(body: unknown) {
  return errorEnvelopeSchema.parse(body);
}
