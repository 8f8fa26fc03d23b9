import { parentPort, workerData } from 'node:worker_threads';
import Database from 'libsql';
import { signatureMatches } from '../connectors/clarity/webhook-signature';
import { applyGuards, PREDECESSOR_FAILED } from './batch-writer';
import { GUARD } from './thread-writer';

/**
 * The intake's writer thread: its own connection to the database file, running each batch it is
 * sent as one transaction with prepared statements kept across batches. Preparing once per SQL
 * text (rather than per statement, as the general client does) is most of the speed of a batch.
 */

/**
 * A batch. Each statement's SQL is sent once with a number (`defs`), then only by that number:
 * intake repeats a handful of SQL texts, and cloning them into every message costs more than the
 * statements' own arguments. A plain string is SQL sent as is (beyond the interning cap).
 * `plan` holds, per statement, its SQL (number or text) then its argument count (-1: one object
 * of named arguments); `args` holds every statement's arguments, one after another. SQL number
 * GUARD is a webhook's signature to check here, off the event loop: the statements it covers run
 * only if it verifies (see SignatureGuard).
 */
interface Batch {
  id: number;
  /** The batch sent before this one, if it was still pending then: this one runs only if that one did not fail. */
  follows?: number;
  defs?: Array<[number, string]>;
  /** The signature guards' keys, by number. */
  keys?: Uint8Array[];
  plan: Array<number | string>;
  args: unknown[];
}
interface Stmt {
  run(params: unknown): { changes: number };
}

const { path, busyTimeoutMs } = workerData as { path: string; busyTimeoutMs: number };
const db = new Database(path);
db.exec(`PRAGMA busy_timeout = ${Number(busyTimeoutMs) || 5000}`);
db.exec('PRAGMA journal_mode = WAL');
// FULL: the transaction is on disk (fsync'd) before COMMIT returns, so 2xx means stored.
db.exec('PRAGMA synchronous = FULL');
db.exec('PRAGMA foreign_keys = ON');

/**
 * Checkpoints (copying the WAL back into the database file) are run by this thread, after a batch
 * has been answered. SQLite's automatic checkpoint runs inside whichever COMMIT crosses its
 * threshold: here that held up the answer to every request of that transaction (~1,000 pages take
 * several ms), and on the main thread's connection it would stall the event loop, so while this
 * thread runs the main connection's are off (see start-intake) and the idle timer covers what
 * other connections write. Run between two batches, a checkpoint also sees no frame appended
 * meanwhile, so the next transaction can start the WAL over instead of letting it grow.
 */
const CHECKPOINT_EVERY_STATEMENTS = 800; // about SQLite's default 1,000 pages, in intake rows
const CHECKPOINT_IDLE_MS = 1000;
db.exec('PRAGMA wal_autocheckpoint = 0');
let sinceCheckpoint = 0;
function checkpoint() {
  sinceCheckpoint = 0;
  try {
    db.exec('PRAGMA wal_checkpoint(PASSIVE)');
  } catch {
    // Another connection is checkpointing (SQLITE_BUSY): this one's frames are copied next time.
  }
}
setInterval(checkpoint, CHECKPOINT_IDLE_MS).unref();

const byId = new Map<number, Stmt>();
const byText = new Map<string, Stmt>();
function prepare(sql: number | string): Stmt {
  if (typeof sql === 'number') {
    const s = byId.get(sql);
    if (!s) throw new Error(`statement #${sql} was never defined`);
    return s;
  }
  let s = byText.get(sql);
  if (!s) {
    if (byText.size >= 256) byText.clear();
    s = db.prepare(sql) as unknown as Stmt;
    byText.set(sql, s);
  }
  return s;
}

/** A statement that does not prepare keeps failing the same way each time it is used. */
function define(sql: string): Stmt {
  try {
    return db.prepare(sql) as unknown as Stmt;
  } catch (err) {
    return { run: () => { throw err; } };
  }
}

