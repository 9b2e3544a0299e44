// Helpers shared by the benchmarks: free ports, child-process servers, medians and percentiles.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';

export const root = join(import.meta.dirname, '..');

export async function freePort() {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  return port;
}

/** True once something listens on the port. */
function accepts(port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => resolve(true) || socket.destroy());
    socket.once('error', () => resolve(false));
  });
}

/**
 * Runs a server script in its own process (so it never shares an event loop with the load
 * generator), passing the port as `--port` and `PORT`; resolves once it accepts connections.
 */
export async function startServer(args) {
  const port = await freePort();
  const child = spawn(process.execPath, [...args, '--port', String(port)], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    if (Date.now() > deadline) throw new Error(`${args[0]} did not start`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    port,
    stop: async () => {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export function percentile(xs, p) {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export const basicAuth = `Basic ${Buffer.from('emulator-key:emulator-token').toString('base64')}`;
