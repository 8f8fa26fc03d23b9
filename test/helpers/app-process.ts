import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * The app as a real process (`node --import tsx server/main.ts`), for tests and benchmarks that
 * kill it (SIGKILL) and start it again on the same port and database, or that should not share
 * an event loop with the sandboxes driving them.
 */
export interface AppProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Starts it again with the same environment and port (after a kill). */
  restart(): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Its stdout/stderr so far (last 20 000 characters), for failure messages. */
  output(): string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export async function startAppProcess(
  env: Record<string, string>, opts: { port?: number; readyTimeoutMs?: number; /** e.g. ['--cpu-prof'] */ nodeArgs?: string[] } = {},
): Promise<AppProcess> {
  const port = opts.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  let out = '';
  const proc: AppProcess = {
    url, port, child: undefined as unknown as ChildProcess,
    async restart() {
      const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), '--import', 'tsx', 'server/main.ts'], {
        env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', APP_URL: url },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const keep = (b: Buffer) => { out = (out + b.toString()).slice(-20_000); };
      child.stdout!.on('data', keep);
      child.stderr!.on('data', keep);
      proc.child = child;
      const deadline = Date.now() + (opts.readyTimeoutMs ?? 30_000);
      for (;;) {
        if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode}:\n${out}`);
        try {
          const res = await fetch(`${url}/health`);
          await res.arrayBuffer();
          if (res.status === 200 || res.status === 503) return;
        } catch { /* not listening yet */ }
        if (Date.now() > deadline) throw new Error(`app did not start in time:\n${out}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async kill(signal = 'SIGKILL') {
      const child = proc.child;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill(signal);
      await exited;
    },
    output: () => out,
  };
  await proc.restart();
  return proc;
}