// Same conversions as @libsql/client, so a statement means the same whichever writer runs it.
function toSql(v: unknown): unknown {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Date) return v.valueOf();
  if (v instanceof ArrayBuffer) return Buffer.from(v);
  if (v === undefined) throw new TypeError('undefined cannot be passed as argument to the database');
  return v;
}
function toNamedArgs(args: Record<string, unknown>): Record<string, unknown> {
  const named: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args ?? {})) named[/^[:@$]/.test(k) ? k.slice(1) : k] = toSql(v);
  return named;
}

/** A batch's step, decoded: a statement ready to run, or a signature guard already checked. */
type Step = { sql: number | string; bound: unknown } | { guard: boolean; covers: number };

/**
 * The batch decoded, before its transaction begins: arguments converted and signature guards
 * checked here, so neither the HMACs nor the conversions hold the database's write lock (the main
 * thread's connection may be waiting for it).
 */
function decode({ plan, args, keys }: Batch): Step[] {
  const steps: Step[] = [];
  for (let p = 0, a = 0; p < plan.length; p += 2) {
    const argc = plan[p + 1] as number;
    if (plan[p] === GUARD) {
      const [covers, keyId, id, timestamp, signature, bodyRef] = args.slice(a, a + 6) as [number, number, string, string, string, string | number];
      a += 6;
      // The body, or its position among the next statement's arguments (see the encoder's bodyRef).
      const body = typeof bodyRef === 'number' ? args[a + bodyRef] as string : bodyRef;
      steps.push({ guard: signatureMatches(keys![keyId], id, timestamp, signature, body), covers });
    } else if (argc < 0) {
      steps.push({ sql: plan[p], bound: toNamedArgs(args[a++] as Record<string, unknown>) });
    } else {
      const list = new Array<unknown>(argc);
      for (let i = 0; i < argc; i++) list[i] = toSql(args[a++]);
      steps.push({ sql: plan[p], bound: list });
    }
  }
  return steps;
}

/** Runs the decoded steps, by the guards' rule (see applyGuards). */
function run(steps: Step[]): number[] {
  const { answers, toRun } = applyGuards(steps, (s) => ('sql' in s ? null : { ok: s.guard, covers: s.covers }));
  for (const i of toRun) {
    const step = steps[i] as { sql: number | string; bound: unknown };
    answers[i] = prepare(step.sql).run(step.bound).changes;
  }
  return answers;
}

/** The last batch that failed here (or was refused after one that did). */
let lastFailed = 0;

parentPort!.on('message', (job: Batch) => {
  // SQL texts are sent once: kept even from a batch that does not run, for the ones after it.
  for (const [n, sql] of job.defs ?? []) byId.set(n, define(sql));
  if (job.follows !== undefined && job.follows === lastFailed) {
    // Sent ahead behind a batch that failed: running it now would commit it before that one's
    // retry. The sender retries it after.
    lastFailed = job.id;
    parentPort!.postMessage({ id: job.id, ok: false, error: { message: `batch ${job.follows} before it failed`, code: PREDECESSOR_FAILED } });
    return;
  }
  try {
    const steps = decode(job);
    db.exec('BEGIN IMMEDIATE');
    const changes = run(steps);
    db.exec('COMMIT');
    parentPort!.postMessage({ id: job.id, ok: true, changes });
    sinceCheckpoint += changes.length;
    if (sinceCheckpoint >= CHECKPOINT_EVERY_STATEMENTS) checkpoint();
  } catch (err) {
    try {
      if (db.inTransaction) db.exec('ROLLBACK');
    } catch {
      // The connection rolls back by itself on some errors; nothing more to undo.
    }
    lastFailed = job.id;
    const e = err as { message?: string; code?: string };
    parentPort!.postMessage({ id: job.id, ok: false, error: { message: e?.message ?? String(err), code: e?.code } });
  }
});
parentPort!.postMessage({ ready: true });
