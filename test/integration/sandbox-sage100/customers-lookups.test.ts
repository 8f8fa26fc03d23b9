import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSage100Sandbox } from '../../../server/sandbox/sage100/index';
import { API_KEY, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.close(); });

const create = (body: Record<string, unknown>) => h.call('POST', '/AR/Customer', { CustomerName: 'Numbering Test', ZipCode: '78703', ...body });

describe('gateway auth', () => {
  it('401 Unauthorized for a missing or wrong key; 400 for a missing or unknown company', async () => {
    const wrong = await h.call('GET', '/IM/Warehouse', undefined, { 'X-Api-Key': 'nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('Unauthorized');
    const noCompany = await fetch(`${h.base}/IM/Warehouse`, { headers: { 'X-Api-Key': API_KEY } });
    expect(noCompany.status).toBe(400);
    expect((await noCompany.json()).error.code).toBe('BadRequest');
    const unknown = await h.call('GET', '/IM/Warehouse', undefined, { 'X-Sage-Company': 'XYZ' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/XYZ/);
  });

  it('health answers up with the company and version', async () => {
    expect((await h.call('GET', '/health')).body).toEqual({ sage: 'up', company: 'ABC', version: expect.stringMatching(/Sage 100/) });
  });
});

describe('customer numbering', () => {
  it('zero-fills the division, upper-cases the number, pads an all-digit number to 7', async () => {
    const named = await create({ ARDivisionNo: '2', CustomerNo: 'acme-co' });
    expect(named.status, JSON.stringify(named.body)).toBe(201);
    expect(named.body).toMatchObject({ ARDivisionNo: '02', CustomerNo: 'ACME-CO' });
    const digits = await create({ ARDivisionNo: '02', CustomerNo: '4711' });
    expect(digits.body.CustomerNo).toBe('0004711');
    // Reads normalize the key the same way.
    expect((await h.call('GET', '/AR/Customer/2-4711')).body.CustomerNo).toBe('0004711');
    expect((await h.call('GET', '/AR/Customer/02-acme-co')).body.CustomerName).toBe('Numbering Test');
  });

  it('takes the next customer number of the division when none is given, skipping numbers already taken', async () => {
    const a = await create({ ARDivisionNo: '00' });
    expect(a.body.CustomerNo).toMatch(/^\d{7}$/);
    const taken = String(Number(a.body.CustomerNo) + 1).padStart(7, '0');
    expect((await create({ ARDivisionNo: '00', CustomerNo: taken })).status).toBe(201);
    const b = await create({ ARDivisionNo: '00' });
    expect(Number(b.body.CustomerNo)).toBe(Number(a.body.CustomerNo) + 2);
  });

  it('refuses a duplicate, a bad division and a number with spaces', async () => {
    expect((await create({ ARDivisionNo: '02', CustomerNo: 'ACME-CO' })).body.error).toMatchObject({ code: 'CI_Invalid', field: 'CustomerNo' });
    expect((await create({ ARDivisionNo: '7' })).body.error).toMatchObject({ code: 'CI_Invalid', field: 'ARDivisionNo' });
    expect((await create({ ARDivisionNo: 'AB' })).body.error).toMatchObject({ code: 'CI_Invalid', field: 'ARDivisionNo' });
    expect((await create({ ARDivisionNo: '01', CustomerNo: 'A B' })).body.error).toMatchObject({ code: 'CI_Invalid', field: 'CustomerNo' });
    expect((await h.call('GET', '/AR/Customer/01-NOBODY')).status).toBe(404);
  });

  it('needs a ZIP in the ZIP table and fills City and State from it', async () => {
    expect((await create({ ARDivisionNo: '01', ZipCode: '82001' })).body.error).toMatchObject({ code: 'CI_Invalid', field: 'ZipCode' });
    const res = await create({ ARDivisionNo: '01', ZipCode: '02139' });
    expect(res.body).toMatchObject({ City: 'CAMBRIDGE', State: 'MA', ZipCode: '02139' });
    expect((await create({ ARDivisionNo: '01', TermsCode: '99' })).body.error).toMatchObject({ code: 'CI_Invalid', field: 'TermsCode' });
    expect((await create({ ARDivisionNo: '01', TaxSchedule: 'MARS' })).body.error).toMatchObject({ code: 'CI_Invalid', field: 'TaxSchedule' });
  });
});

describe('customer searches', () => {
  it('by e-mail: a full scan, case-insensitive, slow by the configured delay', async () => {
    await create({ ARDivisionNo: '01', EmailAddress: 'Buyer@Example.com' });
    expect((await h.call('GET', '/AR/Customer?EmailAddress=buyer@example.com')).body).toEqual([expect.objectContaining({ EmailAddress: 'Buyer@Example.com' })]);
    expect((await h.call('GET', '/AR/Customer?EmailAddress=nobody@example.com')).body).toEqual([]);
    await h.call('PUT', '/_admin/settings', { emailScanDelayMs: 120 });
    const started = performance.now();
    await h.call('GET', '/AR/Customer?EmailAddress=buyer@example.com');
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
    await h.call('PUT', '/_admin/settings', { emailScanDelayMs: 0 });
  });

  it('by name and ZIP, through the index', async () => {
    const res = await h.call('GET', '/AR/Customer?CustomerName=blue%20ridge%20builders&ZipCode=10001');
    expect(res.body).toEqual([expect.objectContaining({ ARDivisionNo: '01', CustomerNo: 'TANAKA4', CustomerName: 'Blue Ridge Builders' })]);
    const plan = await h.sandbox.db.execute(`EXPLAIN QUERY PLAN SELECT * FROM ar_customer WHERE Company = 'ABC' AND CustomerName = 'x' COLLATE NOCASE AND ZipCode = '1'`);
    expect(JSON.stringify(plan.rows)).toMatch(/ar_customer_name_zip/);
    const scan = await h.sandbox.db.execute(`EXPLAIN QUERY PLAN SELECT * FROM ar_customer NOT INDEXED WHERE Company = 'ABC' AND lower(EmailAddress) = 'x'`);
    expect(JSON.stringify(scan.rows)).toMatch(/SCAN ar_customer/);
  });
});

describe('lookups', () => {
  it('payment types, ship-via codes, warehouses, ZIP codes, items', async () => {
    expect((await h.call('GET', '/AR/PaymentType')).body).toContainEqual({ PaymentType: 'VISA', PaymentDesc: 'Visa (Stripe)', PaymentMethod: 'R' });
    expect((await h.call('GET', '/SO/ShippingRate')).body).toContainEqual({ ShippingCode: 'UPS GROUND', ShippingCodeDesc: 'UPS Ground' });
    expect((await h.call('GET', '/IM/Warehouse')).body.map((w: any) => w.WarehouseCode)).toEqual(['000', 'EST', 'WST']);
    expect((await h.call('GET', '/SY/ZipCode/78703')).body).toMatchObject({ ZipCode: '78703', City: 'AUSTIN', State: 'TX' });
    expect((await h.call('GET', '/SY/ZipCode/59001')).body.error.code).toBe('CI_NoKey');
    expect((await h.call('GET', '/CI/Item/%2FFREIGHT')).body).toMatchObject({ ItemCode: '/FREIGHT', ItemType: 3 });
    expect((await h.call('GET', '/CI/Item/FAST-0100-BLK')).body).toMatchObject({
      ItemCode: 'FAST-0100-BLK', ItemType: 1, ProductLine: 'FAST', InactiveItem: 'N', TotalQuantityOnHand: expect.any(Number), DateUpdated: '20261129', TimeUpdated: '15.00000',
    });
  });
});

describe('the seed', () => {
  it('looks like a distributor: 300+ items over product lines and warehouses, aliases, inactive items, 100+ customers with holds and tight limits', async () => {
    const state = (await h.call('GET', '/_admin/state')).body;
    expect(state.counts.items).toBeGreaterThanOrEqual(300);
    expect(state.counts.customers).toBeGreaterThanOrEqual(100);
    const q = async (sql: string) => Number((await h.sandbox.db.execute(sql)).rows[0][0]);
    expect(await q(`SELECT COUNT(DISTINCT ProductLine) FROM ci_item WHERE ItemType = 1`)).toBeGreaterThanOrEqual(5);
    expect(await q(`SELECT COUNT(DISTINCT WarehouseCode) FROM im_itemwarehouse`)).toBe(3);
    expect(await q(`SELECT COUNT(*) FROM ci_item WHERE InactiveItem = 'Y'`)).toBeGreaterThan(2);
    expect(await q(`SELECT COUNT(*) FROM im_aliasitem WHERE Type = 'G'`)).toBeGreaterThan(20);
    expect(await q(`SELECT COUNT(*) FROM ar_customer WHERE CreditHold = 'Y'`)).toBeGreaterThan(2);
    expect(await q(`SELECT COUNT(*) FROM ar_customer WHERE CreditLimit > 0 AND CreditLimit - CurrentBalance < 100`)).toBeGreaterThan(2);
    expect(await q(`SELECT MAX(length(CustomerName)) FROM ar_customer`)).toBeLessThanOrEqual(30);
  });

  it('is not repeated when the sandbox reopens its database', async () => {
    const dbFile = (await h.sandbox.db.execute('PRAGMA database_list')).rows[0][2] as string;
    const again = await createSage100Sandbox({ dbUrl: `file:${dbFile}`, apiKey: API_KEY, clock: h.clock });
    const customers = Number((await again.db.execute(`SELECT COUNT(*) FROM ar_customer`)).rows[0][0]);
    await again.close();
    expect(customers).toBe((await h.call('GET', '/_admin/state')).body.counts.customers);
  });
});
