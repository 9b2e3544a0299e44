import { statusCodes } from '../exotel/status-codes.js';
import type {
  Delivery,
  Latency,
  Matcher,
  MessageThen,
  MessageWhen,
  RequestThen,
  RequestWhen,
} from './schema.js';

/** One-line, human descriptions of scenario rules, for GET /__admin/scenarios and the journal. */

const ms = (n: number) => (n >= 1000 && n % 1000 === 0 ? `${n / 1000} s` : `${n} ms`);

function matcher(field: string, m: Matcher): string {
  if (typeof m === 'string') return `${field} = "${m}"`;
  if ('prefix' in m) return `${field} starts with "${m.prefix}"`;
  if ('suffix' in m) return `${field} ends with "${m.suffix}"`;
  if ('regex' in m) return `${field} matches /${m.regex}/`;
  return `${field} in [${m.in.join(', ')}]`;
}

const percent = (p: number) => `with probability ${Math.round(p * 1000) / 10}%`;

export function explainRequestWhen(when: RequestWhen | undefined): string {
  if (!when) return 'every request';
  const parts: string[] = [];
  if (when.account !== undefined) parts.push(matcher('account', when.account));
  for (const [name, m] of Object.entries(when.headers ?? {}))
    parts.push(matcher(`header ${name.toLowerCase()}`, m));
  if (typeof when.nth === 'number') parts.push(`request #${when.nth}`);
  else if (when.nth && 'every' in when.nth) parts.push(`every ${when.nth.every} requests`);
  else if (when.nth) {
    const { from, to } = when.nth;
    parts.push(to === undefined ? `requests from #${from}` : `requests #${from}-#${to}`);
  }
  if (when.window) {
    parts.push(
      `from ${ms(when.window.from ?? 0)}${when.window.to === undefined ? '' : ` to ${ms(when.window.to)}`} after start`,
    );
  }
  if (when.probability !== undefined) parts.push(percent(when.probability));
  return parts.length ? parts.join(' and ') : 'every request';
}

function explainLatency(latency: Latency): string {
  if (typeof latency === 'number') return `latency ${ms(latency)}`;
  if ('min' in latency) return `latency ${ms(latency.min)}-${ms(latency.max)}`;
  if (latency.distribution === 'normal') return `latency normal(${ms(latency.mean)} ± ${ms(latency.stddev)})`;
  return `latency exponential(mean ${ms(latency.mean)})`;
}

export function explainRequestThen(then: RequestThen): string {
  const parts: string[] = [];
  if (then.latency !== undefined) parts.push(explainLatency(then.latency));
  if (then.error)
    parts.push(`answer ${then.error.status}${then.error.message ? ` "${then.error.message}"` : ''}`);
  if (then.reset) parts.push('reset the connection');
  if (then.hang) parts.push('never answer');
  return parts.join(', then ');
}

export function explainMessageWhen(when: MessageWhen | undefined): string {
  if (!when) return 'every message';
  const parts: string[] = [];
  for (const field of ['to', 'from', 'type', 'template', 'custom_data'] as const) {
    const m = when[field];
    if (m !== undefined) parts.push(matcher(field, m));
  }
  if (when.index !== undefined)
    parts.push(`index ${Array.isArray(when.index) ? `in [${when.index.join(', ')}]` : when.index}`);
  if (when.probability !== undefined) parts.push(percent(when.probability));
  return parts.length ? parts.join(' and ') : 'every message';
}

export function explainDelivery(delivery: Delivery): string {
  if (delivery.callback === false) return 'accepted, no DLR';
  const step = (s: NonNullable<Delivery['timeline']>[number]) =>
    `${s.status === 'failed' ? `failed ${s.code} ${statusCodes[s.code].status}` : s.status} +${ms(s.after)}`;
  const steps =
    delivery.timeline?.map(step).join(', ') ??
    (delivery.read_receipts === false ? 'sent, delivered' : 'sent, delivered, seen');
  const flags = [
    delivery.read_receipts === false ? 'read receipts off' : '',
    delivery.duplicate ? 'every DLR twice' : '',
    delivery.out_of_order ? 'out of order' : '',
  ].filter(Boolean);
  return `accepted, DLRs ${steps}${flags.length ? `; ${flags.join(', ')}` : ''}`;
}

export function explainMessageThen(then: MessageThen): string {
  if (then.reject)
    return `rejected at submit with ${then.reject.code} ${statusCodes[then.reject.code].status}`;
  return explainDelivery(then);
}
