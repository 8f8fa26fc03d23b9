import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { systemClock } from '../../../server/core/clock';
import type { Database } from '../../../server/db/client';
import { clientBatchWriter, withFallback, type BatchWriter } from '../../../server/webhooks/batch-writer';
import { Intake, type IntakeItem } from '../../../server/webhooks/intake';
import { startThreadWriter } from '../../../server/webhooks/thread-writer';
import { signWebhook } from '../../../server/connectors/clarity/webhook-signature';
import { migratedDatabase, orderItem } from './support';

let db: Awaited<ReturnType<typeof migratedDatabase>>;
let dir: string;
let path: string;
let database: Database;

beforeAll(async () => {
  db = await migratedDatabase('intake-commit-', [{ id: 'st_a', status: 'active' }, { id: 'st_off', status: 'uninstalled' }]);
  ({ dir, path, database } = db);
});
afterAll(() => db?.close());

const item = (webhookId: string, orderId: number, version: string, storeId = 'st_a') => orderItem(webhookId, orderId, version, { storeId });

const rows = async (sql: string) => Number((await database.client.execute(sql)).rows[0].n);

describe.each([
  ['writer thread', () => startThreadWriter(path)],
  ['shared client', async () => clientBatchWriter(database.client)],
])('intake committed through the %s', (name, makeWriter) => {
  let writer: BatchWriter;
  let intake: Intake;
  const tag = name === 'writer thread' ? 't' : 'c';
  // Different orders for each writer: the same order version would (rightly) be taken only once.
  const o = (n: number) => (tag === 't' ? n : n + 100_000);
  let writes = 0;
  beforeAll(async () => {
    const inner = await makeWriter();
    // Counts transactions, to see requests share them.
    writer = { name: inner.name, write: (s) => (writes++, inner.write(s)), close: () => inner.close() };
    intake = new Intake(writer, { clock: systemClock });
  });
  afterAll(async () => intake?.stop());

  test('requests of one turn share a transaction, and each hears its own outcome', async () => {
    const before = writes;
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => intake.accept(item(`${tag}_m${i}`, o(1000 + i), '2026-11-29T10:00:00Z'))));
    expect(results.every((r) => r.stored && r.jobId && r.deliveryId)).toBe(true);
    expect(new Set(results.map((r) => r.deliveryId)).size).toBe(50);
    expect(writes - before).toBe(1);
    // Durable and visible to another connection as soon as accept() resolved.
    const other = createClient({ url: `file:${path}` });
    const n = await other.execute(`SELECT count(*) AS n FROM deliveries WHERE webhook_id LIKE '${tag}_m%'`);
    other.close();
    expect(Number(n.rows[0].n)).toBe(50);
  });

  test('two identical webhook-ids in the same batch: one delivery, one job', async () => {
    const [a, b] = await intake.acceptMany([item(`${tag}_same`, o(2000), '2026-11-29T10:00:00Z'), item(`${tag}_same`, o(2000), '2026-11-29T10:00:00Z')]);
    expect([a.stored, b.stored]).toEqual([true, false]);
    const concurrent = await Promise.all([1, 2, 3].map(() => intake.accept(item(`${tag}_same2`, o(2001), '2026-11-29T10:00:00Z'))));
    expect(concurrent.filter((r) => r.stored)).toHaveLength(1);
    expect(await rows(`SELECT count(*) AS n FROM deliveries WHERE webhook_id IN ('${tag}_same', '${tag}_same2')`)).toBe(2);
    expect(await rows(`SELECT count(*) AS n FROM jobs WHERE ordering_key IN ('order:st_a:${o(2000)}', 'order:st_a:${o(2001)}')`)).toBe(2);
  });

  test('a store no longer active at commit time gets nothing stored', async () => {
    const r = await intake.accept(item(`${tag}_off`, o(3000), '2026-11-29T10:00:00Z', 'st_off'));
    expect(r).toEqual({ stored: false, deliveryId: null, jobId: null });
    expect(await rows(`SELECT count(*) AS n FROM deliveries WHERE store_id = 'st_off'`)).toBe(0);
  });

  test('a signature is checked where the rows are written: a bad one stores nothing, its neighbours are stored', async () => {
    const key = Buffer.from('intake-guard-test-key-32-bytes!!');
    const signed = (x: IntakeItem, k: Uint8Array = key) => {
      const ts = '1796000000';
      const signature = signWebhook(Buffer.from(k), x.webhookId, Number(ts), x.body);
      return { key, timestamp: ts, signature };
    };
    const good = item(`${tag}_sig_ok`, o(5000), '2026-11-29T10:00:00Z');
    const forged = item(`${tag}_sig_bad`, o(5001), '2026-11-29T10:00:00Z');
    const tampered = item(`${tag}_sig_body`, o(5002), '2026-11-29T10:00:00Z');
    const results = await Promise.all([
      intake.accept(good, signed(good)),
      intake.accept(forged, signed(forged, Buffer.from('some-other-key-entirely-32-bytes'))),
      // Signed, then changed: the signature no longer covers the body that would be stored.
      intake.accept({ ...tampered, body: tampered.body.replace('order.updated', 'order.created') }, signed(tampered)),
      intake.accept(item(`${tag}_sig_none`, o(5003), '2026-11-29T10:00:00Z')),
    ]);
    expect(results.map((r) => [r.stored, r.signatureValid])).toEqual([[true, true], [false, false], [false, false], [true, undefined]]);
    expect(results[0].jobId).not.toBeNull();
    expect(await rows(`SELECT count(*) AS n FROM deliveries WHERE webhook_id LIKE '${tag}_sig_%'`)).toBe(2);
    expect(await rows(`SELECT count(*) AS n FROM jobs WHERE ordering_key IN ('order:st_a:${o(5001)}', 'order:st_a:${o(5002)}')`)).toBe(0);
  });

  test('one broken request fails alone; its neighbours in the batch are stored', async () => {
    // A value no driver can bind stands in for any statement that fails.
    const base = item(`${tag}_broken`, o(4000), '2026-11-29T10:00:00Z');
    const broken = { ...base, subject: { ...base.subject!, version: { not: 'bindable' } as unknown as string } };
    const outcomes = await Promise.allSettled([
      intake.accept(item(`${tag}_ok1`, o(4001), '2026-11-29T10:00:00Z')),
      intake.accept(broken),
      intake.accept(item(`${tag}_ok2`, o(4002), '2026-11-29T10:00:00Z')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await rows(`SELECT count(*) AS n FROM deliveries WHERE webhook_id IN ('${tag}_ok1', '${tag}_ok2', '${tag}_broken')`)).toBe(2);
    expect(await rows(`SELECT count(*) AS n FROM jobs WHERE ordering_key = 'order:st_a:${o(4000)}'`)).toBe(0);
  });
});

