import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

export interface WorkerChild {
  proc: ChildProcess;
  /** Resolves with the first stdout line that starts with `prefix`. */
  line(prefix: string, timeoutMs?: number): Promise<string>;
  /** SIGTERM, wait for exit, read what it ran. */
  stop(): Promise<{ owner: string; ran: string[] }>;
  kill(): Promise<void>;
}

/** Starts test/helpers/queue-worker-child.ts in its own process. */
export function spawnWorkerChild(env: Record<string, string>): WorkerChild {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(root, 'test/helpers/queue-worker-child.ts')], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: Array<() => void> = [];
  let buf = '';
  let stderr = '';
  proc.stdout!.on('data', (d: Buffer) => {
    buf += d.toString();
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      lines.push(buf.slice(0, i));
      buf = buf.slice(i + 1);
    }
    wake();
  });
  proc.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  const wake = () => { for (const w of waiters.splice(0)) w(); };
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => { resolve(code); wake(); }));

  return {
    proc,
    line(prefix, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`child said no "${prefix}" in time; stderr: ${stderr.slice(-2000)}`)), timeoutMs);
        const check = () => {
          const found = lines.find((l) => l.startsWith(prefix));
          if (found) {
            clearTimeout(timer);
            resolve(found);
          } else if (proc.exitCode !== null || proc.signalCode !== null) {
            clearTimeout(timer);
            reject(new Error(`child exited (${proc.exitCode}) before "${prefix}"; stderr: ${stderr.slice(-2000)}`));
          } else {
            waiters.push(check);
          }
        };
        check();
      });
    },
    async stop() {
      proc.kill('SIGTERM');
      const code = await exited;
      if (code !== 0) throw new Error(`child exited with ${code}; stderr: ${stderr.slice(-2000)}`);
      return JSON.parse(readFileSync(env.OUT, 'utf8'));
    },
    async kill() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      await exited;
    },
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
