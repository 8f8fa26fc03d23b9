import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.close(); });

/** The ISO instant a row's Sage stamp stands for (UTC), as a caller resuming from it would compute. */
function stampToIso(row: { DateUpdated: string; TimeUpdated: string }): string {
  const d = row.DateUpdated;
  const ms = Date.UTC(+d.slice(0, 4), +d.slice(4, 6) - 1, +d.slice(6, 8)) + Math.round(parseFloat(row.TimeUpdated) * 3_600_000);
  return new Date(ms).toISOString();
}

async function readAll(path: string, pageSize: number) {
  const rows: any[] = [];
  let total = -1;
  for (let page = 1; ; page++) {
    const res = await h.call('GET', `${path}&page=${page}&pageSize=${pageSize}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ Page: page, PageSize: pageSize });
    total = res.body.TotalCount;
    rows.push(...res.body.Results);
    if (res.body.Results.length < pageSize) break;
  }
  return { rows, total };
}

describe('decimal-hour TimeUpdated', () => {
  const zipAt = async (iso: string, zip: string) => {
    h.clock.set(Date.parse(iso));
    return (await h.call('POST', '/SY/ZipCode', { ZipCode: zip, City: 'TESTVILLE', State: 'MT' })).body;
  };

  it('13:30:00 is "13.50000"', async () => {
    expect(await zipAt('2026-12-01T13:30:00Z', '59101')).toMatchObject({ DateUpdated: '20261201', TimeUpdated: '13.50000' });
  });

  it('around midnight: 23:59:59.99 is 23.99999 of the same day, then the next day starts at 0.00000', async () => {
    expect(await zipAt('2026-12-31T23:59:59.990Z', '59102')).toMatchObject({ DateUpdated: '20261231', TimeUpdated: '23.99999' });
    expect(await zipAt('2027-01-01T00:00:00.000Z', '59103')).toMatchObject({ DateUpdated: '20270101', TimeUpdated: '0.00000' });
    expect(await zipAt('2027-01-01T00:00:01.000Z', '59104')).toMatchObject({ DateUpdated: '20270101', TimeUpdated: '0.00027' });
  });

  it('keeps records written a fraction of a second apart in order', async () => {
    const a = await zipAt('2027-01-02T08:00:00.000Z', '59105');
    const b = await zipAt('2027-01-02T08:00:00.400Z', '59106');
    expect(parseFloat(b.TimeUpdated)).toBeGreaterThan(parseFloat(a.TimeUpdated));
  });
});

describe('changedSince paging', () => {
  it('pages in a stable order with no row lost or repeated, many rows sharing one timestamp', async () => {
    h.clock.set(Date.parse('2027-02-01T09:00:00Z'));
    const gen = await h.call('POST', '/_admin/inventory/generate', { rows: 2500 });
    expect(gen.body).toEqual({ rows: 2500, items: 834 });
    const { rows, total } = await readAll('/IM/ItemWarehouse?changedSince=2027-02-01T09:00:00Z', 1000);
    expect(total).toBe(2500);
    expect(rows).toHaveLength(2500);
    const keys = rows.map((r) => `${r.ItemCode}|${r.WarehouseCode}`);
    expect(new Set(keys).size).toBe(2500);
    expect([...keys].sort()).toEqual(keys);
    expect(rows.every((r) => r.DateUpdated === '20270201' && r.TimeUpdated === '9.00000')).toBe(true);
  });

  it('a caller resuming from the last row it saw gets that row again (inclusive) and every later change', async () => {
    h.clock.set(Date.parse('2027-02-02T10:00:00Z'));
    for (const [i, wh] of [['FAST-0100-BLK', '000'], ['FAST-0105-BLU', '000'], ['FAST-0110-WHT', '000']].entries()) {
      h.clock.advance(i === 2 ? 0 : 100); // the last two changes share a timestamp
      await h.call('POST', '/_admin/stock', { ItemCode: wh[0], WarehouseCode: wh[1], delta: 5 });
    }
    const first = await h.call('GET', '/IM/ItemWarehouse?changedSince=2027-02-02T10:00:00Z&pageSize=2');
    expect(first.body.TotalCount).toBe(3);
    const last = first.body.Results.at(-1);
    h.clock.advance(60_000);
    await h.call('POST', '/_admin/stock', { ItemCode: 'FAST-0115-LG', WarehouseCode: '000', delta: 1 });
    const resumed = await h.call('GET', `/IM/ItemWarehouse?changedSince=${stampToIso(last)}&pageSize=100`);
    const seen = new Set([...first.body.Results, ...resumed.body.Results].map((r: any) => r.ItemCode));
    expect([...seen].sort()).toEqual(['FAST-0100-BLK', 'FAST-0105-BLU', 'FAST-0110-WHT', 'FAST-0115-LG']);
    expect(last.ItemCode).toBe('FAST-0105-BLU');
    expect(resumed.body.Results.map((r: any) => r.ItemCode)).toEqual(['FAST-0105-BLU', 'FAST-0110-WHT', 'FAST-0115-LG']);
  });

  it('orders by DateUpdated, TimeUpdated, then key across customers, orders and items', async () => {
    h.clock.set(Date.parse('2027-03-01T12:00:00Z'));
    for (let i = 0; i < 25; i++) {
      if (i % 10 === 0) h.clock.advance(1000);
      expect((await h.call('POST', '/AR/Customer', { ARDivisionNo: '00', CustomerName: `Pager ${i}`, ZipCode: '78703' })).status).toBe(201);
    }
    const { rows, total } = await readAll('/AR/Customer?changedSince=2027-03-01T12:00:00Z', 10);
    expect(total).toBe(25);
    expect(rows.map((r) => r.CustomerName)).toEqual(Array.from({ length: 25 }, (_, i) => `Pager ${i}`));
    const items = await h.call('GET', '/CI/Item?changedSince=2027-02-02T10:00:00Z&pageSize=1000');
    expect(items.body.Results.map((r: any) => r.ItemCode)).toEqual(['FAST-0100-BLK', 'FAST-0105-BLU', 'FAST-0110-WHT', 'FAST-0115-LG']);
  });

  it('refuses a page size over 1000, a page below 1 and an unreadable changedSince', async () => {
    expect((await h.call('GET', '/CI/Item?pageSize=1001')).body.error).toMatchObject({ code: 'BadRequest', field: 'pageSize' });
    expect((await h.call('GET', '/CI/Item?page=0')).body.error).toMatchObject({ code: 'BadRequest', field: 'page' });
    expect((await h.call('GET', '/CI/Item?changedSince=yesterday')).body.error).toMatchObject({ code: 'BadRequest', field: 'changedSince' });
    const beyond = await h.call('GET', '/CI/Item?page=999&pageSize=1000');
    expect(beyond.body).toMatchObject({ Results: [], Page: 999 });
  });

  it('filters ItemWarehouse by warehouse and walks the index for changedSince', async () => {
    const res = await h.call('GET', '/IM/ItemWarehouse?changedSince=2027-02-01T09:00:00Z&WarehouseCode=EST&pageSize=5');
    expect(res.body.Results.every((r: any) => r.WarehouseCode === 'EST')).toBe(true);
    const plan = await h.sandbox.db.execute(`EXPLAIN QUERY PLAN SELECT * FROM im_itemwarehouse WHERE Company = 'ABC'
      AND (DateUpdated, TimeK) >= ('20270201', 0) ORDER BY DateUpdated, TimeK, ItemCode, WarehouseCode LIMIT 10`);
    const text = JSON.stringify(plan.rows);
    expect(text).toMatch(/im_itemwarehouse_changed/);
    expect(text).not.toMatch(/TEMP B-TREE/);
  });
});
