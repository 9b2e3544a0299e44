import { z } from 'zod';

/**
 * Phone numbers as Exotel's pages write them: digits with or without `+` and country code
 * (`+919876543210`, `919876543210`, `09876543210`), 7 to 15 digits as E.164 allows.
 * Exotel's own examples also use placeholders (`9199XXXXXXXX`, `_91XXXXXXXXXX_`); those are
 * accepted too, so an example pasted from the docs works unchanged. Anything else
 * (letters, spaces, dashes) is invalid.
 */
const PHONE = /^\+?\d{7,15}$/;
const DOC_PLACEHOLDER = /^_?\+?\d+[Xx]+\d*_?$/;

export const phoneNumber = z
  .string()
  .refine((s) => PHONE.test(s) || (DOC_PLACEHOLDER.test(s) && s.replace(/[^\dXx]/g, '').length <= 15), {
    message: 'must be a phone number: digits with or without + and country code, e.g. +919876543210',
  });

/** An absolute http(s) URL: media links, CTA URLs. */
export const httpUrl = z.string().refine(isHttpUrl, { message: 'must be an absolute http or https URL' });

export function isHttpUrl(s: string): boolean {
  if (!/^https?:\/\//i.test(s) || !URL.canParse(s)) return false;
  // Node's HTTP client decodes user:password and throws on a bad escape; refuse those up front.
  const { username, password } = new URL(s);
  try {
    decodeURIComponent(username);
    decodeURIComponent(password);
    return true;
  } catch {
    return false;
  }
}

/**
 * `status_callback`: an http(s) URL. Exotel's own bulk example sends a bare host
 * (`www.webhook.site`); Exotel evidently accepts that, so a scheme-less host is taken as https.
 */
export const callbackUrl = z
  .string()
  .transform((s) => (s.includes('://') ? s : `https://${s}`))
  .refine(isHttpUrl, { message: 'must be an http or https URL, e.g. https://example.com/exotel/dlr' });

/** Free text that Exotel echoes back in callbacks (no length limit is documented). */
export const customData = z.string();
