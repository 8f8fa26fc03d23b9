import type { Clock } from '../../core/clock';
import { recordInUse } from './errors';

export type LockTable = 'AR_Customer' | 'SO_SalesOrder';

/**
 * Records "in use by a Sage user": while locked, a write that touches the record is refused with
 * 409 RecordInUse. Expiry runs on the sandbox clock so tests can step past it. In memory: a
 * user's open screen does not survive a restart either.
 */
export class RecordLocks {
  private locks = new Map<string, { untilMs: number; user: string }>();

  constructor(private clock: Clock) {}

  private key(company: string, table: LockTable, recordKey: string) {
    return `${company}|${table}|${recordKey}`;
  }

  lock(company: string, table: LockTable, recordKey: string, ms: number, user = 'MARY'): { untilMs: number } {
    const untilMs = this.clock.now() + ms;
    this.locks.set(this.key(company, table, recordKey), { untilMs, user });
    return { untilMs };
  }

  release(company: string, table?: LockTable, recordKey?: string): number {
    if (table && recordKey) return this.locks.delete(this.key(company, table, recordKey)) ? 1 : 0;
    let n = 0;
    for (const k of [...this.locks.keys()]) if (k.startsWith(`${company}|`)) n += this.locks.delete(k) ? 1 : 0;
    return n;
  }

  /** Throws RecordInUse when the record is locked now. */
  assertFree(company: string, table: LockTable, recordKey: string): void {
    const k = this.key(company, table, recordKey);
    const held = this.locks.get(k);
    if (!held) return;
    if (this.clock.now() >= held.untilMs) {
      this.locks.delete(k);
      return;
    }
    const what = table === 'AR_Customer' ? 'Customer' : 'Sales order';
    throw recordInUse(`${what} ${recordKey} is in use by user ${held.user}`);
  }

  list(company: string) {
    const now = this.clock.now();
    return [...this.locks.entries()]
      .filter(([k, v]) => k.startsWith(`${company}|`) && v.untilMs > now)
      .map(([k, v]) => {
        const [, table, recordKey] = k.split('|');
        return { table, key: recordKey, untilMs: v.untilMs, user: v.user };
      });
  }
}
