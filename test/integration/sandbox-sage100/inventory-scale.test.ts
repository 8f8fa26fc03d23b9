import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';

/**
 * The 100,000-row inventory the connector's stock sync is sized for. Correctness only; the
 * figures are printed for the reader (speed belongs to benchmarks, not assertions).
 */
let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.close(); });

const ROWS = 100_000;

describe('a 100,000-row inventory', () => {
  it('is generated in bulk, paged through completely, and a touched fraction is exactly what changedSince returns', async () => {
    h.clock.set(Date.parse('2027-05-01T06:00:00Z'));
    let t = performance.now();
    const gen = await h.call('POST', '/_admin/inventory/generate', { rows: ROWS });
    const generateMs = performance.now() - t;
    expect(gen.status).toBe(201);
    expect((await h.call('GET', '/_admin/state')).body.counts.itemWarehouses).toBeGreaterThanOrEqual(ROWS);

    t = performance.now();
    let seen = 0;
    let outOfOrder = 0;
    let lastKey = '';
    const totals = new Set<number>();
    for (let page = 1; ; page++) {
      const res = await h.call('GET', `/IM/ItemWarehouse?changedSince=2027-05-01T06:00:00Z&page=${page}&pageSize=1000`);
      totals.add(res.body.TotalCount);
      for (const r of res.body.Results) {
        const key = `${r.ItemCode}|${r.WarehouseCode}`;
        if (key <= lastKey) outOfOrder++;
        lastKey = key;
      }
      seen += res.body.Results.length;
      if (res.body.Results.length < 1000) break;
    }
    const pageAllMs = performance.now() - t;
    expect(seen).toBe(ROWS);
    expect(outOfOrder).toBe(0);
    expect([...totals]).toEqual([ROWS]);

    h.clock.set(Date.parse('2027-05-01T07:00:00Z'));
    t = performance.now();
    const touch = await h.call('POST', '/_admin/inventory/touch', { fraction: 0.05 });
    const touchMs = performance.now() - t;
    const changed = await h.call('GET', '/IM/ItemWarehouse?changedSince=2027-05-01T07:00:00Z&pageSize=1000');
    // The seeded catalog rows are part of the table too, so 5% is of everything the company holds.
    expect(changed.body.TotalCount).toBe(touch.body.touched);
    expect(touch.body.touched).toBeGreaterThan(ROWS * 0.05 - 1);
    expect(changed.body.Results.every((r: any) => r.DateUpdated === '20270501' && r.TimeUpdated === '7.00000')).toBe(true);

    console.log(`[sandbox-sage100] generate ${ROWS} rows: ${generateMs.toFixed(0)} ms; page through all (100 × 1000): ${pageAllMs.toFixed(0)} ms; touch 5%: ${touchMs.toFixed(0)} ms`);
  });
});
