import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, catalogItems } from '../../../server/sandbox/catalog/index';
import type { OrderOverrides } from '../../../server/sandbox/clarity/index';
import { retryJob } from '../../../server/queue/exceptions';
import { buyer, startWorld, type World } from '../../helpers/world';

/**
 * A Clarity order through the whole app into Sage and back, over real HTTP against both
 * sandboxes: which customer it lands on, which items its SKUs become, what is held and why,
 * and the Sage order number written back onto the Clarity order.
 */
let w: World;
beforeAll(async () => { w = await startWorld(); });
afterAll(async () => { await w?.close(); });

const person = (i: number) => people()[i];
const items = catalogItems();
const item = (sku: string) => items.find((i) => i.sku === sku)!;

/** Places an order and waits until the flow has finished with it. */
async function send(overrides: OrderOverrides) {
  const order = await w.placeOrder({ StatusKey: 'Processing', Notes: null, PurchaseOrderNumber: null, ...overrides });
  const link = await w.waitForLink(order.ID, (l) => l.state === 'held' || l.state === 'cancelled' || (l.state === 'created' && !!l.writtenBackAt));
  return { order, link };
}
const line = (Sku: string, Quantity = 1, UnitSoldPrice?: number) => ({ SalesItems: [{ Sku, Quantity, ...(UnitSoldPrice !== undefined && { UnitSoldPrice }) }] });
async function until<T>(f: () => Promise<T | null>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== null) return v;
    if (Date.now() > deadline) throw new Error('condition never met');
    await new Promise((r) => setTimeout(r, 25));
  }
}
const emailScans = () => w.sage.calls.get('GET /AR/Customer') ?? 0;

