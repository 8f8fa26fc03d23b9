import { createClient } from '@libsql/client';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { systemClock } from '../../../server/core/clock';
import { PREDECESSOR_FAILED } from '../../../server/webhooks/batch-writer';
import { SEND_AHEAD_SHARE } from '../../../server/webhooks/group-commit';
import { Intake } from '../../../server/webhooks/intake';
import { startThreadWriter } from '../../../server/webhooks/thread-writer';
import { migratedDatabase, orderItem } from './support';

/**
 * The writer thread takes a second batch while the first is committing. These tests hold it to
 * the order that promises: a batch sent behind a failing one does not run before that one's
 * retry, and transactions commit in the order their requests came.
 */
let db: Awaited<ReturnType<typeof migratedDatabase>>;
beforeAll(async () => {
  db = await migratedDatabase('intake-ahead-', [{ id: 'st_a', status: 'active' }]);
});
afterAll(() => db?.close());

const turn = () => new Promise<void>((r) => setImmediate(r));
const one = async (sql: string) => (await db.database.client.execute(sql)).rows[0];
const V = '2026-11-29T10:00:00Z';

/** A request whose statements fail (a value no driver can bind): its batch fails, then it fails alone. */
function broken(webhookId: string, orderId: number) {
  const base = orderItem(webhookId, orderId, V);
  return { ...base, subject: { ...base.subject!, version: { not: 'bindable' } as unknown as string } };
}

/** Order ids from..to-1 whose jobs were committed, in commit order; the first `before` all below `later`. */
async function expectCommittedInOrder(from: number, to: number, before: number, later: number, total: number) {
  const rows = (await db.database.client.execute("SELECT ordering_key FROM jobs WHERE store_id = 'st_a' ORDER BY seq")).rows;
  const ids = rows.map((r) => Number(String(r.ordering_key).split(':')[2])).filter((id) => id >= from && id < to);
  expect(ids).toHaveLength(total);
  expect(Math.max(...ids.slice(0, before))).toBeLessThan(later);
  expect(Math.min(...ids.slice(before))).toBeGreaterThanOrEqual(later);
}

test('a batch sent behind one that fails does not run; later batches do, its SQL included', async () => {
  const writer = await startThreadWriter(db.path);
  const touch = { sql: "UPDATE installations SET updated_at = 111 WHERE store_id = 'st_a'", args: [] };
  const failing = writer.write([{ sql: 'INSERT INTO no_such_table VALUES (1)', args: [] }]);
  const behind = writer.write([touch]);
  await expect(failing).rejects.toThrow(/no such table/);
  await expect(behind).rejects.toMatchObject({ code: PREDECESSOR_FAILED });
  expect((await one("SELECT updated_at FROM installations WHERE store_id = 'st_a'")).updated_at).toBe(0);
  // Sent after both were answered: it runs, though its SQL text went only with the refused batch.
  expect(await writer.write([touch])).toEqual([1]);
  expect((await one("SELECT updated_at FROM installations WHERE store_id = 'st_a'")).updated_at).toBe(111);
  await writer.close();
});

test('groups sent ahead while the database is locked are all stored once it is free, in the order they came', async () => {
  const writer = await startThreadWriter(db.path, { busyTimeoutMs: 20 });
  const intake = new Intake(writer, { clock: systemClock });
  const lock = createClient({ url: `file:${db.path}` });
  const tx = await lock.transaction('write');
  try {
    const first = Array.from({ length: 10 }, (_, i) => intake.accept(orderItem(`ahead_a${i}`, 9100 + i, V)));
    await turn();
    const second = Array.from({ length: Math.ceil(SEND_AHEAD_SHARE * 10) }, (_, i) => intake.accept(orderItem(`ahead_b${i}`, 9200 + i, V)));
    // Sent ahead: nothing is left waiting for the first group's answer.
    expect(intake.stats().waiting).toBe(0);
    await new Promise((r) => setTimeout(r, 100));
    await tx.rollback();
    const results = await Promise.all([...first, ...second]);
    expect(results.every((r) => r.stored && r.jobId)).toBe(true);
  } finally {
    tx.close();
    lock.close();
  }
  // Every job of the first group before every job of the second.
  await expectCommittedInOrder(9100, 9300, 10, 9200, 10 + Math.ceil(SEND_AHEAD_SHARE * 10));
  expect(intake.stats().failing).toBeNull();
  await intake.stop();
});

test.each([['first', 0], ['last', 9]])('behind a group with a broken request (%s), the group sent ahead commits after that group\'s other requests', async (_, at) => {
  const writer = await startThreadWriter(db.path);
  const intake = new Intake(writer, { clock: systemClock });
  const base = 9300 + 200 * Number(at);
  // The first request retried alone goes while the group sent ahead is being refused: it must not
  // be refused behind it (a retry runs before that group's own retry).
  const first = Array.from({ length: 10 }, (_, i) =>
    intake.accept(i === at ? broken(`broken${at}_a${i}`, base + i) : orderItem(`broken${at}_a${i}`, base + i, V)));
  await turn();
  const second = Array.from({ length: Math.ceil(SEND_AHEAD_SHARE * 10) }, (_, i) => intake.accept(orderItem(`broken${at}_b${i}`, base + 100 + i, V)));
  expect(intake.stats().waiting).toBe(0);
  const outcomes = await Promise.allSettled([...first, ...second]);
  expect(outcomes.map((o) => o.status)).toEqual(outcomes.map((_, i) => (i === at ? 'rejected' : 'fulfilled')));
  await expectCommittedInOrder(base, base + 200, 9, base + 100, 9 + second.length);
  await intake.stop();
});

test('while a group is retried request by request, nothing is sent ahead of it', async () => {
  const writer = await startThreadWriter(db.path);
  const intake = new Intake(writer, { clock: systemClock });
  // The broken request last: the first requests retried alone succeed, and a group sent behind
  // one of them would run before the rest.
  const first = [...Array.from({ length: 9 }, (_, i) => intake.accept(orderItem(`retry_a${i}`, 9700 + i, V))), intake.accept(broken('retry_a9', 9709))];
  while (intake.stats().failedTransactions === 0) await turn();
  const later = Array.from({ length: 10 }, (_, i) => intake.accept(orderItem(`retry_b${i}`, 9800 + i, V)));
  const outcomes = await Promise.allSettled([...first, ...later]);
  expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(1);
  await expectCommittedInOrder(9700, 9900, 9, 9800, 19);
  await intake.stop();
});
