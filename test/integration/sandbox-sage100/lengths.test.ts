import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, webOrder, type Harness } from './harness';

/**
 * Every length Sage enforces (contracts/sage100.md), written out here from the contract rather
 * than imported from the sandbox, so a wrong limit in the sandbox fails this test.
 */
const NAME = 30, ADDR = 30, CITY = 20, STATE = 2, ZIP = 10, COUNTRY = 3;
const address = (p: string) => [[`${p}Name`, NAME], [`${p}Address1`, ADDR], [`${p}Address2`, ADDR], [`${p}Address3`, ADDR],
  [`${p}City`, CITY], [`${p}State`, STATE], [`${p}ZipCode`, ZIP], [`${p}CountryCode`, COUNTRY]] as Array<[string, number]>;

const CUSTOMER: Array<[string, number]> = [
  ['CustomerNo', 20], ['CustomerName', NAME], ['AddressLine1', ADDR], ['AddressLine2', ADDR], ['AddressLine3', ADDR], ['City', CITY],
  ['State', STATE], ['ZipCode', ZIP], ['CountryCode', COUNTRY], ['EmailAddress', 250], ['TermsCode', 2], ['TaxSchedule', 9],
  ['ShipMethod', 15], ['ARDivisionNo', 2],
];
const HEADER: Array<[string, number]> = [
  ['CustomerPONo', 15], ...address('BillTo'), ...address('ShipTo'), ['ShipVia', 15], ['TaxSchedule', 9], ['TermsCode', 2],
  ['Comment', 30], ['EmailAddress', 250], ['WarehouseCode', 3], ['PaymentType', 5], ['CustomerNo', 20], ['ARDivisionNo', 2],
];
const LINE: Array<[string, number]> = [['ItemCode', 30], ['ItemCodeDesc', 30], ['WarehouseCode', 3]];

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.close(); });

const tooLong = (n: number) => 'W'.repeat(n + 1);
const exactly = (n: number) => 'W'.repeat(n);

function expectCharLength(res: { status: number; body: any }, field: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(422);
  expect(res.body.error).toMatchObject({ code: 'CI_CharLength', field });
  expect(res.body.error.message).toMatch(field);
}

describe('POST /AR/Customer refuses every over-long field', () => {
  it.each(CUSTOMER)('%s longer than %i → 422 CI_CharLength', async (field, max) => {
    const base = { ARDivisionNo: '01', CustomerName: 'Length Test', ZipCode: '78703' };
    expectCharLength(await h.call('POST', '/AR/Customer', { ...base, [field]: tooLong(max) }), field);
    const atMax = await h.call('POST', '/AR/Customer', { ...base, [field]: exactly(max) });
    expect(atMax.body.error?.code).not.toBe('CI_CharLength');
  });
});

describe('POST /SO/SalesOrder refuses every over-long header, line and payment field', () => {
  it.each(HEADER)('header %s longer than %i', async (field, max) => {
    expectCharLength(await h.call('POST', '/SO/SalesOrder', webOrder({ [field]: tooLong(max) })), field);
    const atMax = await h.call('POST', '/SO/SalesOrder', webOrder({ [field]: exactly(max) }));
    expect(atMax.body.error?.code).not.toBe('CI_CharLength');
  });
  it.each(LINE)('line %s longer than %i, naming the line', async (field, max) => {
    const res = await h.call('POST', '/SO/SalesOrder', webOrder({
      Lines: [{ ItemCode: 'FAST-0100-BLK', QuantityOrdered: 1 }, { ItemCode: 'FAST-0100-BLK', QuantityOrdered: 1, [field]: tooLong(max) }],
    }));
    expectCharLength(res, field);
    expect(res.body.error.message).toMatch(/^Line 2: /);
  });
  it('payment PaymentType longer than 5', async () => {
    expectCharLength(await h.call('POST', '/SO/SalesOrder', webOrder({ Payments: [{ PaymentType: tooLong(5), TransactionAmt: 1 }] })), 'PaymentType');
  });
  it('a user-defined field longer than 30', async () => {
    expectCharLength(await h.call('POST', '/SO/SalesOrder', webOrder({ UDF_CLARITY_ORDER: tooLong(30) })), 'UDF_CLARITY_ORDER');
  });
  it('counts characters, not bytes: 30 accented letters fit a 30-character name', async () => {
    const res = await h.call('POST', '/SO/SalesOrder', webOrder({ ShipToName: 'é'.repeat(30), CustomerPONo: 'ACCENTS' }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.ShipToName).toBe('é'.repeat(30));
  });
});

describe('other writes', () => {
  it.each([['ZipCode', ZIP], ['City', CITY], ['State', STATE], ['CountryCode', COUNTRY]] as Array<[string, number]>)(
    'POST /SY/ZipCode %s longer than %i', async (field, max) => {
      const base = { ZipCode: '59001', City: 'BILLINGS', State: 'MT', CountryCode: 'USA' };
      expectCharLength(await h.call('POST', '/SY/ZipCode', { ...base, [field]: tooLong(max) }), field);
    });
  it.each([['Comment', 30], ['ShipToAddress1', ADDR], ['ShipToCity', CITY]] as Array<[string, number]>)(
    'PATCH /SO/SalesOrder %s longer than %i', async (field, max) => {
      const order = await h.call('POST', '/SO/SalesOrder', webOrder({ CustomerPONo: `P-${field.slice(0, 12)}` }));
      expect(order.status).toBe(201);
      expectCharLength(await h.call('PATCH', `/SO/SalesOrder/${order.body.SalesOrderNo}`, { [field]: tooLong(max) }), field);
    });
  it('refuses a non-string where Sage expects text as a malformed request', async () => {
    const res = await h.call('POST', '/SO/SalesOrder', webOrder({ CustomerPONo: 12345 }));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'BadRequest', field: 'CustomerPONo' });
  });
});
