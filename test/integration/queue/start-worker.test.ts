import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/config/env';
import { enqueue } from '../../../server/queue/enqueue';
import { startWorker } from '../../../server/queue/start-worker';
import { openQueueDb, quietLog } from '../../helpers/queue-db';
import { waitFor } from '../../helpers/queue-wait';

let t: Awaited<ReturnType<typeof openQueueDb>>;
beforeEach(async () => { t = await openQueueDb(); });
afterEach(() => t.close());

describe('startWorker (as the composition root runs it)', () => {
  it('runs jobs with the configured limits and reports itself healthy, then unhealthy once stopping', async () => {
    const config = loadConfig({ DATABASE_URL: t.url, WORKER_CONCURRENCY: '4', SAGE_WRITE_CONCURRENCY: '2', SHUTDOWN_TIMEOUT_MS: '1000' });
    let peak = 0;
    let running = 0;
    const w = startWorker({
      database: t.database, config, log: quietLog,
      handlers: { write: async () => { running++; peak = Math.max(peak, running); await new Promise((r) => setTimeout(r, 20)); running--; } },
    });
    for (let i = 0; i < 8; i++) await enqueue(t.database.db, { kind: 'write', storeId: 's1', payload: {}, target: 'sage-write:gw:ABC' });
    await waitFor(async () => (await t.database.client.execute("SELECT count(*) n FROM jobs WHERE state = 'succeeded'")).rows[0].n === 8, 'all written');
    expect(peak).toBe(2);
    const health = await w.probe.check();
    expect(health).toMatchObject({ ok: true, detail: { enabled: true, concurrency: 4, consecutiveErrors: 0, kinds: 1 } });
    expect(w.probe.name).toBe('worker');
    await w.stop();
    expect((await w.probe.check()).ok).toBe(false);
  });

  it('does nothing when WORKER_ENABLED=0, and says so', async () => {
    const config = loadConfig({ DATABASE_URL: t.url, WORKER_ENABLED: '0' });
    const w = startWorker({ database: t.database, config, log: quietLog, handlers: { k: async () => {} } });
    const id = await enqueue(t.database.db, { kind: 'k', storeId: 's1', payload: {} });
    await new Promise((r) => setTimeout(r, 100));
    expect((await t.database.client.execute({ sql: 'SELECT state FROM jobs WHERE id = ?', args: [id] })).rows[0].state).toBe('queued');
    expect(await w.probe.check()).toEqual({ ok: true, detail: { enabled: false } });
    await w.stop();
  });
});
