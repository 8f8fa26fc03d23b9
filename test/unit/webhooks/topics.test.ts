import { describe, expect, test } from 'vitest';
import { canonicalIso } from '../../../server/connectors/clarity/schemas';
import { routeEvent } from '../../../server/webhooks/topics';

describe('topic → job', () => {
  test.each([
    ['order.created', { ID: 100234, UpdatedDate: '2026-11-29T09:58:12Z' }, 'order.sync', 'order:st_a:100234', { orderId: '100234' }],
    ['order.updated', { ID: '100234', UpdatedDate: '2026-11-29T09:58:12Z' }, 'order.sync', 'order:st_a:100234', { orderId: '100234' }],
    ['order.cancelled', { ID: 5 }, 'order.sync', 'order:st_a:5', { orderId: '5', updatedDate: null }],
    ['customer.created', { ID: 77 }, 'customer.sync', 'customer:st_a:77', { customerId: '77' }],
    ['customer.updated', { ID: 77 }, 'customer.sync', 'customer:st_a:77', { customerId: '77' }],
    ['product.updated', { ID: 9, Sku: 'WID-100-BLK' }, 'product.sync', 'product:st_a:WID-100-BLK', { sku: 'WID-100-BLK', productId: '9' }],
  ])('%s', (topic, data, kind, orderingKey, payload) => {
    const r = routeEvent('st_a', topic, data);
    expect(r).toMatchObject({ ok: true, job: { kind, storeId: 'st_a', orderingKey, payload: { topic, ...payload } } });
    // No event waits for the Sage write slot at intake: order.sync reads and decides first and
    // hands only real writes to order.write, which takes the slot (server/sync/order/hand-over.ts).
    expect(r.ok && r.job?.target).toBeUndefined();
  });

  test('the subject carries the canonical version', () => {
    const r = routeEvent('st_a', 'order.updated', { ID: 1, UpdatedDate: '2026-11-29T09:58:12' });
    expect(r).toMatchObject({ ok: true, subject: { type: 'order', id: '1', version: '2026-11-29T09:58:12.000Z' } });
  });

  test('app.uninstalled is the lifecycle, other topics are stored only', () => {
    expect(routeEvent('st_a', 'app.uninstalled', { storeId: 'st_a' })).toEqual({ ok: true, subject: null, job: null, lifecycle: 'uninstall' });
    expect(routeEvent('st_a', 'shipment.created', { ID: 1 })).toEqual({ ok: true, subject: null, job: null });
  });

  test.each([
    ['order.created', {}],
    ['order.updated', { ID: -1 }],
    ['customer.updated', { ID: null }],
    ['product.updated', { ID: 9 }],
  ])('%s without its key is refused', (topic, data) => {
    expect(routeEvent('st_a', topic, data)).toMatchObject({ ok: false });
  });
});

describe('canonical ISO dates', () => {
  test.each([
    ['2026-11-29T09:58:12Z', '2026-11-29T09:58:12.000Z'],
    ['2026-11-29T09:58:12.000Z', '2026-11-29T09:58:12.000Z'],
    ['2026-11-29T04:58:12-05:00', '2026-11-29T09:58:12.000Z'],
    ['2026-11-29T09:58:12', '2026-11-29T09:58:12.000Z'],
    ['not a date', null],
    [12345, null],
  ])('%s → %s', (input, out) => {
    expect(canonicalIso(input)).toBe(out);
  });
});
