import type { InStatement } from '@libsql/client';
import { targetLimitSql, type TargetLimits } from './target-limits';

/** Columns a claim returns: everything a handler's JobRecord needs. */
export const CLAIM_COLUMNS = `seq, id, kind, store_id, ordering_key, target, payload, delivery_id, attempts,
  attempts_base, max_attempts, error_class, created_at, started_at`;

const LEASE_EXPIRED_MESSAGE = 'lease expired: the worker stopped answering (crashed, killed or stalled)';

/**
 * Expired leases, taken back before each claim (same transaction). The attempt that lost its
 * lease is closed as lease_lost with class unknown_outcome (it may have written before it died, so
 * the next attempt reconciles first); the job returns to retrying at once, or is dead when its budget is
 * used up (a job that kills its worker every time must not loop forever), or cancelled when a
 * cancellation was asked for while it ran.
 */
export function reapStatements(now: number): InStatement[] {
  return [
    {
      sql: `INSERT INTO job_attempts (job_id, attempt_no, worker, started_at, ended_at, outcome, error_class, error_code, message)
        SELECT id, attempts, coalesce(lease_owner, ''), coalesce(started_at, :now), :now, 'lease_lost', 'unknown_outcome', 'LeaseExpired', :msg
        FROM jobs WHERE state = 'running' AND lease_expires_at <= :now`,
      args: { now, msg: LEASE_EXPIRED_MESSAGE },
    },
    {
      sql: `UPDATE jobs SET
          state = CASE WHEN cancel_requested_at IS NOT NULL THEN 'cancelled'
                       WHEN attempts - attempts_base >= max_attempts THEN 'dead' ELSE 'retrying' END,
          finished_at = CASE WHEN cancel_requested_at IS NOT NULL OR attempts - attempts_base >= max_attempts THEN :now END,
          run_at = :now, lease_expires_at = NULL, updated_at = :now,
          error_class = 'unknown_outcome', error_code = 'LeaseExpired', last_error = :msg
        WHERE state = 'running' AND lease_expires_at <= :now`,
      args: { now, msg: LEASE_EXPIRED_MESSAGE },
    },
  ];
}

export interface ClaimParams {
  owner: string;
  now: number;
  leaseMs: number;
  /** At most this many jobs (the worker's free slots). */
  limit: number;
  targetLimits: TargetLimits;
  defaultTargetLimit?: number;
  /** Job kinds this worker has handlers for; others wait for a worker that knows them. */
  kinds: readonly string[];
}

/**
 * One atomic UPDATE ... RETURNING that leases up to `limit` runnable jobs. A job is runnable when:
 *   - it is queued or retrying, its run_at has come, and this worker knows its kind (a kind only a
 *     newer version handles waits for that version, e.g. during a rolling deploy);
 *   - its ordering key is free: no job of the same store and key is running, and none earlier
 *     (lower seq) is queued or retrying. held and dead jobs do not hold their key;
 *   - its target has room: running jobs of the target + the ones taken in this claim <= limit.
 * Jobs that fail the key or target test are filtered before the scan's LIMIT, so a backlog for one
 * busy target never hides the jobs behind it. The window function then ranks the candidates of
 * each target so one claim cannot overfill a target either.
 */
export function claimStatement(p: ClaimParams): InStatement {
  const lim = targetLimitSql('j.target', p.targetLimits, p.defaultTargetLimit);
  const running = `(SELECT count(*) FROM jobs x WHERE x.state = 'running' AND x.target = j.target)`;
  const sql = `UPDATE jobs SET state = 'running', lease_owner = :owner, lease_expires_at = :expires,
      attempts = attempts + 1, started_at = :now, updated_at = :now
    WHERE seq IN (
      SELECT seq FROM (
        SELECT c.seq, c.target, c.room, c.priority, c.run_at,
          row_number() OVER (PARTITION BY c.target ORDER BY c.priority DESC, c.run_at, c.seq) AS rn
        FROM (
          SELECT j.seq, j.target, j.priority, j.run_at,
            CASE WHEN j.target IS NULL THEN NULL ELSE ${lim.sql} - ${running} END AS room
          FROM jobs j
          WHERE j.state IN ('queued', 'retrying') AND j.run_at <= :now
            AND j.kind IN (SELECT value FROM json_each(:kinds))
            AND (j.ordering_key IS NULL OR NOT EXISTS (
              SELECT 1 FROM jobs o
              WHERE o.store_id = j.store_id AND o.ordering_key = j.ordering_key
                AND ((o.seq < j.seq AND o.state IN ('queued', 'retrying')) OR o.state = 'running')))
            AND (j.target IS NULL OR ${running} < ${lim.sql})
          ORDER BY j.priority DESC, j.run_at, j.seq
          LIMIT :scan
        ) c
      )
      WHERE target IS NULL OR rn <= room
      ORDER BY priority DESC, run_at, seq
      LIMIT :limit
    )
    RETURNING ${CLAIM_COLUMNS}`;
  return {
    sql,
    args: {
      ...lim.args,
      owner: p.owner,
      now: p.now,
      expires: p.now + p.leaseMs,
      limit: p.limit,
      kinds: JSON.stringify(p.kinds),
      // Room for candidates the target ranking will drop, without walking the whole backlog.
      scan: Math.max(64, p.limit * 4),
    },
  };
}

/** A cheap read that says whether a claim could find anything: lets an idle worker skip the write lock. */
export function claimableProbe(now: number, kinds: readonly string[]): InStatement {
  return {
    sql: `SELECT EXISTS (SELECT 1 FROM jobs WHERE state IN ('queued', 'retrying') AND run_at <= :now
          AND kind IN (SELECT value FROM json_each(:kinds)))
        OR EXISTS (SELECT 1 FROM jobs WHERE state = 'running' AND lease_expires_at <= :now) AS ready`,
    args: { now, kinds: JSON.stringify(kinds) },
  };
}
