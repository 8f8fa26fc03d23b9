import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep } from '../../../server/core/clock';
import { startSageActivity } from '../../../server/sandbox/sage100/index';
import { startHarness, webOrder, type Harness } from './harness';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.close(); });

const state = async () => (await h.call('GET', '/_admin/state')).body;

/** Polls until `check` holds (bounded), so the test waits on outcomes, not on fixed sleeps. */
async function until(check: () => Promise<boolean>, what: string) {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await sleep(25);
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe('demo activity', () => {
  it('ships orders that have waited, posts older invoices, and leaves new orders alone', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await h.call('POST', '/SO/SalesOrder', webOrder({ CustomerPONo: `ACT-${i}`, Lines: [{ ItemCode: 'FAST-0100-BLK', QuantityOrdered: 4 }] }))).status).toBe(201);
    }
    h.clock.advance(10 * 60_000);
    const fresh = await h.call('POST', '/SO/SalesOrder', webOrder({ CustomerPONo: 'ACT-new' }));
    const stop = startSageActivity(h.sandbox, { intervalMs: 20, shipPerTick: 5 });
    try {
      await until(async () => (await state()).counts.unpostedInvoices >= 3, 'three shipments');
      // The order entered just now has not waited two intervals on the sandbox clock: still open.
      expect((await h.call('GET', `/SO/SalesOrder/${fresh.body.SalesOrderNo}`)).status).toBe(200);
      h.clock.advance(10 * 60_000);
      await until(async () => (await state()).counts.postedInvoices >= 3, 'posting');
      const posted = await h.call('GET', '/AR/InvoiceHistory?pageSize=50');
      expect(posted.body.Results.every((i: any) => i.Lines.length > 0)).toBe(true);
    } finally {
      stop();
    }
    const s = await state();
    expect(s.historyByStatus.C + (s.historyByStatus.A ?? 0)).toBeGreaterThanOrEqual(3);
  });
});
