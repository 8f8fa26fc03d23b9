import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, webOrder, type Harness } from './harness';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.close(); });
beforeEach(async () => { await h.call('DELETE', '/_admin/faults'); });

let po = 0;
const postOrder = (init: RequestInit = {}) => fetch(`${h.base}/SO/SalesOrder`, {
  method: 'POST',
  headers: { 'X-Api-Key': 'test-sage-key', 'X-Sage-Company': 'ABC', 'content-type': 'application/json' },
  body: JSON.stringify(webOrder({ CustomerPONo: `F-${++po}` })),
  ...init,
});
const openOrders = async () => (await h.call('GET', '/_admin/state')).body.counts.openOrders as number;

describe('faults switched on at run time', () => {
  it('a 429 storm with Retry-After, until its window passes on the clock', async () => {
    expect((await h.call('PUT', '/_admin/faults', { throttle: { forMs: 30_000, retryAfterSec: 12 } })).status).toBe(200);
    const res = await h.call('GET', '/CI/Item/FAST-0100-BLK');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('12');
    expect(res.body).toEqual({ error: { code: 'Throttled', message: expect.any(String) } });
    h.clock.advance(30_000);
    expect((await h.call('GET', '/CI/Item/FAST-0100-BLK')).status).toBe(200);
  });

  it('an outage: 503 SessionUnavailable for every call, health says Sage is down, admin still answers', async () => {
    await h.call('PUT', '/_admin/faults', { outage: { forMs: 60_000 } });
    const before = await openOrders();
    const write = await postOrder();
    expect(write.status).toBe(503);
    expect((await write.json()).error.code).toBe('SessionUnavailable');
    expect((await h.call('GET', '/AR/Customer/01-TANAKA4')).status).toBe(503);
    expect((await h.call('GET', '/health')).body).toMatchObject({ sage: 'down' });
    expect(await openOrders()).toBe(before);
    h.clock.advance(60_000);
    expect((await h.call('GET', '/health')).body.sage).toBe('up');
    expect((await postOrder()).status).toBe(201);
  });

  it('an error rate on one route fails that share of calls, reproducibly, and a refused write writes nothing', async () => {
    await h.call('PUT', '/_admin/faults', { seed: 3, routes: [{ match: 'POST /SO/SalesOrder', errorRate: 0.5 }] });
    const before = await openOrders();
    const statuses: number[] = [];
    for (let i = 0; i < 16; i++) statuses.push((await postOrder()).status);
    const created = statuses.filter((s) => s === 201).length;
    expect(statuses.every((s) => s === 201 || s === 503)).toBe(true);
    expect(created).toBeGreaterThan(1);
    expect(created).toBeLessThan(15);
    expect(await openOrders()).toBe(before + created);
    expect((await h.call('GET', '/CI/Item/FAST-0100-BLK')).status).toBe(200);
    await h.call('PUT', '/_admin/faults', { seed: 3 });
    const again: number[] = [];
    for (let i = 0; i < 16; i++) again.push((await postOrder()).status);
    expect(again).toEqual(statuses);
  });

  it('timeout after the write: the client times out, yet the order exists and the duplicate check finds it', async () => {
    await h.call('PUT', '/_admin/faults', { routes: [{ match: 'POST /SO/SalesOrder', timeoutAfterWriteRate: 1 }] });
    const poNo = `F-${po + 1}`;
    await expect(postOrder({ signal: AbortSignal.timeout(400) })).rejects.toThrow(/timeout|aborted/i);
    await h.call('DELETE', '/_admin/faults');
    const found = await h.call('GET', `/SO/SalesOrder?ARDivisionNo=01&CustomerNo=TANAKA4&CustomerPONo=${poNo}`);
    expect(found.body).toHaveLength(1);
    expect(found.body[0]).toMatchObject({ CustomerPONo: poNo, InOpenFile: true });
  });
});

describe('writes are serialized per company', () => {
  it('the second of two concurrent writes completes after the first, each spending the latency inside the lock; reads do not wait', async () => {
    await h.call('PUT', '/_admin/settings', { writeLatencyMs: 150 });
    const done: Array<{ what: string; at: number; no?: string }> = [];
    const started = performance.now();
    const write = (tag: string) => postOrder().then(async (r) => done.push({ what: tag, at: performance.now() - started, no: (await r.json()).SalesOrderNo }));
    await Promise.all([
      write('w1'), write('w2'),
      h.call('GET', '/IM/Warehouse').then(() => done.push({ what: 'read', at: performance.now() - started })),
    ]);
    await h.call('PUT', '/_admin/settings', { writeLatencyMs: 0 });
    expect(done[0].what).toBe('read');
    const writes = done.filter((d) => d.what !== 'read');
    // One after the other: the later one cannot finish before two latencies have passed.
    expect(writes[1].at).toBeGreaterThanOrEqual(295);
    expect(Number(writes[1].no)).toBe(Number(writes[0].no) + 1);
  });
});
