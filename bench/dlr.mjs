// DLR dispatch: callbacks per second and lateness (actual minus scheduled send time) to a local
// receiver, (a) at a steady 1,000 messages/s with the default 3-step timeline and (b) flat out.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { pino } from 'pino';
import { startEmulator } from '../dist/index.js';
import { basicAuth, percentile, root, startServer } from './lib.mjs';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const rate = Number(process.env.BENCH_DLR_RATE ?? 1000);

const receiver = await startServer([join(root, 'bench/servers/receiver.mjs')]);
const callbackUrl = `http://127.0.0.1:${receiver.port}/dlr`;
const body = (messages) =>
  JSON.stringify({
    status_callback: callbackUrl,
    whatsapp: {
      messages: Array.from({ length: messages }, () => ({
        from: '+918047109880',
        to: '+919876543210',
        content: { type: 'text', text: { body: 'Your order has shipped' } },
      })),
    },
  });

/** An emulator in this process (so its journal can be read), logging every attempt to /dev/null. */
async function emulator(options) {
  return startEmulator({
    port: 0,
    seed: 1,
    'callback-allow': ['loopback'],
    'journal-capacity': Number(process.env.JC ?? 1_000_000),
    logger: pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: false })),
    ...options,
  });
}

/** autocannon in its own process, so the load does not share the emulator's event loop. */
async function load(url, args) {
  const child = spawn(
    process.execPath,
    [
      join(root, 'node_modules/autocannon/autocannon.js'),
      ...args,
      '-m',
      'POST',
      '-H',
      `authorization=${basicAuth}`,
      '-H',
      'content-type=application/json',
      '-j',
      url,
    ],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  let out = '';
  child.stdout.on('data', (c) => {
    out += c;
  });
  await once(child, 'exit');
  const result = JSON.parse(out);
  if (result.non2xx + result.errors > 0) throw new Error(`${result.non2xx + result.errors} failed sends`);
  return result;
}

/** Waits until at least `expected` DLRs exist and none is still scheduled or being sent. */
async function settle(e, expected) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const callbacks = e.journal.callbacks();
    const open = callbacks.filter((c) => c.state === 'scheduled' || c.state === 'delivering').length;
    if (callbacks.length >= expected && open === 0) return;
    if (Date.now() > deadline) throw new Error(`${open} of ${callbacks.length} DLRs still open`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function report(name, e) {
  const callbacks = e.journal.callbacks();
  const first = callbacks.map((c) => c.attempts[0]).filter(Boolean);
  const lateness = first.map((a) => a.at - a.scheduledAt);
  const start = Math.min(...first.map((a) => a.at));
  const end = Math.max(...first.map((a) => a.at + a.latencyMs));
  const notDelivered = callbacks.filter((c) => c.state !== 'delivered');
  const failed = notDelivered.length;
  const reasons = new Map();
  for (const c of notDelivered) {
    const key = `${c.state}: ${c.reason ?? c.attempts.at(-1)?.error ?? ''}`.slice(0, 80);
    reasons.set(key, (reasons.get(key) ?? 0) + 1);
  }
  for (const [reason, n] of reasons) console.log(`  ${n} x ${reason}`);
  if (process.env.BENCH_DEBUG) {
    const buckets = new Map();
    for (const a of first) {
      const k = Math.floor((a.at - start) / 500);
      buckets.set(k, [...(buckets.get(k) ?? []), a.at - a.scheduledAt]);
    }
    for (const [k, v] of [...buckets].sort((x, y) => x[0] - y[0]))
      console.log(
        k * 0.5,
        's',
        v.length,
        'p50',
        percentile(v, 50),
        'p99',
        percentile(v, 99),
        'max',
        Math.max(...v),
      );
  }
  const perSecond = first.length / ((end - start) / 1000);
  console.log(
    `${name.padEnd(34)} ${String(first.length).padStart(6)} DLRs ${perSecond.toFixed(0).padStart(6)}/s` +
      `  lateness p50 ${percentile(lateness, 50)} ms, p99 ${percentile(lateness, 99)} ms, max ${Math.max(...lateness)} ms` +
      `  failed ${failed}`,
  );
  return { perSecond, p99: percentile(lateness, 99) };
}

console.log(`DLR dispatch to a local receiver, node ${process.version}`);

// (a) steady: `rate` messages/s, one message per request, timeline sent +100 ms, delivered +200 ms, seen +300 ms.
const steady = await emulator({});
// Warm-up (JIT, the receiver's keep-alive connections), then measure from a clean journal.
const warm = await load(`${steady.url}/v2/accounts/emulator/messages`, [
  '-c',
  '20',
  '-d',
  '1',
  '-R',
  String(rate),
  '-b',
  body(1),
]);
await settle(steady, warm.requests.total * 3);
steady.journal.clear();
const sent = await load(`${steady.url}/v2/accounts/emulator/messages`, [
  '-c',
  '20',
  '-d',
  String(seconds),
  '-R',
  String(rate),
  '-b',
  body(1),
]);
await settle(steady, sent.requests.total * 3);
const a = report(`steady ${rate} msg/s x 3 steps`, steady);
await steady.stop(0);

// (b) flat out: 100 requests of 100 messages, every step due at once (--time-scale 0).
const burst = await emulator({ 'time-scale': 0 });
await load(`${burst.url}/v2/accounts/emulator/messages`, ['-c', '10', '-a', '100', '-b', body(100)]);
await settle(burst, 100 * 100 * 3);
const b = report('burst 10,000 msgs x 3 steps at once', burst);
await burst.stop(0);
await receiver.stop();

console.log(
  `\ntarget: >= 5000 callbacks/s: ${b.perSecond >= 5000 ? 'met' : 'NOT met'} (${b.perSecond.toFixed(0)}/s flat out)`,
);
console.log(`target: p99 lateness < 50 ms at ${rate} msg/s: ${a.p99 < 50 ? 'met' : 'NOT met'} (${a.p99} ms)`);
