import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../core/errors';
import { isGuard, type BatchStep, type BatchWriter, type WriteOptions } from './batch-writer';

/**
 * A BatchWriter that commits on its own thread. A commit to a local libSQL file runs (and waits
 * for its fsync) synchronously, blocking the event loop of whoever calls it; done here, the HTTP
 * side keeps reading and verifying the next requests meanwhile, and they form the next group.
 * The thread runs batches in the order they were sent, and a batch sent while the one before is
 * pending runs only if that one did not fail (`pipelined`): the intake may send a group ahead.
 */
export interface ThreadWriterOptions {
  busyTimeoutMs?: number;
  /** How long to wait for the thread to open the database. */
  startTimeoutMs?: number;
}

/** SQL number 0 is not SQL: a signature guard (see the worker). Interned texts start at 1. */
export const GUARD = 0;

/** Distinct SQL texts sent by number; beyond this, SQL is sent as text (the thread still caches it). */
const MAX_INTERNED = 512;

interface Pending {
  resolve(changes: number[]): void;
  reject(err: unknown): void;
}

type Reply =
  | { ready: true }
  | { id: number; ok: true; changes: number[] }
  | { id: number; ok: false; error: { message: string; code?: string } };

/**
 * Source for a worker thread that runs a TypeScript module: a worker does not inherit the
 * parent's module hooks, so the thread registers tsx itself before loading the entry.
 * Use with `new Worker(source, { eval: true })`.
 */
export function tsWorkerSource(entry: URL): string {
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
  return `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })`;
}

export async function startThreadWriter(path: string, opts: ThreadWriterOptions = {}): Promise<BatchWriter & { thread: Worker }> {
  const worker = new Worker(tsWorkerSource(new URL('./thread-writer-worker.ts', import.meta.url)), {
    eval: true,
    workerData: { path, busyTimeoutMs: opts.busyTimeoutMs ?? 5000 },
  });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let failure: Error | undefined;
  let closing = false;
  const inflight = new Set<Promise<void>>();
  /** SQL texts the thread has prepared, by number (see the worker's Job). */
  const sqlIds = new Map<string, number>();

  const failAll = (err: Error) => {
    failure ??= err;
    const down = new AppError('IntakeWriterDown', `intake writer thread failed: ${err.message}`, { errorClass: 'transient', status: 503, cause: err });
    for (const p of pending.values()) p.reject(down);
    pending.clear();
  };

  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('intake writer thread did not start')), opts.startTimeoutMs ?? 15_000);
      const fail = (err: Error) => {
        clearTimeout(timer);
        reject(err);
      };
      worker.once('message', (m: Reply) => {
        clearTimeout(timer);
        if ('ready' in m) resolve();
        else reject(new Error('intake writer thread answered before it was ready'));
      });
      worker.once('error', fail);
      worker.once('exit', (code) => fail(new Error(`intake writer thread exited while starting (code ${code})`)));
    });
  } catch (err) {
    await worker.terminate();
    throw err;
  }

  worker.on('message', (m: Reply) => {
    if ('ready' in m) return;
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.ok) p.resolve(m.changes);
    else p.reject(Object.assign(new Error(m.error.message), { code: m.error.code }));
  });
  worker.on('error', (err) => failAll(err));
  worker.on('exit', (code) => {
    if (!closing) failAll(new Error(`intake writer thread exited (code ${code})`));
  });

  /** The last batch sent: a batch sent while it is pending follows it (see the worker). */
  let lastSent = 0;

  return {
    name: 'thread',
    pipelined: true,
    thread: worker,
    write(steps: BatchStep[], opts: WriteOptions = {}) {
      if (failure) {
        return Promise.reject(new AppError('IntakeWriterDown', `intake writer thread failed: ${failure.message}`, { errorClass: 'transient', status: 503 }));
      }
      if (closing) return Promise.reject(new AppError('IntakeStopping', 'intake is stopping', { errorClass: 'transient', status: 503 }));
      const id = nextId++;
      const { defs, plan, args, keys } = encode(steps, sqlIds);
      const done = new Promise<number[]>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        const batch: Record<string, unknown> = { id, plan, args };
        // A retry follows nothing: what was sent meanwhile is what waits for it.
        if (!opts.retry && pending.has(lastSent)) batch.follows = lastSent;
        lastSent = id;
        if (defs.length) batch.defs = defs;
        if (keys.length) batch.keys = keys;
        worker.postMessage(batch);
      });
      const settled = done.then(() => undefined, () => undefined);
      inflight.add(settled);
      void settled.finally(() => inflight.delete(settled));
      return done;
    },
    async close() {
      closing = true;
      await Promise.all([...inflight]);
      await worker.terminate();
    },
  };
}

/**
 * A guard's body is usually an argument of the statement right after it (the delivery it guards
 * stores it): then only its position there is sent, not a second copy of the text.
 */
function bodyRef(body: string, next: BatchStep | undefined): string | number {
  const args = next && typeof next === 'object' && !isGuard(next) && Array.isArray(next.args) ? next.args : undefined;
  const at = args ? args.indexOf(body) : -1;
  return at >= 0 ? at : body;
}

/**
 * A batch as the thread receives it (see the worker's Batch): each statement's SQL by number (its
 * text sent once, in `defs`), then its argument count, with every argument in one flat array.
 * Cloning two flat arrays into the thread costs far less than one small array per statement.
 * A signature guard is SQL number 0 (GUARD), with its six values as arguments: its key by number
 * (the keys in `keys`), and for its body the position of that text among the next statement's
 * arguments when it is one of them.
 */
function encode(steps: BatchStep[], sqlIds: Map<string, number>) {
  const defs: Array<[number, string]> = [];
  const plan: Array<number | string> = [];
  const args: unknown[] = [];
  const keys: Uint8Array[] = [];
  const keyIds = new Map<Uint8Array, number>();
  for (let i = 0; i < steps.length; i++) {
    const st = steps[i];
    if (isGuard(st)) {
      // A store's key is one object, and a batch holds many of its webhooks: each key is sent once.
      let k = keyIds.get(st.key);
      if (k === undefined) keyIds.set(st.key, (k = keys.push(st.key) - 1));
      plan.push(GUARD, 6);
      args.push(st.covers, k, st.id, st.timestamp, st.signature, bodyRef(st.body, steps[i + 1]));
      continue;
    }
    const { sql, args: a } = typeof st === 'string' ? { sql: st, args: undefined } : st;
    let n = sqlIds.get(sql);
    if (n === undefined && sqlIds.size < MAX_INTERNED) {
      n = sqlIds.size + 1;
      sqlIds.set(sql, n);
      defs.push([n, sql]);
    }
    plan.push(n ?? sql);
    if (Array.isArray(a)) {
      plan.push(a.length);
      for (const v of a) args.push(v);
    } else {
      // Named arguments travel as their object: -1 says so.
      plan.push(-1);
      args.push(a ?? {});
    }
  }
  return { defs, plan, args, keys };
}
