import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Vitest globalSetup for tests that load the built panel: runs `vite build` for ui/ and
 * extension/ once, and only when dist/ is missing or older than the sources it is built from.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));

function newest(dir: string): number {
  if (!existsSync(dir)) return 0;
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return latest;
}

function oldestOutput(files: string[]): number {
  let oldest = Infinity;
  for (const f of files) oldest = existsSync(f) ? Math.min(oldest, statSync(f).mtimeMs) : 0;
  return oldest;
}

function upToDate(): boolean {
  const sources = Math.max(newest(join(root, 'ui')), newest(join(root, 'extension')), newest(join(root, 'server/contracts')));
  return oldestOutput([join(root, 'dist/ui/index.html'), join(root, 'dist/extension/extension.js')]) > sources;
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

export default function buildOnce(): void {
  if (upToDate()) return;
  // Two test runs at once must not both empty and rewrite dist/: a lock directory (mkdir is
  // atomic) lets one build while the other waits, then finds the build fresh.
  const lock = join(root, 'dist/.build-lock');
  mkdirSync(join(root, 'dist'), { recursive: true });
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const held = statSync(lock, { throwIfNoEntry: false });
      // A lock older than two minutes was left by a run that died mid-build.
      if (waited > 120_000 || (held && Date.now() - held.mtimeMs > 120_000)) rmSync(lock, { recursive: true, force: true });
      sleep(200);
    }
  }
  try {
    if (upToDate()) return;
    for (const config of ['ui/vite.config.ts', 'extension/vite.config.ts']) {
      execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', config, '--logLevel', 'warn'], {
        cwd: root, stdio: 'inherit',
        // Vitest runs with NODE_ENV=test, which would make vite bundle React's development build.
        env: { ...process.env, NODE_ENV: 'production' },
      });
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