test('stop commits what was accepted, then refuses more', async () => {
  const writer = await startThreadWriter(path);
  const intake = new Intake(writer, { clock: systemClock });
  const pending = Array.from({ length: 20 }, (_, i) => intake.accept(item(`stop_${i}`, 7000 + i, '2026-11-29T10:00:00Z')));
  await intake.stop();
  expect((await Promise.all(pending)).every((r) => r.stored)).toBe(true);
  await expect(intake.accept(item('after_stop', 7999, '2026-11-29T10:00:00Z'))).rejects.toThrow(/stopped/);
});

test('if the writer thread dies, intake goes on through the shared client, and says so', async () => {
  const thread = await startThreadWriter(path);
  const switched: unknown[] = [];
  const intake = new Intake(withFallback(thread, clientBatchWriter(database.client), (err) => switched.push(err)), { clock: systemClock });
  expect((await intake.accept(item('fb_1', 8001, '2026-11-29T10:00:00Z'))).stored).toBe(true);
  expect(intake.stats()).toMatchObject({ writer: 'thread', transactions: 1, requests: 1, failing: null });
  await thread.thread.terminate();
  expect((await intake.accept(item('fb_2', 8002, '2026-11-29T10:00:00Z'))).stored).toBe(true);
  expect(switched).toHaveLength(1);
  expect(intake.stats()).toMatchObject({ writer: 'client', transactions: 2, failing: null });
  expect(await rows("SELECT count(*) AS n FROM deliveries WHERE webhook_id IN ('fb_1', 'fb_2')")).toBe(2);
  await intake.stop();
});

test('the writer thread runs positional, named and argument-less statements alike', async () => {
  const writer = await startThreadWriter(path);
  const changes = await writer.write([
    { sql: 'UPDATE installations SET updated_at = ? WHERE store_id = ?', args: [5, 'st_a'] },
    { sql: 'UPDATE installations SET updated_at = :at WHERE store_id = :id', args: { ':at': 6, id: 'st_off' } },
    "UPDATE installations SET updated_at = updated_at + 1 WHERE store_id IN ('st_a', 'st_off')",
    { sql: 'UPDATE installations SET updated_at = ? WHERE store_id = ?', args: [7, 'st_nobody'] },
  ]);
  await writer.close();
  expect(changes).toEqual([1, 1, 2, 0]);
  const at = await database.client.execute("SELECT store_id, updated_at FROM installations WHERE store_id IN ('st_a', 'st_off') ORDER BY store_id");
  expect(at.rows.map((r) => [r.store_id, r.updated_at])).toEqual([['st_a', 6], ['st_off', 7]]);
});

test('the writer thread checks guards whatever follows them, and skips every kind of statement a failed one covers', async () => {
  const writer = await startThreadWriter(path);
  const key = Buffer.from('another-guard-test-key-of-32-b!!');
  const guard = (body: string, covers: number, signedWith = key) => ({
    kind: 'signature' as const, covers, key, id: 'msg_g', timestamp: '1796000000', body,
    signature: signWebhook(signedWith, 'msg_g', 1796000000, body),
  });
  const touch = { sql: 'UPDATE installations SET updated_at = updated_at + 1 WHERE store_id = ?', args: ['st_a'] };
  const changes = await writer.write([
    // The guarded text is not among the next statement's arguments: it is sent whole.
    guard('{"a":1}', 1), touch,
    // A failed guard passes over positional, named and argument-less statements alike.
    guard('{"b":2}', 3, Buffer.from('not-the-key-the-guard-carries!!!')),
    touch, { sql: 'UPDATE installations SET updated_at = :at WHERE store_id = :id', args: { at: 1, id: 'st_a' } },
    "UPDATE installations SET updated_at = 0 WHERE store_id = 'st_a'",
    touch,
  ]);
  await writer.close();
  expect(changes).toEqual([1, 1, 0, 0, 0, 0, 1]);
});

test('a writer thread that cannot open its database fails to start with an error', async () => {
  await expect(startThreadWriter(join(dir, 'no-such-folder', 'x.db'))).rejects.toThrow();
});
