import type { EmulatorError } from '../errors.js';
import type { ErrorEnvelope, MessageResult, SendEnvelope } from './schemas/response.js';

/** The 202 (or all-failed 400) envelope; key order as in Exotel's examples. */
export function sendEnvelope(
  requestId: string,
  httpCode: 202 | 400,
  messages: MessageResult[],
): SendEnvelope {
  let success = 0;
  for (const m of messages) if (m.status === 'success') success++;
  return {
    request_id: requestId,
    method: 'POST',
    http_code: httpCode,
    metadata: { failed: messages.length - success, total: messages.length, success },
    response: { whatsapp: { messages } },
  };
}

export function errorEnvelope(requestId: string, method: string, error: EmulatorError): ErrorEnvelope {
  return {
    request_id: requestId,
    method,
    http_code: error.status,
    response: { error_data: { code: error.code, message: error.message, description: error.description } },
  };
}
