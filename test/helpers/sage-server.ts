import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { createSage100Sandbox, type Sage100Sandbox } from '../../server/sandbox/sage100/index';
import { createSage100Client, type Sage100Client } from '../../server/connectors/sage100/client';

/**
 * The Sage 100 sandbox alone on a real port, with a connector client pointed at it: for tests of
 * the Sage client and of the flow's Sage-facing steps, without the whole app.
 */
export interface SageServer {
  url: string;
  sandbox: Sage100Sandbox;
  client: Sage100Client;
  /** Counts every request the sandbox received, by "METHOD /path". */
  calls: Map<string, number>;
  close(): Promise<void>;
}

export const TEST_SAGE_KEY = 'test-sage-key';

export async function startSageServer(opts: { emailScanDelayMs?: number; writeLatencyMs?: number } = {}): Promise<SageServer> {
  const dir = mkdtempSync(join(tmpdir(), 'sage-sandbox-'));
  const sandbox = await createSage100Sandbox({
    dbUrl: `file:${join(dir, 'sage.db')}`, apiKey: TEST_SAGE_KEY, emailScanDelayMs: opts.emailScanDelayMs ?? 0,
    writeLatencyMs: opts.writeLatencyMs ?? 0,
  });
  const calls = new Map<string, number>();
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({
      port: 0, hostname: '127.0.0.1',
      // The node bindings go through: the sandbox's "answer lost" fault destroys the socket.
      fetch: (req, env) => {
        const path = new URL(req.url).pathname;
        const k = `${req.method} ${path}`;
        calls.set(k, (calls.get(k) ?? 0) + 1);
        return sandbox.app.fetch(req, env);
      },
    }, () => resolve(s));
  });
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const client = createSage100Client({ gatewayUrl: url, apiKey: TEST_SAGE_KEY, company: 'ABC', timeoutMs: 10_000 });
  return {
    url, sandbox, client, calls,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
