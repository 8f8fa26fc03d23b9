/**
 * Engine benchmark: 50,000 no-op jobs run by one worker process, then by two processes on the
 * same database file. Prints jobs/s and checks that none was lost and none ran twice.
 *
 *   node --import tsx test/bench/engine.ts [jobs] [concurrency] [repeat]
 *
 * Jobs are enqueued in one transaction after the workers said "ready"; the run is timed from
 * that commit to the last job's finished_at, so process start-up is not counted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../server/db/client';
import { runMigrations } from '../../server/db/migrate';
import { enqueueMany } from '../../server/queue/enqueue';
import { spawnWorkerChild } from '../helpers/queue-processes';

export interface EngineRun {
  processes: number;
  jobs: number;
  seconds: number;
  jobsPerSecond: number;
  lost: number;
  ranTwice: number;
  shares: number[];
}

export async function runEngine(processes: number, jobs: number, concurrency: number): Promise<EngineRun> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-engine-'));
  const url = `file:${join(dir, 'bench.db')}`;
  const database = await openDatabase({ url });
  await runMigrations(database);
  const children = Array.from({ length: processes }, (_, i) => spawnWorkerChild({
    DATABASE_URL: url, CONCURRENCY: String(concurrency), OWNER: `bench-${i}`, OUT: join(dir, `out-${i}.json`), POLL_MS: '20',
  }));
  try {
    await Promise.all(children.map((c) => c.line('ready')));
    const inputs = Array.from({ length: jobs }, (_, i) => ({ kind: 'noop', storeId: 'bench', payload: { i } }));
    const ids = await enqueueMany(database.db, inputs);
    const t0 = Date.now();
    for (;;) {
      // Cheap on the partial indexes, so the watcher steals little from the workers.
      const rs = await database.client.execute(`SELECT EXISTS (SELECT 1 FROM jobs WHERE state IN ('queued', 'retrying'))
        OR EXISTS (SELECT 1 FROM jobs WHERE state = 'running' AND lease_expires_at > 0) AS busy`);
      if (!Number(rs.rows[0].busy)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const last = Number((await database.client.execute('SELECT max(finished_at) t FROM jobs')).rows[0].t);
    const results = await Promise.all(children.map((c) => c.stop()));
    const ran = results.flatMap((r) => r.ran);
    const seen = new Set(ran);
    const succeeded = Number((await database.client.execute("SELECT count(*) n FROM jobs WHERE state = 'succeeded'")).rows[0].n);
    const seconds = (last - t0) / 1000;
    return {
      processes,
      jobs,
      seconds,
      jobsPerSecond: Math.round(jobs / seconds),
      lost: ids.filter((id) => !seen.has(id)).length + (jobs - succeeded),
      ranTwice: ran.length - seen.size,
      shares: results.map((r) => r.ran.length),
    };
  } finally {
    await Promise.all(children.map((c) => c.kill()));
    database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Each configuration runs `repeat` times: on a shared machine one run can land in a busy moment. */
export async function runEngineBench(jobs = 50_000, concurrency = 256, repeat = 3): Promise<EngineRun[]> {
  const runs: EngineRun[] = [];
  for (const processes of [1, 2]) {
    const rates: number[] = [];
    for (let i = 0; i < repeat; i++) {
      const r = await runEngine(processes, jobs, concurrency);
      runs.push(r);
      rates.push(r.jobsPerSecond);
      console.log(
        `engine: ${processes} process${processes > 1 ? 'es' : ''}, ${r.jobs} no-op jobs in ${r.seconds.toFixed(2)} s = ` +
        `${r.jobsPerSecond} jobs/s; lost ${r.lost}, ran twice ${r.ranTwice}; shares ${r.shares.join(' / ')}`,
      );
    }
    rates.sort((a, b) => a - b);
    console.log(`engine: ${processes} process${processes > 1 ? 'es' : ''}: median ${rates[Math.floor(rates.length / 2)]} jobs/s (min ${rates[0]}, max ${rates[rates.length - 1]})`);
  }
  console.log(`engine: machine ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), concurrency ${concurrency} per process, synchronous=FULL`);
  return runs;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [jobs, concurrency, repeat] = process.argv.slice(2).map(Number);
  runEngineBench(jobs || undefined, concurrency || undefined, repeat || undefined).then((runs) => {
    if (runs.some((r) => r.lost || r.ranTwice)) process.exitCode = 1;
  }, (err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
