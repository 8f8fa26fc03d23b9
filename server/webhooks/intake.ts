import type { InStatement } from '@libsql/client';
import type { Clock } from '../core/clock';
import { newId } from '../core/ids';
import { deliveryInsertStatement, type DeliverySource } from '../db/repos/deliveries.repo';
import { withBusyRetry } from '../queue/busy-retry';
import { jobForDeliveryStatement } from '../queue/enqueue-sql';
import { GroupCommit } from './group-commit';
import { notifyWorkers } from '../queue/wake';
import { isPredecessorFailed, type BatchStep, type BatchWriter, type SignatureGuard } from './batch-writer';
import type { JobSpec, Subject } from './topics';

/**
 * The one way in for outside events (webhooks and polled records): a delivery row and its job,
 * written in one transaction. Requests arriving while a commit is in flight are committed
 * together in the next one (group commit), so under load one fsync covers many requests; each
 * caller hears back only after its transaction is durable.
 */
export interface IntakeItem {
  storeId: string;
  webhookId: string;
  topic: string;
  source: DeliverySource;
  /** The raw body as received (or, for a poll, the record wrapped like a webhook). */
  body: string;
  subject: Subject | null;
  /** The job to make; its payload gets the delivery id. Null: store only. */
  job: JobSpec | null;
}

export interface IntakeResult {
  /** False: nothing new was stored (a redelivery, a version already taken, or a store no longer active). */
  stored: boolean;
  deliveryId: string | null;
  jobId: string | null;
  /** Accepted with a signature to check (see accept): false if it did not verify, and nothing was stored. */
  signatureValid?: boolean;
}

/**
 * A webhook's signature, to be checked where its rows are written (see SignatureGuard), over the
 * item's own webhook id and body: what is verified is what is stored.
 */
export type SignatureCheck = Pick<SignatureGuard, 'key' | 'timestamp' | 'signature'>;

interface Group {
  stmts: BatchStep[];
  changes?: number[];
  error?: unknown;
}

export interface IntakeOptions {
  clock: Clock;
  /** Most requests committed in one transaction. */
  maxGroup?: number;
}

/** Since start: how much was committed, in how many transactions, and how long they took. */
export interface IntakeStats {
  writer: string;
  /** The writer keeps the order of what it is sent, so a group may go to it while another commits. */
  sendsAhead: boolean;
  transactions: number;
  /** Webhook requests committed (a page of a poll counts as one). */
  requests: number;
  failedTransactions: number;
  waiting: number;
  avgRequestsPerTransaction: number;
  avgCommitMs: number;
  maxCommitMs: number;
  /** The last failed transaction's error, if it failed after the last success. */
  failing: string | null;
}

export class Intake {
  private readonly committer: GroupCommit<Group>;
  private stopped = false;
  private readonly counters = { transactions: 0, requests: 0, failed: 0, commitMs: 0, maxCommitMs: 0, failing: null as string | null };
  /** Commits that have had an attempt fail and have not settled yet. */
  private unsettledFailures = 0;

  constructor(private readonly writer: BatchWriter, private readonly opts: IntakeOptions) {
    this.committer = new GroupCommit<Group>((groups, previous) => this.commit(groups, previous), {
      maxGroup: opts.maxGroup ?? 500,
      // A group is sent ahead only to a writer that keeps the order, and only while no commit is
      // retrying: a group sent meanwhile could commit before the retry of an earlier one.
      inFlight: () => (this.writer.pipelined && this.unsettledFailures === 0 ? 2 : 1),
    });
  }

  stats(): IntakeStats {
    const c = this.counters;
    return {
      writer: this.writer.name, sendsAhead: this.writer.pipelined === true, transactions: c.transactions, requests: c.requests, failedTransactions: c.failed,
      waiting: this.committer.pending,
      avgRequestsPerTransaction: c.transactions ? c.requests / c.transactions : 0,
      avgCommitMs: c.transactions ? c.commitMs / c.transactions : 0,
      maxCommitMs: c.maxCommitMs,
      failing: c.failing,
    };
  }

  /**
   * One item in its own unit (the webhook path: written out rather than through acceptMany).
   * With `signature`, its rows are written only if the signature verifies, checked by the writer
   * (on its thread for a database file): the HMAC is the costliest step of a webhook that the
   * event loop would otherwise run.
   */
  async accept(item: IntakeItem, signature?: SignatureCheck): Promise<IntakeResult> {
    if (this.stopped) throw new Error('intake is stopped');
    const b = intakeStatements(item, this.opts.clock.now());
    let stmts: BatchStep[] = b.stmts;
    if (signature) {
      const { key, timestamp, signature: header } = signature;
      stmts = [{ kind: 'signature', covers: b.stmts.length, key, timestamp, signature: header, id: item.webhookId, body: item.body }, ...b.stmts];
    }
    const group: Group = { stmts };
    await this.committer.add(group);
    if (group.error) throw group.error;
    if (signature && group.changes?.[0] !== 1) return { stored: false, deliveryId: null, jobId: null, signatureValid: false };
    const r = resultOf(b, group.changes, signature ? 1 : 0);
    if (r.jobId) notifyWorkers();
    return signature ? { ...r, signatureValid: true } : r;
  }

