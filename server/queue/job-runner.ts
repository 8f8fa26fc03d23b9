import type { InStatement, Row } from '@libsql/client';
import { permanent, toAppError, type ErrorClass } from '../core/errors';
import { newId } from '../core/ids';
import type { Logger } from '../core/logger';
import type { AttemptEnd } from './complete-sql';
import { validate } from './enqueue';
import { retryPolicy } from './retry-policy';
import type { EnqueueInput, HandlerMap, JobRecord } from './types';

/** A claimed job as the worker keeps it: the record, plus the budget the retry policy needs. */
export interface ClaimedJob {
  record: JobRecord;
  /** Attempts used before the last manual retry (the budget counts from there). */
  attemptsBase: number;
  /** max_attempts as stored: the size of the budget. */
  budget: number;
}

export function claimedJob(row: Row): ClaimedJob {
  const attemptsBase = Number(row.attempts_base);
  const budget = Number(row.max_attempts);
  return {
    attemptsBase,
    budget,
    record: {
      id: String(row.id),
      seq: Number(row.seq),
      kind: String(row.kind),
      storeId: String(row.store_id),
      orderingKey: row.ordering_key === null ? null : String(row.ordering_key),
      target: row.target === null ? null : String(row.target),
      // Parsed lazily in runJob, so a bad payload fails that job alone.
      payload: row.payload,
      deliveryId: row.delivery_id === null ? null : String(row.delivery_id),
      attempt: Number(row.attempts),
      // The attempt number at which the job gives up, on the same scale as `attempt`.
      maxAttempts: attemptsBase + budget,
      previousErrorClass: (row.error_class ?? null) as ErrorClass | null,
      createdAt: Number(row.created_at),
    },
  };
}

export interface FollowUp {
  id: string;
  input: EnqueueInput;
}

export interface RunResult {
  end: AttemptEnd;
  followUps: FollowUp[];
  /** Records the handler asked to write with the end, whatever the outcome (ctx.writeWithEnd). */
  records: InStatement[];
}

/**
 * Runs one attempt and says how it ended. Never throws: a handler's error becomes a retry or a
 * dead letter by the retry policy. Follow-up jobs the handler enqueues are returned, not written:
 * the worker commits them with the attempt's end, so a failed attempt leaves none behind and its
 * retry does not make them twice.
 */
export async function runJob(
  claimed: ClaimedJob,
  handlers: HandlerMap,
  env: { log: Logger; signal: AbortSignal; now: () => number; random: () => number },
): Promise<RunResult> {
  const { record } = claimed;
  const followUps: FollowUp[] = [];
  const records: InStatement[] = [];
  const base = { id: record.id, attempt: record.attempt };
  try {
    const handler = handlers[record.kind];
    if (!handler) throw permanent('UnknownJobKind', `no handler for job kind "${record.kind}"`);
    if (typeof record.payload === 'string') record.payload = JSON.parse(record.payload);
    const outcome = await handler({
      job: record,
      log: env.log,
      signal: env.signal,
      enqueue: async (input) => {
        validate(input);
        const id = newId('job');
        followUps.push({ id, input });
        return id;
      },
      writeWithEnd: (stmt) => {
        if (typeof stmt === 'string' || !/^\s*(INSERT OR IGNORE|UPDATE) /i.test(stmt.sql)) {
          throw new Error('writeWithEnd takes INSERT OR IGNORE and UPDATE statements only');
        }
        records.push(stmt);
      },
    });
    if (outcome && outcome.status === 'held') {
      return {
        end: { ...base, next: 'held', message: outcome.reason, resultJson: json(outcome.detail) },
        followUps, records,
      };
    }
    return { end: { ...base, next: 'succeeded', resultJson: json(outcome?.result) }, followUps, records };
  } catch (err) {
    const e = toAppError(err);
    const decision = retryPolicy({
      attempt: record.attempt - claimed.attemptsBase,
      maxAttempts: claimed.budget,
      errorClass: e.errorClass,
      retryAfterMs: e.retryAfterMs,
      random: env.random(),
    });
    const error = { errorClass: e.errorClass, errorCode: e.code, message: e.message || e.code };
    if (decision.action === 'retry') {
      return { end: { ...base, ...error, next: 'retrying', runAt: env.now() + decision.delayMs }, followUps: [], records };
    }
    const why = decision.why === 'exhausted' && e.errorClass !== 'permanent'
      ? `gave up after ${claimed.budget} attempts: ${error.message}` : error.message;
    return { end: { ...base, ...error, message: why, next: 'dead' }, followUps: [], records };
  }
}

function json(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}
