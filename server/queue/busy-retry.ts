import { isDatabaseBusy } from '../core/errors';
import { sleep } from '../core/clock';

/**
 * Retries an operation while the database answers "busy". Two processes on one file contend
 * through SQLite locks (the busy timeout absorbs most), and a libSQL server answers concurrent
 * writers with SQLITE_BUSY at once: both are transient, so back off with jitter and go again.
 * Any other error is thrown at once.
 */
export async function withBusyRetry<T>(
  fn: () => Promise<T>,
  opts: { attempts?: number; baseMs?: number; capMs?: number } = {},
): Promise<T> {
  const attempts = opts.attempts ?? 10;
  const base = opts.baseMs ?? 5;
  const cap = opts.capMs ?? 500;
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (i >= attempts || !isDatabaseBusy(err)) throw err;
      await sleep(Math.floor(Math.random() * Math.min(cap, base * 2 ** i)) + 1);
    }
  }
}
