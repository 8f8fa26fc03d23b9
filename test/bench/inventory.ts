/**
 * Inventory benchmark: 100,000 item-warehouse rows in the Sage sandbox, pushed to the Clarity
 * sandbox by the inventory feed. Prints the time and peak memory (RSS) of this process — the
 * connector; the sandboxes run in a child process — for:
 *
 *   1. the first full sync (every level pushed);
 *   2. a 1 % change ten minutes later, poll to push (the target: ≤ 5 s, ≤ 256 MB RSS);
 *   3. a 1 % change inside the read overlap (the poll re-reads every row stamped in the last
 *      two minutes — here all 100,000 — and pushes only the changed ones).
 *
 *   node --import tsx test/bench/inventory.ts [rows]        (or: npm run bench -- inventory)
 *
 * The heap is collected before each run, as V8's memory reducer does in a process left idle
 * between polls, so each run's figure is its own and not the garbage the run before left behind.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { systemClock } from '../../server/core/clock';
import { createLogger } from '../../server/core/logger';
import { createClarityHttp } from '../../server/connectors/clarity/http';
import { createSageHttp } from '../../server/connectors/sage100/http';
import { openDatabase } from '../../server/db/client';
import { runMigrations } from '../../server/db/migrate';
import { saveInstallation } from '../../server/db/repos/installations.repo';
import { enqueue } from '../../server/queue/enqueue';
import type { FeedDeps } from '../../server/sync/feeds/context';
import { feedPollHandler } from '../../server/sync/feeds/poll-handler';

const ROWS = Number(process.argv[2] ?? 100_000);
// A collector to call between runs, without needing --expose-gc on the command line.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;
const STORE = 'st_bench';

interface Child { base: string; sageKey: string; apiBaseUrl: string; apiKey: string; clientId: string }

function startSandboxes(): Promise<{ info: Child; stop(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/bench/inventory-sandboxes.ts'], { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`sandboxes exited with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => resolve({ info: JSON.parse(line), stop: () => child.stdin!.end() }));
  });
}

/** Runs `fn`, sampling this process's RSS every 5 ms; answers seconds and the peak in MB. */
async function measure<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number; peakMb: number; startMb: number }> {
  collect();
  const mb = () => process.memoryUsage().rss / 1024 / 1024;
  const startMb = mb();
  let peak = startMb;
  const timer = setInterval(() => { peak = Math.max(peak, mb()); }, 5);
  const t0 = performance.now();
  try {
    const value = await fn();
    return { value, seconds: (performance.now() - t0) / 1000, peakMb: Math.max(peak, mb()), startMb };
  } finally {
    clearInterval(timer);
  }
}

const { info, stop } = await startSandboxes();
const dir = mkdtempSync(join(tmpdir(), 'bench-inv-'));
const database = await openDatabase({ url: `file:${join(dir, 'connector.db')}` });
try {
  await runMigrations(database);
  const db = database.db;
  await saveInstallation(db, { storeId: STORE, storeName: 'Bench Supply', apiBaseUrl: info.apiBaseUrl, clientId: info.clientId, clientSecretEnc: 'x', webhookSecretEnc: 'x' },
    Date.now(), { actor: 'bench' });
  const sage = createSageHttp({ gatewayUrl: `${info.base}/sage`, apiKey: info.sageKey, company: 'ABC' });
  const clarity = createClarityHttp({ apiBaseUrl: info.apiBaseUrl, apiKey: info.apiKey });
  const deps: FeedDeps = {
    db, clock: systemClock, log: createLogger('silent'), sageFor: async () => sage, clarityFor: async () => clarity,
    enqueue: (input) => enqueue(db, input),
  };
  const poll = feedPollHandler(deps);
  const job = () => ({
    job: { id: 'bench', seq: 1, kind: 'feed.poll', storeId: STORE, orderingKey: null, target: null, payload: { feed: 'inventory' as const },
      deliveryId: null, attempt: 1, maxAttempts: 1, previousErrorClass: null, createdAt: Date.now() },
    log: createLogger('silent'), signal: new AbortController().signal, enqueue: async () => '',
    writeWithEnd: () => { throw new Error('the inventory poll writes no records with its end'); },
  });
  const admin = async (path: string, body: unknown) => (await fetch(`${info.base}${path}`, {
    method: 'POST', body: JSON.stringify(body), headers: { 'X-Api-Key': info.sageKey, 'X-Sage-Company': 'ABC', 'content-type': 'application/json' },
  })).json() as Promise<Record<string, number>>;
  const runPoll = async () => {
    const r = ((await poll(job())) as { result: Record<string, any> }).result;
    if (!r.ok) throw new Error(`poll failed: ${r.error}`);
    return r;
  };

  await admin('/sage/_admin/inventory/generate', { rows: ROWS });
  await admin('/clock', { advanceMs: 1000 });
  const first = await measure(runPoll);

  await admin('/clock', { advanceMs: 10 * 60_000 });
  const touched = (await admin('/sage/_admin/inventory/touch', { fraction: 0.01 })).touched;
  await admin('/clock', { advanceMs: 1000 });
  const change = await measure(runPoll);

  await admin('/clock', { advanceMs: 5000 });
  const touchedInOverlap = (await admin('/sage/_admin/inventory/touch', { fraction: 0.01 })).touched;
  await admin('/clock', { advanceMs: 1000 });
  const overlap = await measure(runPoll);

  const row = (name: string, m: Awaited<ReturnType<typeof measure<Record<string, any>>>>) => ({
    run: name, rowsRead: m.value.rows, pushed: m.value.counts.pushed, seconds: Number(m.seconds.toFixed(2)),
    peakRssMb: Math.round(m.peakMb), rssBeforeMb: Math.round(m.startMb),
  });
  console.log(`\nInventory feed, ${ROWS.toLocaleString('en-US')} generated item-warehouse rows (connector process only; heap collected before each run)\n`);
  console.table([
    row('first full sync', first),
    row(`1 % change (${touched} rows), 10 min later`, change),
    row(`1 % change (${touchedInOverlap} rows) inside the overlap`, overlap),
  ]);
  const ok = change.seconds <= 5 && change.peakMb <= 256;
  console.log(`\nTarget for the 1 % change, poll to push: ≤ 5 s and ≤ 256 MB RSS — ${ok ? 'met' : 'NOT met'}.`);
} finally {
  database.close();
  stop();
  rmSync(dir, { recursive: true, force: true });
}
