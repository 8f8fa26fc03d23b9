import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../server/core/clock';
import { AppError } from '../../../server/core/errors';
import { catalogItems, people } from '../../../server/sandbox/catalog/index';
import { mappingConfigSchema } from '../../../server/mapping/config';
import { ItemCache } from '../../../server/sync/order/item-cache';
import { resolveItems, type ResolvedItem } from '../../../server/sync/order/resolve-items';
import { checkCredit } from '../../../server/sync/order/credit';
import { createCustomer } from '../../../server/sync/customer/create-customer';
import { startSageServer, type SageServer } from '../../helpers/sage-server';

/** The Sage-facing steps of the order flow, over real HTTP against the Sage sandbox. */
let sage: SageServer;
beforeAll(async () => { sage = await startSageServer(); });
afterAll(async () => { await sage.close(); });

const items = catalogItems();
const aliased = items.find((i) => i.sku !== i.itemCode && !i.inactive)!;
const plain = items.find((i) => i.sku === i.itemCode && !i.inactive)!;
const inactive = items.find((i) => i.inactive)!;

describe('SKU → ItemCode', () => {
  it('uses the explicit map, then Sage aliases, then the same code; names what it cannot find', async () => {
    const config = mappingConfigSchema.parse({ skuOverrides: { 'MY-SPECIAL': plain.itemCode } });
    const cache = new ItemCache<ResolvedItem>(new FakeClock());
    const r = await resolveItems(sage.client, [aliased.sku, plain.sku.toLowerCase(), 'MY-SPECIAL', 'NOPE-1', inactive.sku], config, { cache, scope: 's' });
    expect(r.items[aliased.sku]).toMatchObject({ itemCode: aliased.itemCode, source: 'alias', inactive: false });
    expect(r.items[plain.sku.toLowerCase()]).toMatchObject({ itemCode: plain.itemCode, source: 'same' });
    expect(r.items['MY-SPECIAL']).toMatchObject({ itemCode: plain.itemCode, source: 'override' });
    expect(r.items[inactive.sku]).toMatchObject({ itemCode: inactive.itemCode, inactive: true });
    expect(r.unknown).toEqual([{ sku: 'NOPE-1', reason: expect.stringContaining('SKU "NOPE-1" is not a Sage item code') }]);
  });

  it('answers found SKUs from the cache until they expire, and never caches an unknown one', async () => {
    const clock = new FakeClock();
    const cache = new ItemCache<ResolvedItem>(clock, 60_000);
    const config = mappingConfigSchema.parse({});
    const count = () => [...sage.calls.entries()].filter(([k]) => k.startsWith('GET /CI/Item') || k.startsWith('GET /IM/AliasItem'))
      .reduce((s, [, n]) => s + n, 0);
    await resolveItems(sage.client, [plain.sku, 'NOPE-2'], config, { cache, scope: 's' });
    const before = count();
    await resolveItems(sage.client, [plain.sku], config, { cache, scope: 's' });
    expect(count()).toBe(before);
    await resolveItems(sage.client, ['NOPE-2'], config, { cache, scope: 's' });
    expect(count()).toBeGreaterThan(before);
    const mid = count();
    clock.advance(61_000);
    await resolveItems(sage.client, [plain.sku], config, { cache, scope: 's' });
    expect(count()).toBeGreaterThan(mid);
  });
});

