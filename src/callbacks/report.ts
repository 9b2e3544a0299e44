import { type StatusCode, statusCodes } from '../exotel/status-codes.js';
import type { MessageRecord } from '../journal/journal.js';
import type { TimelineStep } from './timeline.js';

/** One status change of one message, as Exotel POSTs it to `status_callback` (reference §4.2). */
export interface DeliveryReport {
  whatsapp: {
    messages: [
      {
        callback_type: 'dlr';
        sid: string;
        to: string;
        exo_status_code: number;
        exo_detailed_status: string;
        description: string;
        timestamp: string;
        custom_data?: string;
      },
    ];
  };
}

export interface ReportOptions {
  /** The code sent for delivered: 30002 by the catalogue, 25001 as Exotel's callback example shows. */
  deliveredCode: 30002 | 25001;
}

const IST_OFFSET_MS = 5.5 * 60 * 60 * 1000;

/** `2022-12-07T17:00:00.000+05:30`: ISO 8601 with milliseconds in India Standard Time, as Exotel sends. */
export function istTimestamp(epochMs: number): string {
  return `${new Date(epochMs + IST_OFFSET_MS).toISOString().slice(0, 23)}+05:30`;
}

export function buildDeliveryReport(
  message: Pick<MessageRecord, 'sid' | 'to' | 'customData'>,
  step: TimelineStep,
  at: number,
  options: ReportOptions,
): DeliveryReport {
  const entry = statusCodes[step.code as StatusCode];
  const delivered = step.code === 30002;
  return {
    whatsapp: {
      messages: [
        {
          callback_type: 'dlr',
          sid: message.sid,
          // Exotel reports the recipient without the plus (`919876543210`).
          to: message.to.replace(/^\+/, ''),
          exo_status_code: delivered ? options.deliveredCode : step.code,
          exo_detailed_status: entry?.status ?? 'EX_UNKNOWN_ERROR',
          description: step.description ?? entry?.description ?? 'Unknown error',
          timestamp: istTimestamp(at),
          ...(message.customData !== undefined ? { custom_data: message.customData } : {}),
        },
      ],
    },
  };
}