describe('customers', () => {
  it('finds a returning customer by e-mail once, then by the link; writes the Sage order number back', async () => {
    const p = person(24);
    const scansBefore = emailScans();
    const first = await send({ ...buyer(p), ...line('FAST-0120-SS', 2) });
    expect(first.link).toMatchObject({ state: 'created', arDivisionNo: '01', customerNo: p.sage!.CustomerNo, customerPONo: first.order.CustomKey });
    const so = await w.sage.client.orders.get(first.link.salesOrderNo!);
    expect(so).toMatchObject({ CustomerPONo: first.order.CustomKey, OrderStatus: 'O', ARDivisionNo: '01', CustomerNo: p.sage!.CustomerNo });
    expect(so!.Lines.find((l) => l.ItemCode === 'FAST-0120-SS')?.QuantityOrdered).toBe(2);

    const inClarity = await w.clarityOrder(first.order.ID);
    expect(inClarity.SerializableAttributes.SageSalesOrderNo?.Value).toBe(first.link.salesOrderNo);
    expect(emailScans() - scansBefore).toBe(1);

    const second = await send({ ...buyer(p), ...line('FAST-0120-SS', 1) });
    expect(second.link.customerNo).toBe(p.sage!.CustomerNo);
    expect(emailScans() - scansBefore).toBe(1);
    const steps = (await w.timeline(second.order.ID)).map((e) => e.message);
    expect(steps).toContainEqual(expect.stringMatching(/linked earlier/));
  });

  it('customer.created links the account to its Sage customer before its first order', async () => {
    const p = person(27);
    const scansBefore = emailScans();
    expect(await w.postWebhook('customer.created', {
      ID: p.clarityId, CustomKey: `CUST-${p.clarityId}`, Email: p.email, FirstName: p.firstName, LastName: p.lastName, Company: p.company,
      Phone: p.phone, Address: { Street1: p.street1, City: p.city, RegionCode: p.state, PostalCode: p.zip, CountryCode: 'US' },
      UpdatedDate: new Date().toISOString(),
    })).toBe(200);
    await until(async () => ((await w.jobsFor(p.clarityId!)).some((j) => j.kind === 'customer.sync' && j.state === 'succeeded') ? true : null));
    expect(emailScans() - scansBefore).toBe(1);
    const { order, link } = await send({ ...buyer(p), ...line('FAST-0125-SM', 1) });
    expect(link).toMatchObject({ state: 'created', customerNo: p.sage!.CustomerNo });
    expect(emailScans() - scansBefore).toBe(1);
    expect((await w.timeline(order.ID)).map((e) => e.message)).toContainEqual(expect.stringMatching(/linked earlier by email/));
  });

  it('creates a new customer with the mapping\'s division and terms', async () => {
    await w.saveMapping({ customer: { division: '02', termsCode: '01' } });
    const p = person(120);
    const { link } = await send({ ...buyer(p), ...line('FAST-0125-SM', 1) });
    expect(link.state).toBe('created');
    const [c] = await w.sage.client.customers.findByEmail(p.email);
    expect(c).toMatchObject({ ARDivisionNo: '02', CustomerNo: link.customerNo, TermsCode: '01', ZipCode: p.zip });
    await w.saveMapping({});
  });

  it('guest checkouts: a new customer found again by e-mail, or the shared web customer', async () => {
    const g = person(125);
    const a = await send({ ...buyer(g, { guest: true }), ...line('FAST-0130-ZN', 1) });
    const b = await send({ ...buyer(g, { guest: true }), ...line('FAST-0130-ZN', 1) });
    expect(a.link.state).toBe('created');
    expect(b.link.customerNo).toBe(a.link.customerNo);
    expect(await w.sage.client.customers.findByEmail(g.email)).toHaveLength(1);

    const shared = person(24).sage!;
    await w.saveMapping({ customer: { guest: { mode: 'shared', division: shared.ARDivisionNo, customerNo: shared.CustomerNo } } });
    const c = await send({ ...buyer(person(126), { guest: true }), ...line('FAST-0130-ZN', 1) });
    expect(c.link).toMatchObject({ state: 'created', arDivisionNo: shared.ARDivisionNo, customerNo: shared.CustomerNo });
    expect(await w.sage.client.customers.findByEmail(person(126).email)).toHaveLength(0);
    await w.saveMapping({});
  });

  it('holds an order whose new customer has a ZIP Sage does not know, saying which and what to do', async () => {
    const p = person(122);
    const o = buyer(p);
    const zip59001 = { ...o.BillingContact!, Address: { ...o.BillingContact!.Address, City: 'Absarokee', RegionCode: 'MT', PostalCode: '59001' } };
    const { order, link } = await send({ ...o, BillingContact: zip59001, ShippingContact: zip59001, ...line('FAST-0135-XL', 1) });
    expect(link.state).toBe('held');
    expect(link.holdReason).toMatch(/ZIP 59001 is not in Sage's ZIP code table/);
    expect(link.holdReason).toMatch(/Add the ZIP in Sage/);
    expect(await w.sage.client.customers.findByEmail(p.email)).toHaveLength(0);

    // The shopper's ZIP is corrected in the store, which sends order.updated: the held order goes through.
    const fixed = { ...zip59001, Address: { ...zip59001.Address, City: p.city, RegionCode: p.state, PostalCode: p.zip } };
    const now = await w.clarityOrder(order.ID);
    await w.postWebhook('order.updated', { ...now, BillingContact: fixed, ShippingContact: fixed, UpdatedDate: new Date(Date.parse(now.UpdatedDate) + 1000).toISOString() });
    const sent = await w.waitForLink(order.ID, (l) => l.state === 'created' && !!l.writtenBackAt);
    expect((await w.sage.client.customers.findByEmail(p.email))[0]?.ZipCode).toBe(p.zip);
    expect(sent.holdReason).toBeNull();
  });

  it("adds an unknown ZIP to Sage's table when the mapping says so, and the order goes through", async () => {
    await w.saveMapping({ customer: { unknownZip: 'add' } });
    const p = person(123);
    const o = buyer(p);
    const wy = { ...o.BillingContact!, Address: { ...o.BillingContact!.Address, City: 'Cheyenne', RegionCode: 'WY', PostalCode: '82001' } };
    const { link } = await send({ ...o, BillingContact: wy, ShippingContact: wy, ...line('FAST-0135-XL', 1) });
    expect(link.state).toBe('created');
    expect(await w.sage.client.lookups.zipCode('82001')).toMatchObject({ ZipCode: '82001', State: 'WY' });
    expect((await w.sage.client.customers.findByEmail(p.email))[0]?.ZipCode).toBe('82001');
    await w.saveMapping({});
  });

  it('fits long names and streets into Sage and says so on the order', async () => {
    const p = person(121);
    const o = buyer(p);
    const long = { ...o.BillingContact!, Address: { ...o.BillingContact!.Address, Street1: '12345 Martin Luther King Junior Parkway Receiving Entrance at Rear' } };
    const { link } = await send({ ...o, BillingContact: long, ShippingContact: long, ...line('FAST-0140-BRS', 1) });
    expect(link.state).toBe('created');
    expect(link.warnings!.join('\n')).toMatch(/longer than/);
    const so = await w.sage.client.orders.get(link.salesOrderNo!);
    for (const f of ['ShipToName', 'ShipToAddress1', 'ShipToAddress2', 'ShipToAddress3', 'BillToName']) {
      expect(String(so![f] ?? '').length).toBeLessThanOrEqual(30);
    }
  });
});

describe('items', () => {
  it('maps an alias SKU to its Sage item', async () => {
    const alias = item('WEB-FA1003');
    const { link } = await send({ ...buyer(person(24)), ...line(alias.sku, 3) });
    const so = await w.sage.client.orders.get(link.salesOrderNo!);
    expect(so!.Lines.filter((l) => l.ItemType === '1').map((l) => l.ItemCode)).toEqual([alias.itemCode]);
  });

  it('holds an unknown SKU by name; mapping it and retrying the job sends the order', async () => {
    const { order, link } = await send({ ...buyer(person(24)), SalesItems: [{ Sku: 'NOPE-77', Quantity: 2, UnitSoldPrice: 5, Name: 'Mystery part' }] });
    expect(link.state).toBe('held');
    expect(link.holdReason).toMatch(/SKU NOPE-77/);
    // The link is written inside the job; the job's own end is committed a moment later.
    const job = await until(async () => {
      const rs = await w.app.database.client.execute({
        sql: "SELECT id FROM jobs WHERE state = 'held' AND json_extract(payload, '$.orderId') = ?", args: [String(order.ID)],
      });
      return rs.rows.length === 1 ? rs : null;
    });

    await w.saveMapping({ skuOverrides: { 'NOPE-77': 'FAST-0145-PK10' } });
    await retryJob(w.db, String(job.rows[0].id), { storeId: w.storeId, actor: 'test', reason: 'mapped the SKU' });
    const fixed = await w.waitForLink(order.ID, (l) => l.state === 'created' && !!l.writtenBackAt);
    const so = await w.sage.client.orders.get(fixed.salesOrderNo!);
    expect(so!.Lines.filter((l) => l.ItemType === '1').map((l) => l.ItemCode)).toEqual(['FAST-0145-PK10']);
    await w.saveMapping({});
  });

  it('sends an unknown SKU on a miscellaneous line when the policy says so', async () => {
    await w.saveMapping({ unknownSku: { policy: 'misc-line' } });
    const { link } = await send({ ...buyer(person(24)), SalesItems: [{ Sku: 'NOPE-88', Quantity: 1, UnitSoldPrice: 7.5, Name: 'Odd part' }] });
    expect(link.state).toBe('created');
    const so = await w.sage.client.orders.get(link.salesOrderNo!);
    const misc = so!.Lines.find((l) => l.ItemType === '5');
    expect(misc).toMatchObject({ ItemCode: '/MISC', UnitPrice: 7.5 });
    expect(link.warnings!.join('\n')).toMatch(/NOPE-88/);
    await w.saveMapping({});
  });

  it('holds an inactive item, naming it', async () => {
    const inactive = item('WEB-FA1017');
    const { link } = await send({ ...buyer(person(24)), ...line(inactive.sku, 1, 3) });
    expect(link.state).toBe('held');
    expect(link.holdReason).toContain(`item ${inactive.itemCode}, which is inactive in Sage`);
  });
});
