import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../server/core/clock';
import {
  clarityErrorBody, createFaultController, faultAdminRoutes, faultMiddleware, matchesRule, parseFaultEnv,
} from '../../../server/sandbox/faults/index';

/** A tiny stand-in system mounted under a prefix, as the real sandboxes are in demo mode. */
const clock = new FakeClock();
const faults = createFaultController({}, { clock });
let writes = 0;
let server: ServerType;
let base = '';

function buildApp() {
  const sandbox = new Hono();
  sandbox.route('/_admin', faultAdminRoutes(faults));
  sandbox.use('*', faultMiddleware(faults));
  sandbox.post('/SO/SalesOrder', (c) => c.json({ SalesOrderNo: String(++writes).padStart(7, '0') }, 201));
  sandbox.get('/SO/SalesOrderHistory/:no', (c) => c.json({ SalesOrderNo: c.req.param('no') }));
  sandbox.get('/IM/Warehouse', (c) => c.json([{ WarehouseCode: '000' }]));
  const clarity = new Hono();
  clarity.use('*', faultMiddleware(faults, { errorBody: clarityErrorBody }));
  clarity.get('/api/orders', (c) => c.json({ Results: [] }));
  return new Hono().route('/sbx', sandbox).route('/clarity', clarity);
}

beforeAll(async () => {
  server = await new Promise((resolve) => {
    const s = serve({ fetch: buildApp().fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});
afterAll(async () => {
  faults.abortHeld();
  await new Promise<void>((r) => server.close(() => r()));
});
beforeEach(() => faults.reset());

const post = (path: string, init: RequestInit = {}) => fetch(`${base}${path}`, { method: 'POST', body: '{}', ...init });

describe('parseFaultEnv', () => {
  it('treats missing or blank text as no faults', () => {
    expect(parseFaultEnv()).toEqual({});
    expect(parseFaultEnv('  ')).toEqual({});
  });
  it('says clearly when the JSON is bad', () => {
    expect(() => parseFaultEnv('{latencyMs: 5')).toThrow(/SANDBOX_FAULTS is not valid JSON/);
  });
  it('names a misspelt or out-of-range key', () => {
    expect(() => parseFaultEnv('{"latencyMS": 5}')).toThrow(/latencyMS/);
    expect(() => parseFaultEnv('{"routes":[{"match":"GET *","errorRate":2}]}')).toThrow(/routes\.0\.errorRate/);
    expect(() => parseFaultEnv('{"outage":{}}')).toThrow(/outage needs untilMs or forMs/);
  });
  it('turns forMs windows into absolute times on the given clock', () => {
    const c = new FakeClock(1_000_000);
    expect(parseFaultEnv('{"outage":{"forMs":5000},"throttle":{"forMs":100,"retryAfterSec":3}}', c))
      .toEqual({ outage: { untilMs: 1_005_000 }, throttle: { untilMs: 1_000_100, retryAfterSec: 3 } });
  });
});

describe('rule matching', () => {
  it.each([
    ['POST /SO/SalesOrder', 'POST', '/SO/SalesOrder', true],
    ['POST /SO/SalesOrder', 'POST', '/SO/SalesOrder/0000123', true],
    ['POST /SO/SalesOrder', 'GET', '/SO/SalesOrder', false],
    ['POST /SO/SalesOrder', 'POST', '/SO/SalesOrderHistory', false],
    ['GET *', 'GET', '/AR/Customer', true],
    ['GET *', 'POST', '/AR/Customer', false],
    ['GET', 'GET', '/IM/Warehouse', true],
    ['/SO', 'PATCH', '/SO/SalesOrder/1', true],
    ['/SO/', 'GET', '/SY/ZipCode', false],
    ['*', 'DELETE', '/x', true],
    ['* /AR', 'PUT', '/AR/Customer', true],
  ])('%s vs %s %s → %s', (match, method, path, want) => {
    expect(matchesRule(match, method, path)).toBe(want);
  });
});

describe('fault middleware over HTTP', () => {
  it('answers an outage with 503 SessionUnavailable until the window closes', async () => {
    faults.set({ outage: { forMs: 10_000 } });
    const res = await fetch(`${base}/sbx/IM/Warehouse`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: { code: 'SessionUnavailable', message: expect.any(String) } });
    clock.advance(10_000);
    expect((await fetch(`${base}/sbx/IM/Warehouse`)).status).toBe(200);
  });

  it('answers a throttle storm with 429 and Retry-After, in the Clarity shape where asked', async () => {
    faults.set({ throttle: { untilMs: clock.now() + 1000, retryAfterSec: 7 } });
    const sage = await fetch(`${base}/sbx/IM/Warehouse`);
    expect(sage.status).toBe(429);
    expect(sage.headers.get('retry-after')).toBe('7');
    expect((await sage.json()).error.code).toBe('Throttled');
    const clarity = await fetch(`${base}/clarity/api/orders`);
    expect(clarity.status).toBe(429);
    expect(await clarity.json()).toEqual({ ActionSucceeded: false, Messages: [expect.any(String)] });
    clock.advance(1000);
    expect((await fetch(`${base}/sbx/IM/Warehouse`)).status).toBe(200);
  });

  it('fails a share of one route only, reproducibly for a seed', async () => {
    const run = async () => {
      faults.reset();
      faults.set({ seed: 42, routes: [{ match: 'GET /SO/SalesOrderHistory', errorRate: 0.5, status: 500 }] });
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await fetch(`${base}/sbx/SO/SalesOrderHistory/${i}`)).status);
      return statuses;
    };
    const first = await run();
    const failed = first.filter((s) => s === 500).length;
    expect(failed).toBeGreaterThan(3);
    expect(failed).toBeLessThan(27);
    expect(first.every((s) => s === 200 || s === 500)).toBe(true);
    expect(await run()).toEqual(first);
    expect((await fetch(`${base}/sbx/IM/Warehouse`)).status).toBe(200);
  });

  it('matches rule paths relative to the mount point', async () => {
    faults.set({ routes: [{ match: 'GET /IM/Warehouse', errorRate: 1 }] });
    expect((await fetch(`${base}/sbx/IM/Warehouse`)).status).toBe(503);
    expect((await fetch(`${base}/sbx/SO/SalesOrderHistory/1`)).status).toBe(200);
  });

  it('adds latency before the handler', async () => {
    faults.set({ latencyMs: 120 });
    const started = performance.now();
    expect((await fetch(`${base}/sbx/IM/Warehouse`)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
  });

  it('times out after the write happened: the client gives up, the write is there', async () => {
    faults.set({ routes: [{ match: 'POST /SO/SalesOrder', timeoutAfterWriteRate: 1 }] });
    const before = writes;
    await expect(post('/sbx/SO/SalesOrder', { signal: AbortSignal.timeout(300) })).rejects.toThrow(/abort|timeout/i);
    expect(writes).toBe(before + 1);
  });

  it('drops the connection when the hold time ends, so no status ever arrives', async () => {
    faults.set({ timeoutHoldMs: 50, routes: [{ match: 'POST /SO/SalesOrder', timeoutAfterWriteRate: 1 }] });
    const before = writes;
    await expect(post('/sbx/SO/SalesOrder')).rejects.toThrow();
    expect(writes).toBe(before + 1);
    faults.reset();
    expect((await post('/sbx/SO/SalesOrder')).status).toBe(201);
  });
});

describe('fault admin routes', () => {
  it('reads, merges and clears the config, refusing bad input', async () => {
    const put = (body: string) => fetch(`${base}/sbx/_admin/faults`, { method: 'PUT', body, headers: { 'content-type': 'application/json' } });
    expect((await put('{"errorRate":1}')).status).toBe(400);
    expect((await put('not json')).status).toBe(400);
    const ok = await put('{"latencyMs":5,"outage":{"forMs":1000}}');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ latencyMs: 5, outage: { untilMs: clock.now() + 1000 }, now: clock.now() });
    // Admin routes stay reachable during an outage: that is how one ends it.
    expect((await (await fetch(`${base}/sbx/_admin/faults`)).json()).latencyMs).toBe(5);
    await put('{"outage":null}');
    expect((await (await fetch(`${base}/sbx/_admin/faults`)).json()).outage).toBeUndefined();
    expect((await fetch(`${base}/sbx/_admin/faults`, { method: 'DELETE' })).status).toBe(200);
    expect(faults.get()).toEqual({});
  });
});