  /** Several items in one transaction: all stored or none (a page of a poll). */
  async acceptMany(items: IntakeItem[]): Promise<IntakeResult[]> {
    if (items.length === 0) return [];
    if (this.stopped) throw new Error('intake is stopped');
    const now = this.opts.clock.now();
    let offset = 0;
    const built = items.map((item) => {
      const b = intakeStatements(item, now);
      const at = offset;
      offset += b.stmts.length;
      return { ...b, offset: at };
    });
    const group: Group = { stmts: built.flatMap((b) => b.stmts) };
    await this.committer.add(group);
    if (group.error) throw group.error;
    const results = built.map((b) => resultOf(b, group.changes, b.offset));
    if (results.some((r) => r.jobId)) notifyWorkers();
    return results;
  }

  /** Commits what was accepted so far, then closes the writer. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.committer.drain();
    await this.writer.close();
  }

  /**
   * One transaction for every waiting request. If it fails for a reason other than a busy
   * database, each request is retried alone, so one bad request cannot fail its neighbours.
   * Sent behind a transaction that failed, it did not run: it goes again once that one's commit
   * has settled (`previous`), so transactions keep the order in which their requests came.
   */
  private async commit(groups: Group[], previous: Promise<void>): Promise<void> {
    let failedOnce = false;
    // Only the first attempt may be refused for a write before it: every later one is a retry,
    // and a group sent ahead meanwhile (refused behind the failed one) waits for it, not it for them.
    let attempts = 0;
    const attempt = (stmts: BatchStep[]) => this.writer.write(stmts, { retry: attempts++ > 0 }).catch((err: unknown) => {
      if (!failedOnce) {
        failedOnce = true;
        this.unsettledFailures++;
      }
      throw err;
    });
    try {
      await this.commitInOrder(groups, previous, attempt);
    } finally {
      if (failedOnce) this.unsettledFailures--;
    }
  }

  private async commitInOrder(groups: Group[], previous: Promise<void>, attempt: BatchWriter['write']): Promise<void> {
    const c = this.counters;
    const write = async (stmts: BatchStep[], requests: number) => {
      const t0 = performance.now();
      try {
        const changes = await withBusyRetry(() => attempt(stmts));
        const ms = performance.now() - t0;
        c.transactions++;
        c.requests += requests;
        c.commitMs += ms;
        c.maxCommitMs = Math.max(c.maxCommitMs, ms);
        c.failing = null;
        return changes;
      } catch (err) {
        if (!isPredecessorFailed(err)) {
          c.failed++;
          c.failing = (err as Error)?.message ?? String(err);
        }
        throw err;
      }
    };
    try {
      const changes = await write(groups.flatMap((g) => g.stmts), groups.length);
      let at = 0;
      for (const g of groups) {
        g.changes = changes.slice(at, at + g.stmts.length);
        at += g.stmts.length;
      }
    } catch (err) {
      if (isPredecessorFailed(err)) {
        await previous;
        return this.commitInOrder(groups, Promise.resolve(), attempt);
      }
      if (groups.length === 1) {
        groups[0].error = err;
        return;
      }
      for (const g of groups) {
        try {
          g.changes = await write(g.stmts, 1);
        } catch (e) {
          g.error = e;
        }
      }
    }
  }
}

/** What one item's statements did: the delivery's INSERT at `offset`, its job's right after. */
function resultOf(b: { deliveryId: string; jobId: string | null }, changes: number[] | undefined, offset: number): IntakeResult {
  const stored = (changes?.[offset] ?? 0) > 0;
  const jobMade = stored && b.jobId !== null && (changes?.[offset + 1] ?? 0) > 0;
  return { stored, deliveryId: stored ? b.deliveryId : null, jobId: jobMade ? b.jobId : null };
}

/**
 * What the intake writes for one item: the delivery's INSERT and, if it routes to one, its job's
 * (the benchmark's references write these same statements).
 */
export function intakeStatements(item: IntakeItem, now: number) {
  const deliveryId = newId('dlv');
  const stmts: InStatement[] = [deliveryInsertStatement({
    id: deliveryId, storeId: item.storeId, webhookId: item.webhookId, topic: item.topic, source: item.source,
    subjectType: item.subject?.type ?? null, subjectId: item.subject?.id ?? null,
    subjectVersion: item.subject?.version ?? null, body: item.body, receivedAt: now,
  })];
  let jobId: string | null = null;
  if (item.job) {
    const payload = { deliveryId, ...(item.job.payload as Record<string, unknown>) };
    // The job's id is the delivery's with another prefix: one random draw less on the hot path,
    // and support sees at a glance which delivery a job came from (a replay gets an id of its own).
    const job = jobForDeliveryStatement({ ...item.job, payload }, deliveryId, `job_${deliveryId.slice(4)}`);
    jobId = job.id;
    stmts.push(job.stmt);
  }
  return { deliveryId, jobId, stmts };
}
