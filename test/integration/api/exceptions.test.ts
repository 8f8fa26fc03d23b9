import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExceptionDetail, ExceptionItem } from '../../../server/contracts/exceptions';
import { saveOrderLink } from '../../../server/db/repos/order-links.repo';
import { STORE_A, USER_EMAIL, openApiFixture, sampleOrder, type ApiFixture } from './fixture';

/** The exception list: filters, detail side by side, fix the payload, retry, bulk retry, cancel. */
let f: ApiFixture;
const ids: Record<string, string> = {};
beforeAll(async () => {
  f = await openApiFixture();
  ids.zip = (await f.receiveOrder(STORE_A, '200001')).jobId;
  await f.setJob(ids.zip, { state: 'dead', errorCode: 'CI_NOF', lastError: 'ZIP code 99999 is not in Sage\'s ZIP table (ShipToZipCode)', attempts: 1 });
  ids.credit = (await f.receiveOrder(STORE_A, '200002')).jobId;
  await f.setJob(ids.credit, { state: 'held', errorCode: 'SO_CreditHold', lastError: 'Customer 01-ACME is on credit hold', attempts: 1 });
  ids.other = (await f.receiveOrder(STORE_A, '200003')).jobId;
  await f.setJob(ids.other, { state: 'dead', errorCode: 'IM_Inactive', lastError: 'Item WID-9 is inactive', attempts: 3 });
  ids.fine = (await f.receiveOrder(STORE_A, '200004')).jobId;
  await f.setJob(ids.fine, { state: 'succeeded' });
  await saveOrderLink(f.database.db, { storeId: STORE_A.storeId, clarityOrderId: '200001' }, {
    state: 'failed', customerPONo: 'WEB-200001', mapped: { CustomerPONo: 'WEB-200001', ShipToZipCode: '99999', Lines: [] },
  }, [], f.clock.now());
});
afterAll(() => f.close());

const list = async (q = '') => (await (await f.call(STORE_A, 'GET', `/exceptions${q}`)).json()) as { items: ExceptionItem[]; nextCursor: string | null; total: number | null };
const stateOf = async (jobId: string) => (await f.database.client.execute({ sql: 'SELECT state FROM jobs WHERE id = ?', args: [jobId] })).rows[0]?.state;

describe('list', () => {
  it('lists held and failed jobs, newest first, with the reason in plain words', async () => {
    const page = await list();
    expect(page.items.map((i) => i.orderId)).toEqual(['200003', '200002', '200001']);
    expect(page.total).toBe(3);
    const zip = page.items.find((i) => i.orderId === '200001')!;
    expect(zip.reason).toMatch(/^Sage does not know a value this order uses.*ZIP code 99999/);
  });

  it('filters by state, by kind, and by words; pages with a cursor', async () => {
    expect((await list('?state=held')).items.map((i) => i.jobId)).toEqual([ids.credit]);
    expect((await list('?state=dead')).items.map((i) => i.jobId)).toEqual([ids.other, ids.zip]);
    expect((await list('?kind=customer.sync')).items).toEqual([]);
    expect((await list('?q=ZIP')).items.map((i) => i.jobId)).toEqual([ids.zip]);
    expect((await list('?q=200002')).items.map((i) => i.jobId)).toEqual([ids.credit]);
    const p1 = await list('?limit=2');
    expect(p1.items).toHaveLength(2);
    const p2 = await list(`?limit=2&cursor=${p1.nextCursor}`);
    expect(p2.items.map((i) => i.jobId)).toEqual([ids.zip]);
    expect(p2.nextCursor).toBeNull();
  });
});

