import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { systemClock, type Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import type { Database } from '../db/client';
import { withBusyRetry } from './busy-retry';
import { claimableProbe } from './claim-sql';
import { heartbeatStatement } from './complete-sql';
import { runJob, type ClaimedJob } from './job-runner';
import { DEFAULT_TARGET_LIMIT, type TargetLimits } from './target-limits';
import type { HandlerMap } from './types';
import { notifyWorkers, onJobsEnqueued } from './wake';
import { attemptKey as slot, runTick, type Ending, type TickResult } from './worker-tick';

export interface WorkerOptions {
  database: Database;
  handlers: HandlerMap;
  /** Jobs run at once by this worker (global concurrency). */
  concurrency?: number;
  /** Per-target limits by prefix, e.g. { 'sage-write': 1 }; targets matching none get defaultTargetLimit. */
  targetLimits?: TargetLimits;
  defaultTargetLimit?: number;
  /** How long a claim holds a job without a heartbeat; a dead worker's jobs come back after it. */
  leaseMs?: number;
  /** Poll for work from other processes (and for retries coming due) this often. */
  pollIntervalMs?: number;
  /** Unique per worker; appears on jobs and attempts. */
  owner?: string;
  clock?: Clock;
  log: Logger;
  /** Jitter source for the retry policy. */
  random?: () => number;
}

export interface WorkerStatus {
  owner: string;
  started: boolean;
  stopping: boolean;
  concurrency: number;
  inFlight: number;
  claimed: number;
  ended: number;
  lastClaimAt: number | null;
  consecutiveErrors: number;
  lastError: string | null;
}

export interface Worker {
  readonly owner: string;
  start(): void;
  /** Claims nothing new, waits for running jobs up to the deadline, then gives the rest back. */
  stop(opts?: { deadlineMs?: number }): Promise<void>;
  /** Wake the claim loop now (called for jobs enqueued in this process). */
  notify(): void;
  /** Extend the leases of running jobs now (also runs on a timer at a third of leaseMs). */
  heartbeat(): Promise<void>;
  status(): WorkerStatus;
}

interface InFlight {
  claimed: ClaimedJob;
  controller: AbortController;
  /** The handler has returned or thrown (its end may still wait for the next commit). */
  handlerDone: boolean;
  /** Given back at stop, or taken over by another worker: its end must not be recorded. */
  abandoned: boolean;
}

/** Most attempt ends recorded in one transaction. */
const MAX_ENDS_PER_TICK = 2_000;

export function createWorker(opts: WorkerOptions): Worker {
  const client = opts.database.client;
  const clock = opts.clock ?? systemClock;
  const concurrency = Math.max(1, opts.concurrency ?? 8);
  const leaseMs = opts.leaseMs ?? 30_000;
  const pollMs = opts.pollIntervalMs ?? 250;
  const owner = opts.owner ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const random = opts.random ?? Math.random;
  const log = opts.log.child({ worker: owner });
  const kinds = Object.keys(opts.handlers);
  const claimParams = {
    leaseMs, kinds,
    targetLimits: opts.targetLimits ?? {},
    defaultTargetLimit: opts.defaultTargetLimit ?? DEFAULT_TARGET_LIMIT,
  };
  // Keyed by job and attempt: after a stall this worker may claim again a job whose older attempt
  // it still runs, and the two must not be confused.
  const inFlight = new Map<string, InFlight>();
  /** Ends of attempts waiting for the next transaction (group commit). */
  const pending: Ending[] = [];
  const stats = { claimed: 0, ended: 0, lastClaimAt: null as number | null, consecutiveErrors: 0, lastError: null as string | null };

  let started = false;
  let stopping = false;
  let deadlinePassed = false;
  let loopDone: Promise<void> = Promise.resolve();
  let wakeUp: (() => void) | null = null;
  let woken = false;
  let heartbeatTimer: NodeJS.Timeout | undefined;
  let unsubscribe: () => void = () => {};
  // After a claim that came back short, ask a cheap read first: an idle worker then never takes the write lock.
  let idle = false;
  // Expired leases are looked for once per poll interval, not in every transaction: a lease lasts
  // seconds, so a quarter second more before a dead worker's job comes back costs nothing, while
  // the two statements in every turn were a fifth of a busy worker's database time.
  let nextReapAt = -Infinity;

  function notify() {
    woken = true;
    wakeUp?.();
  }

  function waitForWake(ms: number): Promise<void> {
    if (woken) {
      woken = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = null;
        woken = false;
        resolve();
      }
      wakeUp = done;
    });
  }

  /**
   * The worker's only writer: each turn records the attempts that ended since the last one and
   * claims jobs for the free slots, in one transaction. While it commits, more ends pile up and go
   * together in the next turn.
   */
  async function loop() {
    for (;;) {
      if (stopping && pending.length === 0 && [...inFlight.values()].every((f) => f.abandoned)) return;
      // Let the handlers that finish in this turn of the event loop join this commit.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const endings = pending.splice(0, MAX_ENDS_PER_TICK);
      const free = stopping ? 0 : concurrency - inFlight.size + endings.length;
      let result: TickResult;
      try {
        let claim = free > 0;
        if (claim && endings.length === 0 && idle) {
          const probe = await client.execute(claimableProbe(clock.now(), kinds));
          claim = Number(probe.rows[0]?.ready) === 1;
        }
        if (endings.length === 0 && !claim) {
          await waitForWake(pollMs);
          continue;
        }
        const now = clock.now();
        const reap = claim && now >= nextReapAt;
        result = await runTick(client, { owner, now, endings, claim: claim ? { ...claimParams, limit: free } : null, reap });
        if (reap) nextReapAt = now + pollMs;
        if (claim) {
          stats.lastClaimAt = clock.now();
          idle = result.claimed.length < free;
        }
        stats.consecutiveErrors = 0;
      } catch (err) {
        pending.unshift(...endings);
        stats.consecutiveErrors++;
        stats.lastError = (err as Error).message;
        if (stopping && deadlinePassed) {
          log.error({ err, ends: pending.length }, 'stopping: cannot record the last job ends; their leases will expire and they run again');
          pending.length = 0;
          return;
        }
        log.error({ err }, 'worker transaction failed');
        // Back off, but let stop() (which notifies) end the wait at once.
        await waitForWake(Math.min(5_000, pollMs * stats.consecutiveErrors));
        continue;
      }
      settle(endings, result.applied);
      if (result.reaped > 0) log.warn({ jobs: result.reaped }, 'took back jobs whose lease expired');
      for (const job of result.claimed) start(job);
      // Nothing ended and the claim came back short: nothing to do until a job ends, one is
      // enqueued here, or the poll comes round (work from other processes, retries coming due).
      if (endings.length === 0 && result.claimed.length < free) await waitForWake(pollMs);
    }
  }

  function settle(endings: Ending[], applied: Set<string>) {
    for (const { end } of endings) {
      inFlight.delete(slot(end.id, end.attempt));
      stats.ended++;
      if (!applied.has(slot(end.id, end.attempt)) && end.next !== 'released') {
        log.warn({ jobId: end.id }, 'lease was lost before the job ended; its result is discarded');
      }
    }
    if (endings.some((e) => e.followUps.length)) notifyWorkers();
  }

  function start(claimed: ClaimedJob) {
    const { record } = claimed;
    const entry: InFlight = { claimed, controller: new AbortController(), handlerDone: false, abandoned: false };
    inFlight.set(slot(record.id, record.attempt), entry);
    stats.claimed++;
    const jobLog = log.child({ jobId: record.id, kind: record.kind, attempt: record.attempt });
    void runJob(claimed, opts.handlers, { log: jobLog, signal: entry.controller.signal, now: () => clock.now(), random })
      .then(({ end, followUps, records }) => {
        entry.handlerDone = true;
        if (entry.abandoned) {
          inFlight.delete(slot(record.id, record.attempt));
        } else {
          if (end.next === 'dead') jobLog.warn({ code: end.errorCode, error: end.message }, 'job failed for good');
          else if (end.next === 'retrying') jobLog.info({ code: end.errorCode, error: end.message, runAt: end.runAt }, 'job will retry');
          else if (end.next === 'held') jobLog.info({ reason: end.message }, 'job held');
          pending.push({ end, followUps, records });
        }
        notify();
      });
  }

  async function heartbeat() {
    const held = [...inFlight.values()].filter((f) => !f.abandoned);
    if (held.length === 0) return;
    const stmt = heartbeatStatement(owner, clock.now(), leaseMs, held.map((f) => ({ id: f.claimed.record.id, attempt: f.claimed.record.attempt })));
    const rs = await withBusyRetry(() => client.execute(stmt));
    const still = new Map(rs.rows.map((r) => [slot(String(r.id), Number(r.attempts)), r.cancel_requested_at]));
    for (const f of held) {
      const id = f.claimed.record.id;
      const key = slot(id, f.claimed.record.attempt);
      if (f.handlerDone) continue;
      if (!still.has(key)) {
        f.abandoned = true;
        f.controller.abort(new Error('lease lost: another worker took this job over'));
        log.warn({ jobId: id }, 'lease lost while running; aborting the handler');
      } else if (still.get(key) !== null && !f.controller.signal.aborted) {
        f.controller.abort(new Error('job cancelled while running'));
      }
    }
  }

  let stopped: Promise<void> | undefined;
  function stop(o: { deadlineMs?: number } = {}): Promise<void> {
    if (!started) return Promise.resolve();
    stopped ??= stopNow(o.deadlineMs ?? 10_000);
    return stopped;
  }

  async function stopNow(deadlineMs: number) {
    stopping = true;
    notify();
    // Past the deadline, jobs still running are given back (released), so another worker can
    // take them at once instead of waiting for the lease to expire.
    const timer = setTimeout(() => {
      deadlinePassed = true;
      const late = [...inFlight.values()].filter((f) => !f.handlerDone && !f.abandoned);
      if (late.length) log.warn({ jobs: late.length }, 'stop deadline passed: giving running jobs back');
      for (const f of late) {
        f.abandoned = true;
        f.controller.abort(new Error('worker stopping'));
        pending.push({ end: { id: f.claimed.record.id, attempt: f.claimed.record.attempt, next: 'released' }, followUps: [] });
      }
      notify();
    }, deadlineMs);
    await loopDone;
    clearTimeout(timer);
    clearInterval(heartbeatTimer);
    unsubscribe();
    log.info({ claimed: stats.claimed, ended: stats.ended }, 'worker stopped');
  }

  return {
    owner,
    start() {
      if (started) return;
      started = true;
      unsubscribe = onJobsEnqueued(notify);
      heartbeatTimer = setInterval(() => {
        heartbeat().catch((err) => log.warn({ err }, 'heartbeat failed'));
      }, Math.max(20, Math.floor(leaseMs / 3)));
      heartbeatTimer.unref();
      loopDone = loop().catch((err) => log.error({ err }, 'worker loop crashed'));
      log.info({ concurrency, leaseMs }, 'worker started');
    },
    stop,
    notify,
    heartbeat,
    status: () => ({
      owner, started, stopping, concurrency, inFlight: inFlight.size, claimed: stats.claimed, ended: stats.ended,
      lastClaimAt: stats.lastClaimAt, consecutiveErrors: stats.consecutiveErrors, lastError: stats.lastError,
    }),
  };
}
