import type { SandboxDb } from '../db';
import { iso } from '../types';
import type { DeliveryResult } from './deliver';

export type EventStatus = 'pending' | 'delivered' | 'failed' | 'cancelled';

export interface EventRow {
  id: string;
  store_id: string;
  kind: 'webhook' | 'lifecycle';
  topic: string;
  url: string;
  body: string;
  created_at: number;
  status: EventStatus;
  attempt_count: number;
  next_attempt_at: number | null;
  finished_at: number | null;
}

export interface AttemptView { AttemptNo: number; At: string; Status: number | null; DurationMs: number; Error: string | null }

/** Events and their attempts: a run and its attempts are separate rows. */
export function createEventRepo(db: SandboxDb) {
  return {
    async insert(e: Omit<EventRow, 'attempt_count' | 'finished_at'>): Promise<void> {
      await db.run(
        `INSERT INTO webhook_events (id, store_id, kind, topic, url, body, created_at, status, next_attempt_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [e.id, e.store_id, e.kind, e.topic, e.url, e.body, e.created_at, e.status, e.next_attempt_at]);
    },
    get: (id: string) => db.one<EventRow>('SELECT * FROM webhook_events WHERE id = ?', [id]),
    due: (now: number, limit: number) =>
      db.all<EventRow>(`SELECT * FROM webhook_events WHERE status = 'pending' AND next_attempt_at <= ?
                        ORDER BY next_attempt_at, created_at LIMIT ?`, [now, limit]),
    /** Records an attempt and the event's new state in one transaction. */
    async recordAttempt(e: EventRow, at: number, r: DeliveryResult, next: { status: EventStatus; nextAt: number | null }) {
      const attemptNo = Number(e.attempt_count) + 1;
      await db.batch([
        { sql: 'INSERT INTO webhook_attempts (event_id, attempt_no, at, status, duration_ms, error) VALUES (?, ?, ?, ?, ?, ?)',
          args: [e.id, attemptNo, at, r.status, r.durationMs, r.error] },
        { sql: `UPDATE webhook_events SET attempt_count = ?, status = ?, next_attempt_at = ?, finished_at = ? WHERE id = ?`,
          args: [attemptNo, next.status, next.nextAt, next.status === 'pending' ? null : at, e.id] },
      ]);
      return attemptNo;
    },
    cancel: (id: string, now: number) =>
      db.run(`UPDATE webhook_events SET status = 'cancelled', next_attempt_at = NULL, finished_at = ? WHERE id = ?`, [now, id]),
    /** Pending events due later are brought forward, e.g. by an admin's "retry now". */
    retryNow: (id: string, now: number) =>
      db.run(`UPDATE webhook_events SET status = 'pending', next_attempt_at = ?, finished_at = NULL WHERE id = ?`, [now, id]),
    async attempts(eventId: string): Promise<AttemptView[]> {
      const rows = await db.all<{ attempt_no: number; at: number; status: number | null; duration_ms: number; error: string | null }>(
        'SELECT * FROM webhook_attempts WHERE event_id = ? ORDER BY attempt_no', [eventId]);
      return rows.map((r) => ({
        AttemptNo: Number(r.attempt_no), At: iso(Number(r.at)), Status: r.status === null ? null : Number(r.status),
        DurationMs: Number(r.duration_ms), Error: r.error,
      }));
    },
    list(f: { storeId?: string; topic?: string; status?: string; kind?: string; limit?: number } = {}) {
      const where: string[] = [];
      const args: Array<string | number> = [];
      for (const [col, v] of [['store_id', f.storeId], ['topic', f.topic], ['status', f.status], ['kind', f.kind]] as const) {
        if (v !== undefined) { where.push(`${col} = ?`); args.push(v); }
      }
      return db.all<EventRow>(
        `SELECT * FROM webhook_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, rowid DESC LIMIT ?`,
        [...args, f.limit ?? 200]);
    },
  };
}
export type EventRepo = ReturnType<typeof createEventRepo>;
