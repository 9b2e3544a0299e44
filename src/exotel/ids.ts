import type { Random } from '../runtime/random.js';

const HEX = '0123456789abcdef';
const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `request_id` as Exotel sends it: 32 lowercase hex characters (a UUID without dashes). */
export function newRequestId(random: Random): string {
  return random.string(32, HEX);
}

/**
 * Message `sid`: Exotel's examples show 31-32 character mixed-case alphanumerics
 * (`2FdiiEQUosckPhpZfuVwfjxiSlc16a4`); we always make 32.
 */
export function newMessageSid(random: Random): string {
  return random.string(32, ALPHANUMERIC);
}
