import type { Account } from '../accounts/accounts.js';
import type { CallbackAllowList } from '../callbacks/allow-list.js';
import type { CallbackDispatcher } from '../callbacks/dispatcher.js';
import type { Config } from '../config.js';
import { errors } from '../errors.js';
import { sendEnvelope } from '../exotel/envelope.js';
import { newMessageSid } from '../exotel/ids.js';
import type { MessageResult, SendEnvelope } from '../exotel/schemas/response.js';
import { statusCodes } from '../exotel/status-codes.js';
import type { Journal, MessageRecord, RequestRecord } from '../journal/journal.js';
import type { Clock } from '../runtime/clock.js';
import type { Random } from '../runtime/random.js';
import type { Scenario } from '../scenarios/scenario.js';
import { validateEnvelope, validateMessage } from './validate.js';

export interface SendDeps {
  config: Pick<Config, 'failureStatus' | 'allFailedStatus'>;
  journal: Journal;
  random: Random;
  clock: Clock;
  callbacks: CallbackDispatcher;
  callbackAllow: CallbackAllowList;
}

export interface SendOutcome {
  status: 202 | 400;
  envelope: SendEnvelope;
  accepted: MessageRecord[];
  rejected: NonNullable<RequestRecord['rejected']>;
}

/**
 * `POST /v2/accounts/:sid/messages` after authentication and body parsing: validates each
 * message on its own, gives accepted ones a sid, journals them and builds Exotel's envelope.
 * Throws EmulatorError when the request as a whole is malformed.
 */
export function sendMessages(
  deps: SendDeps,
  account: Account,
  requestId: string,
  body: unknown,
  /** What becomes of each valid message. */
  scenario: Scenario,
  /** The body's size: the journal charges each accepted message its share. */
  bodyBytes = 0,
): SendOutcome {
  const envelope = validateEnvelope(body);
  const { whatsapp } = envelope;
  for (const [path, url] of [
    ['status_callback', envelope.status_callback],
    ['whatsapp.status_callback', whatsapp.status_callback],
  ] as const) {
    if (url !== undefined && !deps.callbackAllow.allows(url)) throw errors.callbackNotAllowed(path, url);
  }
  const at = deps.clock.now();
  const results: MessageResult[] = [];
  const accepted: MessageRecord[] = [];
  const rejected: SendOutcome['rejected'] = [];

  const reject = (
    index: number,
    error: { code: number; message: string; description: string },
    rule?: string,
  ) => {
    rejected.push({
      index,
      code: error.code,
      message: error.message,
      ...(rule !== undefined ? { rule } : {}),
    });
    results.push({ code: 400, error_data: error, status: deps.config.failureStatus, data: null });
  };

  for (const [index, input] of whatsapp.messages.entries()) {
    const validation = validateMessage(input, index, deps.callbackAllow);
    if (!validation.ok) {
      reject(index, validation.error);
      continue;
    }
    const { message } = validation;
    // The innermost custom_data / status_callback wins (design §6); without any, DLRs go to the
    // account's default URL, as Exotel's do to the one set at onboarding.
    const customData = message.custom_data ?? whatsapp.custom_data ?? envelope.custom_data;
    const decision = scenario.onMessage({
      index,
      from: message.from,
      to: message.to,
      content: message.content,
      customData,
    });
    if ('reject' in decision) {
      const { code } = decision.reject;
      const { status, description } = statusCodes[code];
      reject(
        index,
        {
          code,
          message: decision.reject.message ?? `whatsapp.messages[${index}]: ${description}`,
          description: `${status}: ${decision.reject.description ?? description} (scenario ${scenario.name}, rule ${decision.rule})`,
        },
        decision.rule,
      );
      continue;
    }
    const sid = newMessageSid(deps.random);
    const statusCallback =
      message.status_callback ??
      whatsapp.status_callback ??
      envelope.status_callback ??
      account.statusCallback;
    const record: MessageRecord = {
      sid,
      requestId,
      accountSid: account.sid,
      index,
      at,
      from: message.from,
      to: message.to,
      content: message.content,
      ...(customData !== undefined ? { customData } : {}),
      ...(statusCallback !== undefined ? { statusCallback } : {}),
      scenario: scenario.name,
      rule: decision.rule,
      decision: decision.explanation,
    };
    deps.journal.recordMessage(record, Math.ceil(bodyBytes / whatsapp.messages.length));
    if (decision.timeline) deps.callbacks.schedule(record, decision.timeline);
    accepted.push(record);
    results.push({ code: 202, error_data: null, status: 'success', data: { sid } });
  }

  const status = accepted.length === 0 ? deps.config.allFailedStatus : 202;
  return { status, envelope: sendEnvelope(requestId, status, results), accepted, rejected };
}
