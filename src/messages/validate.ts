import type { z } from 'zod';
import type { CallbackAllowList } from '../callbacks/allow-list.js';
import { errors } from '../errors.js';
import {
  type Envelope,
  envelopeSchema,
  MAX_MESSAGES,
  type Message,
  messageSchema,
} from '../exotel/schemas/request.js';
import { type StatusCode, statusCodes } from '../exotel/status-codes.js';
import { clip, describeIssue, fieldPath, sentence } from '../issues.js';

type Issue = z.core.$ZodIssue;

/** Which Exotel status code (reference §4.3) a validation problem maps to. */
function statusCodeFor(issue: Issue, missing: boolean): StatusCode {
  const keys = issue.path.filter((k): k is string => typeof k === 'string');
  const dotted = keys.join('.');
  const last = keys.at(-1);
  if (keys[0] === 'to') return missing ? 30020 : 30012;
  if (missing) return 30020;
  if (keys[0] === 'from') return 30005;
  if (
    issue.code === 'invalid_union' &&
    (dotted === 'content.type' || dotted === 'content.interactive.type')
  ) {
    return 30015;
  }
  if (dotted === 'content.text.body' && issue.code === 'too_big') return 30029;
  // Section, row and product counts, including the totals checked across sections.
  if (keys.includes('product_items') || (last === 'sections' && /\bproducts\b/.test(issue.message)))
    return 30033;
  if (keys.includes('rows') || (last === 'sections' && /\brows\b/.test(issue.message))) return 30032;
  if (last === 'sections') return 30031;
  if (keys.includes('components')) return 30023;
  if (dotted.startsWith('content.interactive.header')) return 30039;
  if (issue.code === 'invalid_type') return 30019;
  return 30021;
}

export interface MessageError {
  code: StatusCode;
  /** One sentence naming the field, e.g. `whatsapp.messages[1].content.template.name is required`. */
  message: string;
  /** The catalogue name and meaning, and any further problems found in the same message. */
  description: string;
}

export type MessageValidation = { ok: true; message: Message } | { ok: false; error: MessageError };

export function validateMessage(
  input: unknown,
  index: number,
  callbackAllow?: CallbackAllowList,
): MessageValidation {
  const result = messageSchema.safeParse(input, { error: describeIssue });
  const prefix = `whatsapp.messages[${index}]`;
  if (result.success) {
    const url = result.data.status_callback;
    if (url === undefined || !callbackAllow || callbackAllow.allows(url))
      return { ok: true, message: result.data };
    const code = 30021;
    return {
      ok: false,
      error: {
        code,
        message: `${prefix}.status_callback ${clip(url)} is not a host DLRs may be sent to (--callback-allow)`,
        description: `${statusCodes[code].status}: ${statusCodes[code].description}`,
      },
    };
  }
  const [first, ...rest] = result.error.issues as [Issue, ...Issue[]];
  const missing = first.message === 'is required';
  const code = statusCodeFor(first, missing);
  const more = rest.slice(0, 4).map((i) => sentence(fieldPath(prefix, i.path), i.message));
  if (rest.length > 4) more.push(`and ${rest.length - 4} more`);
  return {
    ok: false,
    error: {
      code,
      message: sentence(fieldPath(prefix, first.path), first.message),
      description: `${statusCodes[code].status}: ${statusCodes[code].description}${more.length ? `. Also: ${more.join('; ')}` : ''}`,
    },
  };
}

/** The request around the messages; anything wrong here rejects the whole request. */
export function validateEnvelope(body: unknown): Envelope {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw errors.malformedBody('The body must be a JSON object: {"whatsapp":{"messages":[...]}}');
  }
  if (!('whatsapp' in body) || body.whatsapp === undefined || body.whatsapp === null)
    throw errors.channelMissing();
  const messages = (body.whatsapp as { messages?: unknown }).messages;
  if (Array.isArray(messages) && (messages.length === 0 || messages.length > MAX_MESSAGES)) {
    throw errors.messageCount(messages.length);
  }
  const result = envelopeSchema.safeParse(body, { error: describeIssue });
  if (!result.success) {
    const [issue] = result.error.issues as [Issue];
    throw errors.invalidField(fieldPath('', issue.path), issue.message);
  }
  return result.data;
}
