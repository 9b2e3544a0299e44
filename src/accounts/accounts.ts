import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { callbackUrl } from '../exotel/schemas/common.js';

/** An Exotel account as the emulator knows it: a sid and the API key:token pair for Basic auth. */
export const accountSchema = z.object({
  sid: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be 1-64 letters, digits, _ or -' }),
  api_key: z
    .string()
    .min(1)
    .refine((s) => !s.includes(':'), { message: 'must not contain ":"' }),
  api_token: z.string().min(1),
  /** Where DLRs go for messages whose request names no status_callback (Exotel sets this at onboarding). */
  status_callback: callbackUrl.optional(),
  /** The scenario for this account's requests (unless a request names one in X-Emulator-Scenario). */
  scenario: z.string().min(1).optional(),
});

export type AccountInput = z.infer<typeof accountSchema>;

export interface Account {
  readonly sid: string;
  readonly apiKey: string;
  readonly statusCallback?: string;
  readonly scenario?: string;
}

export const DEFAULT_ACCOUNT: AccountInput = {
  sid: 'emulator',
  api_key: 'emulator-key',
  api_token: 'emulator-token',
};

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();
// Compared against when the key is unknown, so a miss costs the same as a wrong token.
const NO_TOKEN = digest('');

interface Entry {
  account: Account;
  tokenDigest: Buffer;
}

/** The accounts the emulator answers for, looked up by API key and checked timing-safe. */
export class AccountRegistry {
  readonly #byKey = new Map<string, Entry>();
  readonly #bySid = new Map<string, Account>();

  constructor(accounts: readonly AccountInput[]) {
    for (const a of accounts) {
      if (this.#byKey.has(a.api_key)) throw new Error(`two accounts use the API key "${a.api_key}"`);
      this.#byKey.set(a.api_key, {
        account: {
          sid: a.sid,
          apiKey: a.api_key,
          ...(a.status_callback !== undefined ? { statusCallback: a.status_callback } : {}),
          ...(a.scenario !== undefined ? { scenario: a.scenario } : {}),
        },
        tokenDigest: digest(a.api_token),
      });
    }
    for (const { account } of [...this.#byKey.values()].reverse()) this.#bySid.set(account.sid, account);
  }

  /** The (first) account with this sid, credentials unchecked: for per-account settings. */
  bySid(sid: string): Account | undefined {
    return this.#bySid.get(sid);
  }

  /** The account whose key and token these are, or undefined. */
  authenticate(apiKey: string, apiToken: string): Account | undefined {
    const entry = this.#byKey.get(apiKey);
    const match = timingSafeEqual(digest(apiToken), entry?.tokenDigest ?? NO_TOKEN);
    return entry && match ? entry.account : undefined;
  }

  list(): Account[] {
    return [...this.#byKey.values()].map((e) => e.account);
  }
}

/** Credentials from an `Authorization: Basic` header, or undefined if there are none. */
export function basicCredentials(
  header: string | undefined,
): { apiKey: string; apiToken: string } | undefined {
  if (!header) return undefined;
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { apiKey: decoded.slice(0, colon), apiToken: decoded.slice(colon + 1) };
}