describe('detail and fix', () => {
  it('shows the stored payload beside the mapped result', async () => {
    const d = (await (await f.call(STORE_A, 'GET', `/exceptions/${ids.zip}`)).json()) as ExceptionDetail;
    expect(d.payload).toMatchObject({ type: 'order.created', data: { ID: 200001 } });
    expect(d.mapped).toMatchObject({ ShipToZipCode: '99999' });
    expect(d.deliveryId).toMatch(/^dlv_/);
  });

  it('refuses a fixed payload that is no longer a valid order, naming the problem', async () => {
    const res = await f.call(STORE_A, 'PUT', `/exceptions/${ids.zip}/payload`, { payload: { type: 'order.created', data: { ID: 200001 } } });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; issues: Array<{ message: string }> } };
    expect(body.error.code).toBe('InvalidOrder');
    expect(body.error.issues.length).toBeGreaterThan(0);
    expect(await stateOf(ids.zip)).toBe('dead');
  });

  it('stores the fix as a new manual delivery with a new job, replaces the old job, and audits it', async () => {
    const fixed = { type: 'order.created', timestamp: '2026-11-29T10:00:00Z', data: sampleOrder('200001', { ShippingContact: {
      FirstName: 'Dana', LastName: 'Ortiz', Email1: 'dana@acme.example',
      Address: { Street1: '1 Main', City: 'Austin', RegionCode: 'TX', PostalCode: '78703', CountryCode: 'US' } } }) };
    const res = await f.call(STORE_A, 'PUT', `/exceptions/${ids.zip}/payload`, { payload: fixed, reason: 'ZIP typo' });
    expect(res.status).toBe(202);
    const { jobId, deliveryId } = (await res.json()) as { jobId: string; deliveryId: string };
    const del = await f.database.client.execute({ sql: 'SELECT source, subject_id, body FROM deliveries WHERE id = ?', args: [deliveryId] });
    expect(del.rows[0]).toMatchObject({ source: 'manual', subject_id: '200001' });
    expect(JSON.parse(String(del.rows[0].body)).data.ShippingContact.Address.PostalCode).toBe('78703');
    const job = await f.database.client.execute({ sql: 'SELECT state, kind, delivery_id, ordering_key FROM jobs WHERE id = ?', args: [jobId] });
    expect(job.rows[0]).toMatchObject({ state: 'queued', kind: 'order.sync', delivery_id: deliveryId, ordering_key: `order:${STORE_A.storeId}:200001` });
    expect(await stateOf(ids.zip)).toBe('cancelled');
    const audit = (await (await f.call(STORE_A, 'GET', '/audit?action=exception.fix')).json()) as { items: Array<{ actor: string; reason: string; detail: { jobId: string } }> };
    expect(audit.items[0]).toMatchObject({ actor: USER_EMAIL, reason: 'ZIP typo', detail: { jobId } });
    expect((await list()).items.map((i) => i.jobId)).not.toContain(ids.zip);
  });
});

describe('retry and cancel', () => {
  it('retries one: back in the queue, audited with the user', async () => {
    const res = await f.call(STORE_A, 'POST', `/exceptions/${ids.credit}/retry`, { reason: 'credit released' });
    expect(res.status).toBe(200);
    expect(await stateOf(ids.credit)).toBe('queued');
    const audit = (await (await f.call(STORE_A, 'GET', '/audit?action=job.retry')).json()) as { items: Array<{ actor: string; subject: string }> };
    expect(audit.items[0]).toMatchObject({ actor: USER_EMAIL, subject: ids.credit });
    expect((await f.call(STORE_A, 'POST', `/exceptions/${ids.credit}/retry`, {})).status).toBe(409);
  });

  it('retries many at once and says which it skipped', async () => {
    await f.setJob(ids.credit, { state: 'held', lastError: 'again' });
    const res = await f.call(STORE_A, 'POST', '/exceptions/retry', { jobIds: [ids.credit, ids.other, ids.fine] });
    const r = (await res.json()) as { done: string[]; skipped: Array<{ jobId: string }> };
    expect(r.done.sort()).toEqual([ids.credit, ids.other].sort());
    expect(r.skipped.map((s) => s.jobId)).toEqual([ids.fine]);
    expect((await f.call(STORE_A, 'POST', '/exceptions/retry', { jobIds: [] })).status).toBe(400);
  });

  it('cancels one, audited', async () => {
    await f.setJob(ids.other, { state: 'dead', lastError: 'again' });
    const res = await f.call(STORE_A, 'POST', `/exceptions/${ids.other}/cancel`, { reason: 'duplicate order' });
    expect(await res.json()).toMatchObject({ state: 'cancelled' });
    expect(await stateOf(ids.other)).toBe('cancelled');
    const audit = (await (await f.call(STORE_A, 'GET', '/audit?action=job.cancel')).json()) as { items: Array<{ actor: string; reason: string }> };
    expect(audit.items[0]).toMatchObject({ actor: USER_EMAIL, reason: 'duplicate order' });
  });
});
