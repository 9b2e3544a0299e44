import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

/** The CLI and Dockerfile tests run the built `dist/`, so build it once before any test. */
export default function setup(): void {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}
