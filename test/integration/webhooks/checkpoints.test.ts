import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createLogger } from '../../../server/core/logger';
import type { Database } from '../../../server/db/client';
import { loadManifest } from '../../../server/manifest';
import { startIntake, type IntakeModule } from '../../../server/webhooks/start-intake';
import { migratedDatabase, orderItem } from './support';

/**
 * Who copies the WAL back into the database file. With the intake's writer thread running, the
 * thread does, between batches; the main thread's connection never does (a checkpoint there would
 * stall the event loop) until the thread is gone.
 */
let db: Awaited<ReturnType<typeof migratedDatabase>>;
let dbPath: string;
let database: Database;
let module: IntakeModule | undefined;

beforeEach(async () => {
  db = await migratedDatabase('intake-checkpoints-', [{ id: 'st_a', status: 'active' }]);
  ({ path: dbPath, database } = db);
  // A clean start: everything so far in the database file, an empty WAL.
  await database.client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
});
afterEach(async () => {
  await module?.stop();
  module = undefined;
  db.close();
});

const start = async (writer?: 'client') => {
  const url = `file:${dbPath}`;
  module = await startIntake({
    database, manifest: loadManifest('http://localhost'), log: createLogger('silent'), writer,
    config: { DATABASE_URL: url, CLARITY_APP_SECRET: 'whsec_dGVzdC1hcHAtc2VjcmV0', demo: false, encryptionKey: randomBytes(32) },
  });
  return module;
};
const autocheckpoint = async () => Number((await database.client.execute('PRAGMA wal_autocheckpoint')).rows[0][0]);
const fileSize = () => statSync(dbPath).size;

const items = (n: number, from = 0) => Array.from({ length: n }, (_, k) =>
  orderItem(`msg_${from + k}`, from + k, '2026-11-29T10:00:00.000Z', { topic: 'order.created', extra: { Notes: 'x'.repeat(1500) } }));

/** Waits (up to 5 s) for the database file to grow past `size`: pages were checkpointed into it. */
async function grows(size: number): Promise<number> {
  for (let t = 0; t < 100 && fileSize() <= size; t++) await new Promise((r) => setTimeout(r, 50));
  return fileSize();
}

test('with the writer thread, the main connection leaves checkpoints to it, and takes them back when it stops', async () => {
  expect(await autocheckpoint()).toBe(1000);
  const m = await start();
  expect(m.intake.stats()).toMatchObject({ writer: 'thread', sendsAhead: true });
  expect(await autocheckpoint()).toBe(0);
  await m.stop();
  module = undefined;
  expect(await autocheckpoint()).toBe(1000);
});

test('on the shared client (a libSQL server, or by choice) the main connection keeps checkpointing', async () => {
  const m = await start('client');
  expect(m.intake.stats()).toMatchObject({ writer: 'client', sendsAhead: false });
  expect(await autocheckpoint()).toBe(1000);
});

test('the writer thread checkpoints what the intake commits', async () => {
  const m = await start();
  const before = fileSize();
  // 1,000 statements in batches, past the thread's threshold: every row stored.
  for (let b = 0; b < 5; b++) await m.intake.acceptMany(items(100, b * 100));
  expect(Number((await database.client.execute('SELECT count(*) FROM deliveries')).rows[0][0])).toBe(500);
  expect(await grows(before)).toBeGreaterThan(before + 500 * 1500);
});

test("the writer thread's idle timer checkpoints what other connections write", async () => {
  await start();
  const before = fileSize();
  // Written through the main connection, which no longer checkpoints by itself.
  const filler = 'y'.repeat(4000);
  await database.client.batch(Array.from({ length: 200 }, (_, i) => ({
    sql: `INSERT INTO audit_log (store_id, at, actor, action, reason) VALUES ('st_a', ?, 'test', 'fill', ?)`, args: [i, filler],
  })), 'write');
  expect(await grows(before)).toBeGreaterThan(before + 200 * 4000);
});
