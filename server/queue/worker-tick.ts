import type { Client, InStatement } from '@libsql/client';
import { withBusyRetry } from './busy-retry';
import { claimStatement, reapStatements, type ClaimParams } from './claim-sql';
import { completionStatements, parentEndedWell, type AttemptEnd } from './complete-sql';
import { jobInsertStatement } from './enqueue-sql';
import { claimedJob, type ClaimedJob, type FollowUp } from './job-runner';

/** One attempt of one job: a worker may hold two attempts of a job after a stall, never confused. */
export const attemptKey = (id: string, attempt: number) => `${id}#${attempt}`;

export interface Ending {
  end: AttemptEnd;
  followUps: FollowUp[];
  /** Written with the end whatever the outcome (JobContext.writeWithEnd). */
  records?: InStatement[];
}

export interface TickResult {
  /** attemptKeys of the attempts whose end was recorded (the others had lost their lease). */
  applied: Set<string>;
  claimed: ClaimedJob[];
  reaped: number;
}

/**
 * One write transaction of a worker: record the attempts that ended (with their follow-up jobs and
 * records), then take back expired leases (when `reap` says it is time) and claim new jobs. Ending
 * and claiming in the same commit halves the fsyncs per job, and a job freed by an end (the next
 * of its ordering key) can be claimed in that very transaction.
 */
export async function runTick(
  client: Client,
  t: { owner: string; now: number; endings: Ending[]; claim: Omit<ClaimParams, 'owner' | 'now'> | null; reap: boolean },
): Promise<TickResult> {
  const stmts: InStatement[] = [];
  let completionAt = -1;
  if (t.endings.length) {
    stmts.push(...completionStatements(t.owner, t.now, t.endings.map((e) => e.end)));
    completionAt = stmts.length - 1;
    for (const { end, followUps, records } of t.endings) {
      for (const f of followUps) {
        stmts.push(jobInsertStatement(f.input, t.now, { id: f.id, onlyIf: parentEndedWell(end.id, t.owner, end.attempt) }).stmt);
      }
      if (records) stmts.push(...records);
    }
  }
  let reapAt = -1;
  if (t.claim && t.reap) {
    stmts.push(...reapStatements(t.now));
    reapAt = stmts.length - 1;
  }
  const claimAt = t.claim ? stmts.push(claimStatement({ ...t.claim, owner: t.owner, now: t.now })) - 1 : -1;
  const rs = await withBusyRetry(() => client.batch(stmts, 'write'), { attempts: 20 });
  return {
    applied: new Set(completionAt >= 0 ? rs[completionAt].rows.map((r) => attemptKey(String(r.id), Number(r.attempts))) : []),
    claimed: claimAt >= 0 ? rs[claimAt].rows.map(claimedJob).sort((a, b) => a.record.seq - b.record.seq) : [],
    reaped: reapAt >= 0 ? rs[reapAt].rowsAffected : 0,
  };
}
