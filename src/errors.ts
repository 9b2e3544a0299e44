import { clip } from './issues.js';

/**
 * Request-level errors, declared once. Each renders as Exotel's v2 error envelope
 * (`request_id`, `method`, `http_code`, `response.error_data{code,message,description}`) so
 * a client exercises its real error handling against the emulator.
 *
 * Exotel documents the HTTP statuses but not these bodies or most codes: 1001 is the one code
 * seen from the real API (a flat body); 1010 (401) and 1100 (500) follow Exotel's v2 habit;
 * the rest are the emulator's own, listed in the README.
 */
export class EmulatorError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly description: string,
    readonly headers: Readonly<Record<string, string>> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'EmulatorError';
  }
}

export const ACCEPTED_BODY_FORMS =
  'Send the request as JSON (Content-Type: application/json, or no Content-Type), or as ' +
  'application/x-www-form-urlencoded carrying the JSON document itself (curl -d), the JSON document as ' +
  'the only form key, or form fields custom_data, status_callback and whatsapp (a JSON string).';

export type ScenarioErrorStatus = 400 | 401 | 402 | 403 | 429 | 500 | 502 | 503;

/** The errors a scenario can answer with, in Exotel's words (reference §3.3, §6). */
const SCENARIO_ERRORS: Record<
  ScenarioErrorStatus,
  { code: number; message: string; description: string; retryAfter?: number }
> = {
  400: { code: 1000, message: 'Bad Request', description: 'The request was malformed' },
  401: {
    code: 1010,
    message: 'Authentication failed',
    description: 'The API key and token do not match any account',
  },
  402: {
    code: 1050,
    message: 'Payment Required',
    description: 'Insufficient balance: this action is not on your plan, or the plan usage limit is exceeded',
  },
  403: { code: 1011, message: 'Forbidden', description: 'Account is not active' },
  429: {
    code: 1040,
    message: 'Too Many Requests',
    description: 'You are calling more often than your plan allows; back off and retry',
    retryAfter: 60,
  },
  500: { code: 1100, message: 'Internal Server Error', description: 'The request failed; retry later' },
  502: { code: 1101, message: 'Bad Gateway', description: 'An upstream service failed; retry later' },
  503: {
    code: 1102,
    message: 'Service Unavailable',
    description: 'The service is temporarily unavailable; retry later',
    retryAfter: 30,
  },
};

export const errors = {
  malformedBody: (why: string, cause?: unknown) =>
    new EmulatorError(400, 1000, 'Malformed request body', why, {}, { cause }),
  unsupportedBodyForm: (contentType: string) =>
    new EmulatorError(
      400,
      1000,
      'Unsupported request body',
      `Content-Type ${contentType} is not accepted${
        /^text\/plain/i.test(contentType)
          ? ' (fetch sends it for a string body: set Content-Type: application/json)'
          : ''
      }. ${ACCEPTED_BODY_FORMS}`,
    ),
  malformedRequest: (why: string) => new EmulatorError(400, 1000, 'Malformed request', why),
  unsupportedEncoding: (encoding: string) =>
    new EmulatorError(
      400,
      1000,
      'Unsupported request body',
      `Content-Encoding ${encoding} is not accepted; send the body uncompressed`,
    ),
  channelMissing: () =>
    new EmulatorError(
      400,
      1001,
      'at least one channel is mandatory',
      'The body must carry a "whatsapp" object with a "messages" array: ' +
        '{"whatsapp":{"messages":[{"from":"...","to":"...","content":{...}}]}}',
    ),
  invalidField: (path: string, why: string) =>
    new EmulatorError(400, 1002, `Invalid value for ${path}`, `${path} ${why}`),
  callbackNotAllowed: (path: string, url: string) =>
    new EmulatorError(
      400,
      1002,
      `Invalid value for ${path}`,
      `${path} ${clip(url)} is not a host DLRs may be sent to (--callback-allow)`,
    ),
  messageCount: (count: number) =>
    new EmulatorError(
      400,
      1003,
      count === 0 ? 'No messages to send' : 'Too many messages in a single request',
      `whatsapp.messages must hold 1 to 100 messages; this request has ${count}`,
    ),
  authenticationRequired: () =>
    new EmulatorError(
      401,
      1010,
      'Authentication required',
      'Send HTTP Basic credentials: your API key as the user name and your API token as the password',
      { 'WWW-Authenticate': 'Basic realm="Exotel API"' },
    ),
  authenticationFailed: () =>
    new EmulatorError(401, 1010, 'Authentication failed', 'The API key and token do not match any account', {
      'WWW-Authenticate': 'Basic realm="Exotel API"',
    }),
  forbidden: (sid: string) =>
    new EmulatorError(
      403,
      1011,
      'Forbidden',
      `These credentials are valid but have no access to account ${sid}`,
    ),
  notFound: (method: string, path: string) =>
    new EmulatorError(
      404,
      1020,
      'Not Found',
      `No resource at ${method} ${path}. The WhatsApp send API is POST /v2/accounts/<sid>/messages`,
    ),
  methodNotAllowed: (method: string, allow: string) =>
    new EmulatorError(405, 1021, 'Method Not Allowed', `${method} is not supported here; use ${allow}`, {
      Allow: allow,
    }),
  payloadTooLarge: (limit: number) =>
    new EmulatorError(413, 1030, 'Payload Too Large', `The request body exceeds the limit of ${limit} bytes`),
  headersTooLarge: () =>
    new EmulatorError(431, 1031, 'Request Header Fields Too Large', 'The request headers are too large'),
  requestTimeout: () => new EmulatorError(408, 1032, 'Request Timeout', 'The request did not arrive in time'),
  unknownScenario: (name: string, available: readonly string[]) =>
    new EmulatorError(
      400,
      1060,
      'Unknown scenario',
      `No scenario "${clip(name)}"; available: ${available.join(', ')}`,
    ),
  invalidScenario: (why: string) => new EmulatorError(400, 1061, 'Invalid scenario', why),
  /** An error a scenario answers with; unset fields take Exotel's defaults for the status. */
  scenario: (
    status: ScenarioErrorStatus,
    overrides: { code?: number; message?: string; description?: string; retryAfter?: number } = {},
  ) => {
    const base = SCENARIO_ERRORS[status];
    const retryAfter = overrides.retryAfter ?? base.retryAfter;
    const headers: Record<string, string> = {};
    // Exotel documents no Retry-After; we send one, which well-behaved clients use (design §6).
    if (retryAfter !== undefined) headers['Retry-After'] = String(retryAfter);
    if (status === 401) headers['WWW-Authenticate'] = 'Basic realm="Exotel API"';
    return new EmulatorError(
      status,
      overrides.code ?? base.code,
      overrides.message ?? base.message,
      overrides.description ?? base.description,
      headers,
    );
  },
  rateLimited: (retryAfterSeconds: number) =>
    errors.scenario(429, {
      description: 'More requests a minute than the plan allows (scenario rate_limit); back off and retry',
      retryAfter: retryAfterSeconds,
    }),
  internal: (cause: unknown) =>
    new EmulatorError(
      500,
      1100,
      'Internal Server Error',
      'The emulator failed to handle this request',
      {},
      { cause },
    ),
} as const;
