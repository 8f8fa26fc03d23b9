import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { InStatement } from '@libsql/client';
import { systemClock, sleep, type Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import type { Database } from '../db/client';
import { withBusyRetry } from './busy-retry';
import { claimStatement, claimableProbe, reapStatements } from './claim-sql';
import { completionStatements, heartbeatStatement, parentEndedWell, type AttemptEnd } from './complete-sql';
import { jobInsertStatement } from './enqueue-sql';
import { GroupCommit } from './group-commit';
import { claimedJob, runJob, type ClaimedJob, type FollowUp } from './job-runner';
import { DEFAULT_TARGET_LIMIT, type TargetLimits } from './target-limits';
import type { HandlerMap } from './types';
import { notifyWorkers, onJobsEnqueued } from './wake';

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
  /** The handler has returned or thrown (its end may still be waiting for the group commit). */
  handlerDone: boolean;
  /** Given back at stop, or taken over by another worker: its end must not be recorded. */
  abandoned: boolean;
  /** Settles when the job has left this worker (its end committed, or given up on). */
  settled: Promise<void>;
}

interface Ending {
  end: AttemptEnd;
  followUps: FollowUp[];
}

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
  const inFlight = new Map<string, InFlight>();
  const stats = { claimed: 0, ended: 0, lastClaimAt: null as number | null, consecutiveErrors: 0, lastError: null as string | null };

  let started = false;
  let stopping = false;
  let loopDone: Promise<void> = Promise.resolve();
  let wakeUp: (() => void) | null = null;
  let woken = false;
  let heartbeatTimer: NodeJS.Timeout | undefined;
  let unsubscribe: () => void = () => {};
  // After a claim that came back short, ask a cheap read first: an idle worker then never takes the write lock.
  let idle = false;

  const commits = new GroupCommit<Ending, Set<string>>(commitEnds);

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

  async function claim(limit: number): Promise<ClaimedJob[]> {
    const now = clock.now();
    if (idle) {
      const probe = await client.execute(claimableProbe(now, kinds));
      if (!Number(probe.rows[0]?.ready)) return [];
    }
    const stmt = claimStatement({
      owner, now, leaseMs, limit, kinds,
      targetLimits: opts.targetLimits ?? {},
      defaultTargetLimit: opts.defaultTargetLimit ?? DEFAULT_TARGET_LIMIT,
    });
    const rs = await withBusyRetry(() => client.batch([...reapStatements(now), stmt], 'write'));
    if (rs[1].rowsAffected > 0) log.warn({ jobs: rs[1].rowsAffected }, 'took back jobs whose lease expired');
    const jobs = rs[2].rows.map(claimedJob).sort((a, b) => a.record.seq - b.record.seq);
    idle = jobs.length < limit;
    return jobs;
  }

  async function loop() {
    while (!stopping) {
      const free = concurrency - inFlight.size;
      if (free <= 0) {
        await waitForWake(pollMs);
        continue;
      }
      let jobs: ClaimedJob[];
      try {
        jobs = await claim(free);
        stats.consecutiveErrors = 0;
        stats.lastClaimAt = clock.now();
      } catch (err) {
        stats.consecutiveErrors++;
        stats.lastError = (err as Error).message;
        log.error({ err }, 'claim failed');
        // Back off, but let stop() (which notifies) end the wait at once.
        await waitForWake(Math.min(5_000, pollMs * stats.consecutiveErrors));
        continue;
      }
      for (const job of jobs) start(job);
      // A full claim means there may be more: go again once slots free up. A short one: wait.
      if (jobs.length < free) await waitForWake(pollMs);
    }
  }

  function start(claimed: ClaimedJob) {
    const { record } = claimed;
    const entry: InFlight = {
      claimed, controller: new AbortController(), handlerDone: false, abandoned: false, settled: Promise.resolve(),
    };
    inFlight.set(record.id, entry);
    stats.claimed++;
    const jobLog = log.child({ jobId: record.id, kind: record.kind, attempt: record.attempt });
    entry.settled = runJob(claimed, opts.handlers, { log: jobLog, signal: entry.controller.signal, now: () => clock.now(), random })
      .then(async ({ end, followUps }) => {
        entry.handlerDone = true;
        if (entry.abandoned) return;
        if (end.next === 'dead') jobLog.warn({ code: end.errorCode, error: end.message }, 'job failed for good');
        else if (end.next === 'retrying') jobLog.info({ code: end.errorCode, error: end.message, runAt: end.runAt }, 'job will retry');
        else if (end.next === 'held') jobLog.info({ reason: end.message }, 'job held');
        await recordEnd(end, followUps);
      })
      .catch((err) => log.error({ err, jobId: record.id }, 'could not record the end of a job; its lease will expire and it runs again'))
      .finally(() => {
        inFlight.delete(record.id);
        notify();
      });
  }

  async function recordEnd(end: AttemptEnd, followUps: FollowUp[]) {
    const applied = await commits.add({ end, followUps });
    stats.ended++;
    if (!applied.has(end.id)) log.warn({ jobId: end.id }, 'lease was lost before the job ended; its result is discarded');
  }

  /** One write transaction for a whole group of ends and their follow-up jobs. */
  async function commitEnds(endings: Ending[]): Promise<Set<string>> {
    for (let attempt = 1; ; attempt++) {
      try {
        const now = clock.now();
        const stmts: InStatement[] = completionStatements(owner, now, endings.map((e) => e.end));
        for (const { end, followUps } of endings) {
          for (const f of followUps) {
            stmts.push(jobInsertStatement(f.input, now, { id: f.id, onlyIf: parentEndedWell(end.id, owner, end.attempt) }).stmt);
          }
        }
        const rs = await withBusyRetry(() => client.batch(stmts, 'write'), { attempts: 20 });
        if (endings.some((e) => e.followUps.length)) notifyWorkers();
        return new Set(rs[1].rows.map((r) => String(r.id)));
      } catch (err) {
        if (attempt >= 5) throw err;
        log.warn({ err, attempt }, 'committing job ends failed; trying again');
        await sleep(100 * attempt);
      }
    }
  }

  async function heartbeat() {
    const held = [...inFlight.values()].filter((f) => !f.abandoned);
    if (held.length === 0) return;
    const stmt = heartbeatStatement(owner, clock.now(), leaseMs, held.map((f) => ({ id: f.claimed.record.id, attempt: f.claimed.record.attempt })));
    const rs = await withBusyRetry(() => client.execute(stmt));
    const still = new Map(rs.rows.map((r) => [String(r.id), r.cancel_requested_at]));
    for (const f of held) {
      const id = f.claimed.record.id;
      if (f.handlerDone) continue;
      if (!still.has(id)) {
        f.abandoned = true;
        f.controller.abort(new Error('lease lost: another worker took this job over'));
        log.warn({ jobId: id }, 'lease lost while running; aborting the handler');
      } else if (still.get(id) !== null && !f.controller.signal.aborted) {
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
    await loopDone;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all([...inFlight.values()].map((f) => f.settled)),
      new Promise<void>((resolve) => { timer = setTimeout(resolve, deadlineMs); }),
    ]);
    clearTimeout(timer);
    const late = [...inFlight.values()].filter((f) => !f.handlerDone && !f.abandoned);
    if (late.length) {
      log.warn({ jobs: late.length }, 'stop deadline passed: giving running jobs back');
      for (const f of late) {
        f.abandoned = true;
        f.controller.abort(new Error('worker stopping'));
      }
      await Promise.allSettled(late.map((f) => recordEnd({ id: f.claimed.record.id, attempt: f.claimed.record.attempt, next: 'released' }, [])));
    }
    await commits.drain();
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
