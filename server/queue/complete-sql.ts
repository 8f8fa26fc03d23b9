import type { InStatement } from '@libsql/client';
import type { ErrorClass } from '../core/errors';

/**
 * How one attempt ended, as the worker hands it to the group commit.
 *   succeeded  the handler returned
 *   retrying   it threw a retryable error; runs again at runAt
 *   dead       it threw a permanent error, or its budget is used up: the exception list
 *   held       it returned { status: 'held' }: a business rule stopped it
 *   released   the worker is stopping and gave the job back before it ended (outcome unknown)
 */
export interface AttemptEnd {
  id: string;
  attempt: number;
  next: 'succeeded' | 'retrying' | 'dead' | 'held' | 'released';
  runAt?: number;
  errorClass?: ErrorClass | null;
  errorCode?: string | null;
  message?: string | null;
  /** JSON text for the job's result column (handler result, or a held job's detail). */
  resultJson?: string | null;
}

const ATTEMPT_OUTCOME = `CASE o.next WHEN 'succeeded' THEN 'succeeded' WHEN 'held' THEN 'held'
  WHEN 'released' THEN 'lease_lost' ELSE 'failed' END`;

/** The rows of a flush as a derived table, so a whole group commits in two statements. */
const ROWS = `(SELECT json_extract(value, '$.id') AS id, json_extract(value, '$.attempt') AS attempt,
    json_extract(value, '$.next') AS next, json_extract(value, '$.runAt') AS run_at,
    json_extract(value, '$.errorClass') AS error_class, json_extract(value, '$.errorCode') AS error_code,
    json_extract(value, '$.message') AS message, json_extract(value, '$.resultJson') AS result
  FROM json_each(:rows))`;

/** The lease guard: only the worker that holds this very attempt may end it. */
const GUARD = `j.state = 'running' AND j.lease_owner = :owner AND j.attempts = o.attempt`;

/**
 * Ends a group of attempts in one transaction: their attempt rows, then their jobs' new states.
 * A job whose lease this worker lost (taken over after expiry) matches neither statement, so a
 * stale worker can never overwrite the newer attempt. The UPDATE returns the jobs it ended.
 * A job whose cancellation was asked for while it ran ends cancelled, whatever the handler said.
 */
export function completionStatements(owner: string, now: number, ends: AttemptEnd[]): InStatement[] {
  const rows = JSON.stringify(ends.map((e) => ({
    id: e.id, attempt: e.attempt, next: e.next, runAt: e.runAt ?? now,
    errorClass: e.errorClass ?? (e.next === 'released' ? 'unknown_outcome' : null),
    errorCode: e.errorCode ?? (e.next === 'released' ? 'Released' : null),
    message: e.message ?? (e.next === 'released' ? 'released: the worker stopped before the attempt ended' : null),
    resultJson: e.resultJson ?? null,
  })));
  const args = { owner, now, rows };
  return [
    {
      sql: `INSERT INTO job_attempts (job_id, attempt_no, worker, started_at, ended_at, outcome, error_class, error_code, message)
        SELECT j.id, j.attempts, j.lease_owner, coalesce(j.started_at, :now), :now, ${ATTEMPT_OUTCOME},
          o.error_class, o.error_code, o.message
        FROM ${ROWS} o JOIN jobs j ON j.id = o.id
        WHERE ${GUARD}`,
      args,
    },
    {
      sql: `UPDATE jobs AS j SET
          state = CASE WHEN j.cancel_requested_at IS NOT NULL THEN 'cancelled'
                       WHEN o.next = 'released' THEN 'retrying' ELSE o.next END,
          run_at = CASE WHEN o.next IN ('retrying', 'released') THEN o.run_at ELSE j.run_at END,
          finished_at = CASE WHEN j.cancel_requested_at IS NOT NULL OR o.next IN ('succeeded', 'dead') THEN :now END,
          error_class = o.error_class,
          error_code = CASE WHEN j.cancel_requested_at IS NOT NULL THEN 'Cancelled'
                            WHEN o.next = 'held' THEN 'Held' ELSE o.error_code END,
          last_error = CASE WHEN j.cancel_requested_at IS NOT NULL
                              THEN 'cancelled while running; the attempt ended ' || ${ATTEMPT_OUTCOME}
                            ELSE o.message END,
          result = CASE WHEN o.next IN ('succeeded', 'held') THEN o.result ELSE j.result END,
          lease_expires_at = NULL, updated_at = :now
        FROM ${ROWS} o
        WHERE j.id = o.id AND ${GUARD}
        RETURNING id, attempts, state`,
      args,
    },
  ];
}

/**
 * Extends the leases of the jobs this worker still runs. Returns the ones it still holds, with
 * their cancellation mark: a job missing from the answer was taken over (its handler is aborted).
 */
export function heartbeatStatement(owner: string, now: number, leaseMs: number, held: Array<{ id: string; attempt: number }>): InStatement {
  return {
    sql: `UPDATE jobs AS j SET lease_expires_at = :expires
      FROM (SELECT json_extract(value, '$[0]') AS id, json_extract(value, '$[1]') AS attempt FROM json_each(:held)) o
      WHERE j.id = o.id AND ${GUARD}
      RETURNING id, attempts, cancel_requested_at`,
    args: { owner, expires: now + leaseMs, held: JSON.stringify(held.map((h) => [h.id, h.attempt])) },
  };
}

/** The condition for a follow-up job: its parent's attempt ended well (succeeded or held) and was not cancelled. */
export function parentEndedWell(parentId: string, owner: string, attempt: number): { sql: string; args: [string, string, number] } {
  return {
    sql: `EXISTS (SELECT 1 FROM jobs WHERE id = ? AND lease_owner = ? AND attempts = ? AND state IN ('succeeded', 'held'))`,
    args: [parentId, owner, attempt],
  };
}
