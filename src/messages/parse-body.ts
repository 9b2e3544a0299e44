import { TextDecoder } from 'node:util';
import { ACCEPTED_BODY_FORMS, errors } from '../errors.js';

/** Deeper than any real request (order_details is ~10 levels); stops pathological input early. */
export const MAX_DEPTH = 64;

/**
 * Turns a raw request body into the JSON document the client meant, in every form real
 * clients send it (reference §1.3, design §6):
 * - JSON, with `Content-Type: application/json` (any charset, any `+json` type) or none at all;
 * - `application/x-www-form-urlencoded` whose raw body is the JSON document (what `curl -d` sends);
 * - form encoding with the whole JSON document as the only key and an empty value
 *   (`querystring.stringify({[json]: ''})`, Exotel's first Node.js example);
 * - form fields `custom_data`, `status_callback` and `whatsapp`, the last a JSON string
 *   (Exotel's second Node.js example).
 */
export function parseRequestBody(raw: Buffer | undefined, contentType: string | undefined): unknown {
  if (!raw || raw.length === 0)
    throw errors.malformedBody(`The request body is empty. ${ACCEPTED_BODY_FORMS}`);
  const { mediaType, charset } = parseContentType(contentType);
  let document: unknown;
  if (mediaType === undefined || mediaType === 'application/json' || mediaType.endsWith('+json')) {
    document = parseJson(decode(raw, charset), 'The body');
  } else if (mediaType === 'application/x-www-form-urlencoded') {
    document = parseForm(decode(raw, charset));
  } else {
    throw errors.unsupportedBodyForm(contentType ?? '');
  }
  assertDepth(document);
  return document;
}

function parseContentType(header: string | undefined): { mediaType?: string; charset?: string } {
  if (!header?.trim()) return {};
  const [type = '', ...params] = header.split(';');
  const charset = params
    .map((p) => /^\s*charset\s*=\s*"?([^";\s]+)"?\s*$/i.exec(p)?.[1])
    .find((c) => c !== undefined);
  return { mediaType: type.trim().toLowerCase(), ...(charset ? { charset } : {}) };
}

function decode(raw: Buffer, charset = 'utf-8'): string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset, { fatal: true });
  } catch {
    throw errors.malformedBody(`Unsupported charset "${charset}"; send UTF-8`);
  }
  try {
    return decoder.decode(raw);
  } catch {
    throw errors.malformedBody(`The body is not valid ${decoder.encoding} text`);
  }
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw errors.malformedBody(`${what} is not valid JSON: ${(error as Error).message}`);
  }
}

const FORM_FIELDS = new Set(['custom_data', 'status_callback', 'whatsapp']);

function parseForm(text: string): unknown {
  const trimmed = text.trimStart();
  // curl -d '<json>' labels raw JSON as a form; no form encoding starts with a brace.
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return parseJson(text, 'The body');

  const form = new URLSearchParams(text);
  const keys = [...new Set(form.keys())];
  const [onlyKey] = keys;
  if (
    keys.length === 1 &&
    onlyKey !== undefined &&
    form.get(onlyKey) === '' &&
    onlyKey.trimStart().startsWith('{')
  ) {
    return parseJson(onlyKey, 'The form key holding the JSON document');
  }
  const unknown = keys.filter((k) => !FORM_FIELDS.has(k));
  if (unknown.length > 0) {
    throw errors.malformedBody(
      `Unexpected form field${unknown.length > 1 ? 's' : ''} ${unknown
        .slice(0, 5)
        .map((k) => `"${k.slice(0, 60)}"`)
        .join(', ')}. ${ACCEPTED_BODY_FORMS}`,
    );
  }
  const document: Record<string, unknown> = {};
  for (const key of keys) {
    const value = form.get(key) ?? '';
    document[key] = key === 'whatsapp' ? parseJson(value, 'The form field "whatsapp"') : value;
  }
  return document;
}

/** Rejects documents nested deeper than MAX_DEPTH, iteratively so no input can blow the stack. */
function assertDepth(document: unknown): void {
  const stack: [unknown, number][] = [[document, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [unknown, number];
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_DEPTH) throw errors.malformedBody(`The body is nested deeper than ${MAX_DEPTH} levels`);
    for (const child of Object.values(value)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
}
