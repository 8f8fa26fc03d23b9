import type { Client, InStatement } from '@libsql/client';
import { signatureMatches } from '../connectors/clarity/webhook-signature';

/**
 * Where intake commits: one write transaction per call, answering per step how many rows each
 * statement changed (a guarded INSERT that changed 0 rows stored nothing). Two implementations:
 * the shared libSQL client (libSQL servers, in-memory databases), and a writer thread for database
 * files (./thread-writer.ts), which keeps commits and their fsync off the event loop.
 */
export interface BatchWriter {
  readonly name: string;
  /**
   * True: transactions run one after another in the order write() was called, and a write made
   * while an earlier one is pending does not run if that one fails (it rejects with
   * PredecessorFailed): a caller may then have a second write in flight without losing order.
   */
  readonly pipelined?: boolean;
  write(steps: BatchStep[], opts?: WriteOptions): Promise<number[]>;
  close(): Promise<void>;
}

export interface WriteOptions {
  /**
   * Another attempt at a write made earlier: it goes ahead of any write sent meanwhile (on a
   * pipelined writer those wait for it), so it is never refused for them.
   */
  retry?: boolean;
}

/** The code of a write refused because the write before it failed (see BatchWriter.pipelined). */
export const PREDECESSOR_FAILED = 'IntakePredecessorFailed';
export const isPredecessorFailed = (err: unknown): boolean => (err as { code?: unknown })?.code === PREDECESSOR_FAILED;

/**
 * A webhook's signature, checked where the batch runs: the `covers` statements after it run only
 * if it verifies. Its answer is 1 if it did, 0 if not (and 0 for each statement it skipped). On the
 * writer thread this takes the HMAC off the event loop, where the intake's rate is decided.
 * `key` should own its memory (not a slice of a pooled Buffer): it is copied to the thread.
 */
export interface SignatureGuard {
  kind: 'signature';
  covers: number;
  key: Uint8Array;
  id: string;
  timestamp: string;
  signature: string;
  body: string;
}

export type BatchStep = InStatement | SignatureGuard;

export const isGuard = (step: BatchStep): step is SignatureGuard =>
  typeof step === 'object' && (step as SignatureGuard).kind === 'signature';

/**
 * The guards' rule, for every writer: a guard answers 1 if it verified, else 0 for itself and for
 * each statement it covers. `verdict` tells, for a step, whether it is a guard and how it went
 * (null: a statement). Returns the answers so far and the positions of the statements to run.
 */
export function applyGuards<S>(
  steps: readonly S[], verdict: (step: S) => { ok: boolean; covers: number } | null,
): { answers: number[]; toRun: number[] } {
  const answers: number[] = new Array(steps.length).fill(0);
  const toRun: number[] = [];
  for (let i = 0; i < steps.length; i++) {
    const v = verdict(steps[i]);
    if (!v) toRun.push(i);
    else if (v.ok) answers[i] = 1;
    else i += v.covers;
  }
  return { answers, toRun };
}

export function clientBatchWriter(client: Client): BatchWriter {
  return {
    name: 'client',
    async write(steps) {
      // Guards are checked here, then only the statements they let through are sent.
      const { answers, toRun } = applyGuards(steps, (s) => (isGuard(s)
        ? { ok: signatureMatches(s.key, s.id, s.timestamp, s.signature, s.body), covers: s.covers }
        : null));
      const results = toRun.length ? await client.batch(toRun.map((i) => steps[i] as InStatement), 'write') : [];
      results.forEach((r, k) => (answers[toRun[k]] = r.rowsAffected));
      return answers;
    },
    async close() {
      // The client belongs to the app; it closes it.
    },
  };
}

/**
 * Uses `primary` until it reports itself down (its thread died), then `fallback` for good, saying
 * so once. A batch that was in flight when the thread died is retried on the fallback: if the
 * thread had committed it, its job ids collide (jobs.id is unique) and the retry fails, so the
 * request answers 503 and Clarity's redelivery then finds the stored webhook-id: never a
 * second job, at worst one more round trip. `afterClose` runs once both are closed.
 */
export function withFallback(
  primary: BatchWriter, fallback: BatchWriter, onSwitch: (err: unknown) => void, afterClose?: () => Promise<void>,
): BatchWriter {
  let current = primary;
  return {
    get name() {
      return current.name;
    },
    get pipelined() {
      return current.pipelined;
    },
    async write(steps, opts) {
      if (current === fallback) return fallback.write(steps, opts);
      try {
        return await primary.write(steps, opts);
      } catch (err) {
        if (!isWriterDown(err)) throw err;
        if (current === primary) {
          current = fallback;
          onSwitch(err);
        }
        return fallback.write(steps, opts);
      }
    },
    async close() {
      await Promise.allSettled([primary.close(), fallback.close()]);
      await afterClose?.();
    },
  };
}

/** The writer itself is gone (not: this batch failed). */
export function isWriterDown(err: unknown): boolean {
  return (err as { code?: unknown })?.code === 'IntakeWriterDown';
}
