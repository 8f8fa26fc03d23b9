import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogItems, people } from '../../../server/sandbox/catalog/index';
import { buyer, startWorld, type World } from '../../helpers/world';

/**
 * The Sage write slot is held only while Sage is written: order.sync reads and plans outside it,
 * order.write creates in it with the carried plan — unless another order's create since then
 * may have used up the stock the plan counted on. Sage writes take 400 ms here, so plans of
 * orders placed together run while another order's create is in flight.
 */
let w: World;
beforeAll(async () => { w = await startWorld({ sage: { writeLatencyMs: 400 } }); });
afterAll(async () => { await w?.close(); });

const person = (i: number) => people()[i];
const stocked = catalogItems().filter((i) => i.sku === i.itemCode && !i.inactive && i.stock.some((s) => s.warehouseCode === '000' && s.onHand >= 20));
const settled = (l: { state: string; writtenBackAt: number | null }) => l.state === 'held' || (l.state === 'created' && !!l.writtenBackAt);
const order = (p: number, sku: string, Quantity: number) =>
  ({ ...buyer(person(p)), StatusKey: 'Processing', Notes: null, PurchaseOrderNumber: null, SalesItems: [{ Sku: sku, Quantity }] });

async function available(itemCode: string) {
  const row = await w.sage.client.items.warehouseStock(itemCode, '000');
  return row ? row.QuantityOnHand - row.QuantityOnSalesOrder - row.QuantityOnBackOrder : 0;
}

describe('the Sage write slot', () => {
  it('plans outside the slot, creates in it with that plan, and our own write-back echo never takes it', async () => {
    const placed = await w.placeOrder(order(24, stocked[0].sku, 1));
    const link = await w.waitForLink(placed.ID, settled);
    expect(link.state).toBe('created');
    await w.waitForIdle();
    // order.sync planned and handed over; order.write created. The write-back's order.updated
    // echo is known at the door, or (when Clarity is quicker than the write-back's own record)
    // an order.sync that changes nothing: either way no second order.write.
    const jobs = await w.jobsFor(placed.ID);
    expect(jobs.filter((j) => j.kind === 'order.write')).toEqual([{ kind: 'order.write', state: 'succeeded' }]);
    expect(jobs.every((j) => j.state === 'succeeded')).toBe(true);
    const steps = (await w.timeline(placed.ID)).map((e) => e.message);
    expect(steps).toContain("planned; waiting for the store's Sage write slot");
    expect(steps).toContain('sending the order as planned before the write slot was free');
    expect(await w.sage.client.orders.findByCustomerPO({ ARDivisionNo: link.arDivisionNo!, CustomerNo: link.customerNo!, CustomerPONo: link.customerPONo }))
      .toHaveLength(1);
  });

  it("the write-back's own version is recorded, so its echo is acknowledged without a job", async () => {
    const placed = await w.placeOrder(order(24, stocked[2].sku, 1));
    await w.waitForLink(placed.ID, settled);
    await w.waitForIdle();
    const now = await w.clarityOrder(placed.ID);
    const own = await w.app.database.client.execute({
      sql: "SELECT subject_version FROM deliveries WHERE store_id = ? AND subject_id = ? AND source = 'write-back'", args: [w.storeId, String(placed.ID)],
    });
    expect(own.rows.map((r) => r.subject_version)).toEqual([new Date(now.UpdatedDate!).toISOString()]);
    const before = (await w.jobsFor(placed.ID)).length;
    expect(await w.postWebhook('order.updated', now)).toBe(200);
    await w.waitForIdle();
    expect((await w.jobsFor(placed.ID)).length).toBe(before);
    // A change made in the store after it is a new version, and runs.
    await w.setStatus(placed.ID, 'On Hold');
    await w.waitForLink(placed.ID, (l) => l.sageStatus === 'H');
  });

  it('two orders planned on the same last units: the create that comes second is planned again and held', async () => {
    await w.saveMapping({ stock: { policy: 'hold' } });
    const item = stocked[1].sku;
    const avail = await available(item);
    expect(avail).toBeGreaterThan(1);
    // Placed together: both are planned against the same stock while the first create is in flight.
    const [a, b] = await Promise.all([w.placeOrder(order(24, item, avail)), w.placeOrder(order(25, item, 1))]);
    const links = await Promise.all([w.waitForLink(a.ID, settled), w.waitForLink(b.ID, settled)]);
    expect(links.map((l) => l.state).sort()).toEqual(['created', 'held']);
    const held = links.find((l) => l.state === 'held')!;
    expect(held.holdReason).toMatch(/ordered, \d+ available/);
    const heldSteps = (await w.timeline(held.clarityOrderId)).map((e) => e.message);
    expect(heldSteps.some((m) => /^planned again in the write slot: other orders took \d+ of /.test(m))).toBe(true);
    // Sage never promised more than it had.
    expect(await available(item)).toBeGreaterThanOrEqual(0);
    await w.saveMapping({});
  });

  it('a create whose answer is lost is found and adopted by the next attempt, never sent twice', async () => {
    // The plan wrote the pending link, so the first attempt sent the create without a write of
    // its own; the answer never comes back. The retry must look before it creates.
    w.sage.sandbox.faults.set({ timeoutHoldMs: 50, routes: [{ match: 'POST /SO/SalesOrder', timeoutAfterWriteRate: 1 }] });
    const placed = await w.placeOrder(order(24, stocked[3].sku, 1));
    const pending = await w.waitForLink(placed.ID, (l) => l.state === 'pending' && l.createAttempts > 0);
    const key = { ARDivisionNo: pending.arDivisionNo!, CustomerNo: pending.customerNo!, CustomerPONo: pending.customerPONo };
    for (let i = 0; i < 200 && (await w.sage.client.orders.findByCustomerPO(key)).length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    w.sage.sandbox.faults.reset();
    const link = await w.waitForLink(placed.ID, settled, 30_000);
    expect(link.state).toBe('created');
    const inSage = await w.sage.client.orders.findByCustomerPO(key);
    expect(inSage.map((o) => o.SalesOrderNo)).toEqual([link.salesOrderNo]);
    const steps = (await w.timeline(placed.ID)).map((e) => e.message);
    expect(steps.some((m) => m.includes('adopted it instead of creating another'))).toBe(true);
  });
});
