import type { Response } from 'express';
import type { Account } from '../accounts/accounts.js';
import type { RequestRecord } from '../journal/journal.js';

/** What the layers of one request tell the journal and the log line written when it ends. */
export interface RequestState {
  requestId: string;
  startedAt: bigint;
  account?: Account;
  outcome?: RequestRecord['outcome'];
  reason?: string;
  rejected?: RequestRecord['rejected'];
}

export function state(res: Response): RequestState {
  return res.locals as RequestState;
}
