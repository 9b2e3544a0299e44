import type { MessageRecord } from '../journal/journal.js';

/**
 * What happens to an accepted message after the 202: the status changes Exotel reports by DLR,
 * each `afterMs` after the previous one (before `--time-scale`).
 */
export interface TimelineStep {
  /** An `exo_status_code` from the catalogue (30001 sent, 30002 delivered, 30003 seen, 300xx failures). */
  code: number;
  afterMs: number;
  /** Overrides the catalogue's description, as Exotel passes Meta's error detail through on failures. */
  description?: string;
}

export type Timeline = readonly TimelineStep[];

/** sent -> delivered -> seen, a few hundred milliseconds apart: quick enough for local development. */
export const DEFAULT_TIMELINE: Timeline = [
  { code: 30001, afterMs: 100 },
  { code: 30002, afterMs: 200 },
  { code: 30003, afterMs: 300 },
];

/** WhatsApp reports only `sent` for a reaction, never delivered or seen (reference §2.5). */
const REACTION_TIMELINE: Timeline = [{ code: 30001, afterMs: 100 }];

/** The timeline of a message when no scenario says otherwise. */
export function defaultTimeline(message: Pick<MessageRecord, 'content'>): Timeline {
  return message.content.type === 'reaction' ? REACTION_TIMELINE : DEFAULT_TIMELINE;
}
