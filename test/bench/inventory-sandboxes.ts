/**
 * The inventory benchmark's other side, in a process of its own so the benchmark's memory figures
 * are the connector's alone: both sandboxes on one port, on a clock the benchmark can move
 * (POST /clock {advanceMs}). Prints one JSON line with where everything is, then serves.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock } from '../../server/core/clock';
import { startSandboxPair } from '../helpers/feed-sandboxes';

const SAGE_KEY = 'bench-sage-key';
const dir = mkdtempSync(join(tmpdir(), 'bench-inv-sbx-'));
const clock = new FakeClock(Date.now());
const pair = await startSandboxPair({
  dir, clock, sageKey: SAGE_KEY, storeId: 'st_bench', storeName: 'Bench Supply',
  routes: (root) => root.post('/clock', async (c) => {
    clock.advance(Number((await c.req.json()).advanceMs ?? 0));
    return c.json({ now: clock.now() });
  }),
});
const { base, creds } = pair;
console.log(JSON.stringify({ base, sageKey: SAGE_KEY, apiBaseUrl: creds.apiBaseUrl, apiKey: creds.apiKey, clientId: creds.clientId, now: clock.now() }));

const stop = async () => {
  await pair.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.stdin.on('end', () => void stop());
process.stdin.resume();
