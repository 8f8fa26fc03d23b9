/**
 * `npm run bench`: every benchmark, one after another (never side by side: they would measure
 * each other), each in its own process so one's memory and event loop do not colour the next.
 * Prints each benchmark's own figures, then the machine they were taken on.
 *
 *   npm run bench                 all of them
 *   npm run bench -- intake orders  only those named
 */
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

const BENCHES: Record<string, { file: string; args: string[]; what: string }> = {
  intake: { file: 'test/bench/intake.ts', args: ['20', '50'], what: 'webhook intake, 50 connections, 20 s' },
  engine: { file: 'test/bench/engine.ts', args: [], what: 'job engine, 50,000 no-op jobs' },
  orders: { file: 'test/bench/orders.ts', args: [], what: 'webhook → Sage order → write-back' },
  inventory: { file: 'test/bench/inventory.ts', args: ['100000'], what: 'inventory sync over 100,000 rows' },
  mapping: { file: 'test/bench/mapping.ts', args: [], what: 'pure order mapping' },
  panel: { file: 'test/bench/panel.ts', args: [], what: 'order panel time to interactive (chromium)' },
};

const wanted = process.argv.slice(2).filter((a) => a in BENCHES);
const names = wanted.length ? wanted : Object.keys(BENCHES);
let failed = 0;
for (const name of names) {
  const b = BENCHES[name];
  console.log(`\n=== ${name}: ${b.what} ===`);
  const started = Date.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', b.file, ...b.args], { stdio: 'inherit' });
  console.log(`--- ${name}: ${r.status === 0 ? 'done' : `FAILED (exit ${r.status})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (r.status !== 0) failed++;
}
const cpu = cpus();
console.log(`\nmachine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
process.exit(failed ? 1 : 0);
