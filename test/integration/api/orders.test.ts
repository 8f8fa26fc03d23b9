import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveOrderLink } from '../../../server/db/repos/order-links.repo';
import type { OrderBadge, OrderPanelData } from '../../../server/contracts/orders';
import { STORE_A, USER_EMAIL, openApiFixture, sampleOrder, type ApiFixture } from './fixture';

/** The order panel, the list badges and Resend, over the real repos and queue. */
let f: ApiFixture;
beforeAll(async () => {
  f = await openApiFixture();
});
afterAll(() => f.close());

const panel = async (id: string) => (await (await f.call(STORE_A, 'GET', `/orders/${id}`)).json()) as OrderPanelData;

describe('order panel', () => {
  it('shows an order that was never received as not seen, with nothing to resend', async () => {
    expect(await panel('900001')).toMatchObject({ orderId: '900001', appState: 'not_seen', salesOrderNo: null, timeline: [], canResend: false });
  });

  it('shows the Sage order, customer, statuses, warnings and timeline of a synced order', async () => {
    const { jobId } = await f.receiveOrder(STORE_A, '100234', sampleOrder('100234', { BillingContact: {
      FirstName: '<b>Dana</b>', LastName: 'Ortiz', Email1: 'dana@acme.example',
      Address: { Company: 'Acme <script>', Street1: '1 Main', City: 'Austin', RegionCode: 'TX', PostalCode: '78703', CountryCode: 'US' } } }));
    await f.setJob(jobId, { state: 'succeeded' });
    await saveOrderLink(f.database.db, { storeId: STORE_A.storeId, clarityOrderId: '100234' }, {
      state: 'created', clarityOrderKey: 'WEB-100234', customerPONo: 'WEB-100234', salesOrderNo: '0001234', arDivisionNo: '01', customerNo: 'ACME',
      sageStatus: 'O', clarityStatus: 'Processing', warnings: ['Ship-to street shortened to 30 characters'],
    }, [
      { at: f.clock.now(), step: 'received', level: 'info', message: 'Order received by webhook' },
      { at: f.clock.now() + 1, step: 'sage.create', level: 'info', message: 'Sales order 0001234 created', detail: { SalesOrderNo: '0001234' } },
    ], f.clock.now());

    const p = await panel('100234');
    expect(p).toMatchObject({
      appState: 'created', salesOrderNo: '0001234', orderKey: 'WEB-100234', sageStatus: 'Open (O)', clarityStatus: 'Processing',
      customer: { display: '01-ACME', name: 'Acme <script> · <b>Dana</b> Ortiz' }, warnings: ['Ship-to street shortened to 30 characters'], canResend: true,
    });
    expect(p.timeline.map((e) => e.step)).toEqual(['received', 'sage.create']);
    expect(p.jobs[0]).toMatchObject({ jobId, state: 'succeeded' });
  });

  it('shows a held order with its reason', async () => {
    const { jobId } = await f.receiveOrder(STORE_A, '100300');
    await f.setJob(jobId, { state: 'held', lastError: 'Customer 01-ACME is on credit hold in Sage' });
    const p = await panel('100300');
    expect(p.appState).toBe('held');
    expect(p.holdReason).toBe('Customer 01-ACME is on credit hold in Sage');
  });

  it('refuses an order ID that is not one', async () => {
    const res = await f.call(STORE_A, 'GET', '/orders/1%3Bdrop');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string; issues: unknown[] } }).error).toMatchObject({ code: 'BadRequest' });
  });
});

describe('badges', () => {
  it('answers one badge per order ID, in the order asked, each in plain words', async () => {
    const { jobId } = await f.receiveOrder(STORE_A, '100400');
    await f.setJob(jobId, { state: 'retrying', lastError: 'Sage gateway timed out' });
    const res = await f.call(STORE_A, 'GET', '/orders/badges?ids=100234,100400,100300,777777,100234');
    const { badges } = (await res.json()) as { badges: OrderBadge[] };
    expect(badges.map((b) => [b.orderId, b.appState, b.label, b.tone])).toEqual([
      ['100234', 'created', 'SO 0001234', 'ok'],
      ['100400', 'retrying', 'Retrying', 'warn'],
      ['100300', 'held', 'On hold', 'warn'],
      ['777777', 'not_seen', 'Not synced', 'muted'],
    ]);
    expect(badges[2].title).toMatch(/credit hold/);
  });

  it('refuses more than 200 orders at once', async () => {
    const ids = Array.from({ length: 201 }, (_, i) => 500000 + i).join(',');
    expect((await f.call(STORE_A, 'GET', `/orders/badges?ids=${ids}`)).status).toBe(400);
  });
});

describe('resend', () => {
  it('queues a new order.sync job on the stored delivery, audits it with the user, and grows the timeline', async () => {
    const before = await panel('100234');
    const res = await f.call(STORE_A, 'POST', '/orders/100234/resend', { reason: 'customer called' });
    expect(res.status).toBe(202);
    const { jobId, deliveryId } = (await res.json()) as { jobId: string; deliveryId: string };

    const job = await f.database.client.execute({ sql: 'SELECT kind, state, store_id, delivery_id, ordering_key FROM jobs WHERE id = ?', args: [jobId] });
    expect(job.rows[0]).toMatchObject({ kind: 'order.sync', state: 'queued', store_id: STORE_A.storeId, delivery_id: deliveryId, ordering_key: `order:${STORE_A.storeId}:100234` });

    const after = await panel('100234');
    expect(after.appState).toBe('queued');
    expect(after.timeline.length).toBe(before.timeline.length + 1);
    expect(after.timeline.at(-1)).toMatchObject({ step: 'resend', message: `Resend requested by ${USER_EMAIL}: customer called` });

    const audit = (await (await f.call(STORE_A, 'GET', '/audit?action=delivery.replay')).json()) as { items: Array<{ actor: string; reason: string; subject: string }> };
    expect(audit.items[0]).toMatchObject({ actor: USER_EMAIL, reason: 'customer called', subject: deliveryId });
  });

  it('says so when there is nothing stored to resend', async () => {
    const res = await f.call(STORE_A, 'POST', '/orders/424242/resend', {});
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NothingToResend');
  });
});
