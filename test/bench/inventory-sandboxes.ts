/**
 * The inventory benchmark's other side, in a process of its own so the benchmark's memory figures
 * are the connector's alone: both sandboxes on one port, on a clock the benchmark can move
 * (POST /clock {advanceMs}). Prints one JSON line with where everything is, then serves.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { mount } from 'hono/mount';
import { FakeClock } from '../../server/core/clock';
import { loadManifest } from '../../server/manifest';
import { createClaritySandbox, type ClaritySandbox } from '../../server/sandbox/clarity/index';
import { createSage100Sandbox } from '../../server/sandbox/sage100/index';

const SAGE_KEY = 'bench-sage-key';
const dir = mkdtempSync(join(tmpdir(), 'bench-inv-sbx-'));
const clock = new FakeClock(Date.now());
let clarity: ClaritySandbox | undefined;
const sage = await createSage100Sandbox({ dbUrl: `file:${join(dir, 'sage.db')}`, apiKey: SAGE_KEY, clock, emailScanDelayMs: 0 });
const root = new Hono();
root.all('/app/*', (c) => c.text('ok'));
root.post('/clock', async (c) => {
  clock.advance(Number((await c.req.json()).advanceMs ?? 0));
  return c.json({ now: clock.now() });
});
root.all('/clarity/*', mount((req, env) => clarity!.app.fetch(req, env)));
root.route('/sage', sage.app);
const server: ServerType = await new Promise((resolve) => {
  const s = serve({ fetch: root.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
});
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
clarity = await createClaritySandbox({
  dbUrl: `file:${join(dir, 'clarity.db')}`, publicUrl: `${base}/clarity/`, appUrl: `${base}/app`,
  manifest: loadManifest(`${base}/app`), appSecret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', clock,
});
const creds = await clarity.installStore({ storeId: 'st_bench', storeName: 'Bench Supply' });
console.log(JSON.stringify({ base, sageKey: SAGE_KEY, apiBaseUrl: creds.apiBaseUrl, apiKey: creds.apiKey, clientId: creds.clientId, now: clock.now() }));

const stop = async () => {
  await clarity!.close();
  await sage.close();
  (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
  server.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.stdin.on('end', () => void stop());
process.stdin.resume();
