// The send path under load on loopback, the emulator against baselines measured
// in the same run. Figures are ratios; absolute req/s on a shared machine are noise.
import { join } from 'node:path';
import autocannon from 'autocannon';
import { basicAuth, median, root, startServer } from './lib.mjs';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);

const message = JSON.stringify({
  whatsapp: {
    messages: [
      {
        from: '+918047109880',
        to: '+919876543210',
        content: { type: 'text', text: { body: 'Your order has shipped' } },
      },
    ],
  },
});

/** Each server runs in its own process, so the load generator never shares its event loop. */
const emulator = [join(root, 'dist/cli.js'), '--seed', '1', '--log-level', 'info', '--log-format', 'json'];
const targets = {
  'emulator (everything on)': emulator,
  'emulator, 50 rules': [...emulator, '--scenario', join(root, 'bench/scenarios/fifty-rules.yaml')],
  'bare Express 5': [join(root, 'bench/servers/bare-express.mjs')],
  'raw node:http': [join(root, 'bench/servers/raw-http.mjs')],
};

async function start(args) {
  const { port, stop } = await startServer(args);
  return { stop, url: `http://127.0.0.1:${port}/v2/accounts/emulator/messages` };
}

async function load(url, duration) {
  const result = await autocannon({
    url,
    method: 'POST',
    connections,
    duration,
    headers: {
      authorization: basicAuth,
      'content-type': 'application/json',
    },
    body: message,
  });
  const bad = result.non2xx + result.errors + result.timeouts;
  if (bad > 0) throw new Error(`${url}: ${bad} failed requests`);
  return result.requests.average;
}

/** Milliseconds from spawn until the port accepts connections. */
async function startupMs(args) {
  const begin = performance.now();
  const { stop } = await start(args);
  const ms = performance.now() - begin;
  await stop();
  return ms;
}

const results = Object.fromEntries(Object.keys(targets).map((name) => [name, []]));
console.log(
  `send path: ${rounds} rounds x ${seconds}s per target, ${connections} connections, node ${process.version}`,
);
for (let round = 1; round <= rounds; round++) {
  for (const [name, args] of Object.entries(targets)) {
    const { stop, url } = await start(args);
    await load(url, 1); // warm-up: JIT and connection setup
    const rps = await load(url, seconds);
    results[name].push(rps);
    await stop();
    console.log(`  round ${round}: ${name.padEnd(26)} ${rps.toFixed(0).padStart(7)} req/s`);
  }
}

const express = median(results['bare Express 5']);
const raw = median(results['raw node:http']);
console.log('\nmedian req/s and ratios (higher is better)');
console.log(
  `${'target'.padEnd(28)}${'req/s'.padStart(8)}${'vs Express'.padStart(12)}${'vs node:http'.padStart(14)}`,
);
for (const name of Object.keys(targets)) {
  const rps = median(results[name]);
  console.log(
    `${name.padEnd(28)}${rps.toFixed(0).padStart(8)}${`${(rps / express).toFixed(2)}x`.padStart(12)}${`${(rps / raw).toFixed(2)}x`.padStart(14)}`,
  );
}
const ratio = median(results['emulator (everything on)']) / express;
// The two emulator runs of a round are back to back: their ratio, per round, cancels the drift
// between rounds that shared machines show; the median of those ratios is the figure.
const rules = median(
  results['emulator, 50 rules'].map((rps, round) => rps / results['emulator (everything on)'][round]),
);
console.log(
  `\ntarget: emulator >= 1.00x bare Express: ${ratio >= 1 ? 'met' : 'NOT met'} (${ratio.toFixed(2)}x)`,
);
console.log(
  `target: 50 rules within 10% of happy-path: ${rules >= 0.9 ? 'met' : 'NOT met'} (${rules.toFixed(2)}x)`,
);

const startup = {};
for (const [name, args] of Object.entries(targets)) {
  const samples = [];
  for (let i = 0; i < 5; i++) samples.push(await startupMs(args));
  startup[name] = median(samples);
}
console.log('\nstartup, spawn to accepting connections (median of 5)');
for (const [name, ms] of Object.entries(startup)) {
  console.log(
    `${name.padEnd(28)}${ms.toFixed(0).padStart(6)} ms${`${(ms / startup['bare Express 5']).toFixed(2)}x`.padStart(10)}`,
  );
}
const emulatorStartup = startup['emulator (everything on)'];
console.log(
  `target: emulator starts in < 500 ms: ${emulatorStartup < 500 ? 'met' : 'NOT met'} (${emulatorStartup.toFixed(0)} ms)`,
);