describe('Sage gateway client', () => {
  const known = people().find((p) => p.sage && p.sage.CreditHold === 'N')!;

  it('finds customers by e-mail and by name + ZIP', async () => {
    const byEmail = await sage.client.customers.findByEmail(known.email.toUpperCase());
    expect(byEmail.map((c) => c.CustomerNo)).toEqual([known.sage!.CustomerNo]);
    const name = (known.company ?? `${known.firstName} ${known.lastName}`).slice(0, 30);
    const byName = await sage.client.customers.findByNameZip(name, known.zip);
    expect(byName.map((c) => c.CustomerNo)).toContain(known.sage!.CustomerNo);
  });

  it('creates an order, finds it by customer + PO (the duplicate check), holds it by PATCH', async () => {
    const { ARDivisionNo, CustomerNo } = known.sage!;
    const key = { ARDivisionNo, CustomerNo, CustomerPONo: 'TEST-PO-1' };
    expect(await sage.client.orders.findByCustomerPO(key)).toEqual([]);
    const created = await sage.client.orders.create({
      ...key, OrderDate: '20261129', OrderType: 'S', OrderStatus: 'O', Lines: [{ ItemType: 1, ItemCode: plain.itemCode, QuantityOrdered: 1, UnitPrice: plain.priceCents / 100 }],
    });
    expect(created.SalesOrderNo).toMatch(/^\d{7}$/);
    const found = await sage.client.orders.findByCustomerPO(key);
    expect(found.map((o) => o.SalesOrderNo)).toEqual([created.SalesOrderNo]);
    const held = await sage.client.orders.patch(created.SalesOrderNo, { OrderStatus: 'H', Comment: 'Cancelled in store' });
    expect(held).toMatchObject({ OrderStatus: 'H', Comment: 'Cancelled in store' });
    const stock = await sage.client.items.warehouseStock(plain.itemCode, '000');
    expect(stock?.QuantityOnSalesOrder).toBeGreaterThanOrEqual(1);
  });

  it('classifies refusals: 422 names the field, 404 reads as null', async () => {
    expect(await sage.client.customers.get('01', 'NOBODY')).toBeNull();
    const err = await sage.client.customers.create({ ARDivisionNo: '01', CustomerName: 'Zip Test', ZipCode: '59001', City: 'X', State: 'MT' })
      .catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ status: 422, field: 'ZipCode', errorClass: 'permanent' });
  });
});

describe('a new customer whose ZIP Sage does not know', () => {
  const draft = (zip: string) => ({
    input: { ARDivisionNo: '01', CustomerName: `Zip ${zip} Ranch`, AddressLine1: '1 MAIN ST', City: 'CHEYENNE', State: 'WY', ZipCode: zip, CountryCode: 'USA' },
    warnings: [],
  });
  const deps = (addUnknownZips: boolean) => ({ db: null as never, sage: sage.client, clock: new FakeClock(), addUnknownZips });

  it('is refused in plain words by default, and nothing is added', async () => {
    const out = await createCustomer(deps(false), draft('82001'));
    expect(out).toMatchObject({ ok: false, field: 'ZipCode' });
    expect(!out.ok && out.reason).toMatch(/ZIP 82001 is not in Sage's ZIP code table/);
    expect(await sage.client.lookups.zipCode('82001')).toBeNull();
  });

  it('is created after adding the ZIP when the merchant allows it', async () => {
    const out = await createCustomer(deps(true), draft('82001'));
    expect(out).toMatchObject({ ok: true, note: "ZIP 82001 added to Sage's ZIP table" });
    expect(await sage.client.lookups.zipCode('82001')).toMatchObject({ ZipCode: '82001', City: 'CHEYENNE', State: 'WY' });
  });
});

describe('credit rule', () => {
  const c = (over: Record<string, unknown>) => ({ ARDivisionNo: '01', CustomerNo: 'ACME', CreditHold: 'N' as const, ...over });
  it.each([
    [{ CreditHold: 'Y' }, 1000, 'credit_hold'],
    [{ CreditLimit: 0, CurrentBalance: 99999 }, 1000, null],
    [{ CreditLimit: 100, CurrentBalance: 50, OpenOrderAmt: 40 }, 1000, null],
    [{ CreditLimit: 100, CurrentBalance: 50, OpenOrderAmt: 40 }, 1001, 'over_limit'],
    [{ CreditLimit: 100.1, CurrentBalance: 0.2, OpenOrderAmt: 0.1 }, 9980, null],
  ])('%o with an order of %i cents → %s', (customer, orderCents, kind) => {
    const out = checkCredit(c(customer) as never, orderCents);
    expect(out.ok ? null : out.kind).toBe(kind);
    if (!out.ok) expect(out.comment.length).toBeLessThanOrEqual(30);
  });
});
