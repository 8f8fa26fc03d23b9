import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardData } from '../../../server/contracts/dashboard';
import type { GatewaySettings, GatewayTestResult } from '../../../server/contracts/settings';
import { startSageServer, TEST_SAGE_KEY, type SageServer } from '../../helpers/sage-server';
import { catalogItems } from '../../../server/sandbox/catalog/index';
import { STORE_A, STORE_B, USER_EMAIL, openApiFixture, sampleOrder, type ApiFixture } from './fixture';

/**
 * Gateway settings (the key write-only), "test connection" and the dashboard, against the Sage
 * sandbox on a real port.
 */
let f: ApiFixture;
let sage: SageServer;
beforeAll(async () => {
  sage = await startSageServer();
  f = await openApiFixture({ sageGatewayUrl: sage.url, sageApiKey: TEST_SAGE_KEY });
});
afterAll(async () => {
  await f.close();
  await sage.close();
});

const settings = async (store = STORE_A) => (await (await f.call(store, 'GET', '/settings/gateway')).json()) as GatewaySettings;

describe('gateway settings', () => {
  it('shows the server-wide gateway until the store saves its own', async () => {
    expect(await settings()).toMatchObject({ gatewayUrl: sage.url, company: 'ABC', apiKeySet: true, source: 'environment' });
  });

  it('saves URL, company and key; never returns the key; stores it sealed; audits without it', async () => {
    const res = await f.call(STORE_A, 'PUT', '/settings/gateway', { gatewayUrl: sage.url, company: 'abc', apiKey: TEST_SAGE_KEY });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(TEST_SAGE_KEY);
    expect(JSON.parse(text)).toMatchObject({ gatewayUrl: sage.url, company: 'ABC', apiKeySet: true, source: 'store' });
    const row = await f.database.client.execute({ sql: 'SELECT sage_api_key_enc FROM installations WHERE store_id = ?', args: [STORE_A.storeId] });
    expect(String(row.rows[0].sage_api_key_enc)).toMatch(/^v1\./);
    expect(String(row.rows[0].sage_api_key_enc)).not.toContain(TEST_SAGE_KEY);
    const audit = await (await f.call(STORE_A, 'GET', '/audit?action=settings.gateway.update')).text();
    expect(audit).toContain(USER_EMAIL);
    expect(audit).not.toContain(TEST_SAGE_KEY);
    // Store B is untouched.
    expect((await settings(STORE_B)).source).toBe('environment');
  });

  it('keeps the stored key when the form leaves it empty', async () => {
    await f.call(STORE_A, 'PUT', '/settings/gateway', { gatewayUrl: sage.url, company: 'ABC' });
    const r = (await (await f.call(STORE_A, 'POST', '/settings/gateway/test', {})).json()) as GatewayTestResult;
    expect(r).toMatchObject({ ok: true, sage: 'up' });
  });

  it('names each invalid field', async () => {
    const res = await f.call(STORE_A, 'PUT', '/settings/gateway', { gatewayUrl: 'not a url', company: 'TOOLONG' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { issues: Array<{ path: string }> } };
    expect(body.error.issues.map((i) => i.path).sort()).toEqual(['company', 'gatewayUrl']);
  });

  it('tests unsaved values: a wrong key fails with the gateway\'s reason, nothing saved', async () => {
    const bad = (await (await f.call(STORE_A, 'POST', '/settings/gateway/test', { gatewayUrl: sage.url, company: 'ABC', apiKey: 'wrong' })).json()) as GatewayTestResult;
    expect(bad.ok).toBe(false);
    expect(bad.error).toBeTruthy();
    const down = (await (await f.call(STORE_A, 'POST', '/settings/gateway/test', { gatewayUrl: 'http://127.0.0.1:9', company: 'ABC', apiKey: 'k' })).json()) as GatewayTestResult;
    expect(down.ok).toBe(false);
    expect((await settings()).gatewayUrl).toBe(sage.url);
  });
});

describe('dashboard', () => {
  it('counts queue, exceptions and outcomes over time, and reports the gateway', async () => {
    const a = await f.receiveOrder(STORE_A, '300001');
    const b = await f.receiveOrder(STORE_A, '300002');
    const c = await f.receiveOrder(STORE_A, '300003');
    await f.receiveOrder(STORE_A, '300004');
    await f.receiveOrder(STORE_B, '300005');
    await f.setJob(a.jobId, { state: 'succeeded' });
    await f.setJob(b.jobId, { state: 'dead', lastError: 'x' });
    await f.setJob(c.jobId, { state: 'held', lastError: 'y' });
    const d = (await (await f.call(STORE_A, 'GET', '/dashboard')).json()) as DashboardData;
    expect(d).toMatchObject({ openExceptions: 2, held: 1, queueDepth: 1, running: 0 });
    expect(d.gateway).toMatchObject({ ok: true, sage: 'up', company: 'ABC' });
    expect(d.series.points).toHaveLength(24);
    const total = d.series.points.reduce((s, p) => ({ ok: s.ok + p.succeeded, bad: s.bad + p.failed }), { ok: 0, bad: 0 });
    expect(total).toEqual({ ok: 1, bad: 1 });
    const week = (await (await f.call(STORE_A, 'GET', '/dashboard?range=7d')).json()) as DashboardData;
    expect(week.series.points).toHaveLength(28);
    expect((await f.call(STORE_A, 'GET', '/dashboard?range=1y')).status).toBe(400);
  });

  it('store health says what is up', async () => {
    const h = (await (await f.call(STORE_A, 'GET', '/health')).json()) as { status: string; database: { ok: boolean } };
    expect(h).toMatchObject({ status: 'ok', database: { ok: true } });
  });
});

describe('mapping preview', () => {
  it('dry-runs the newest order with the saved mapping, reading Sage only', async () => {
    const item = catalogItems().find((i) => i.sku === i.itemCode && !i.inactive)!;
    await f.receiveOrder(STORE_A, '310001', sampleOrder('310001', {
      SalesItems: [{ ID: 1, Sku: item.sku, ProductKey: item.sku, Name: 'x', Quantity: 1, UnitSoldPrice: 5, ExtendedPrice: 5, ExtendedTaxAmount: 0, ProductUnitOfMeasure: 'EA' }],
      Totals: { SubTotal: 5, Shipping: 0, Handling: 0, Fees: 0, Discounts: 0, Tax: 0, Total: 5 },
      SalesOrderPayments: [],
    }));
    const writesBefore = [...sage.calls].filter(([k]) => !k.startsWith('GET')).reduce((s, [, n]) => s + n, 0);
    const res = await f.call(STORE_A, 'POST', '/mappings/preview', { orderId: '310001' });
    expect(res.status).toBe(200);
    const r = (await res.json()) as { orderId: string; source: { ID: number }; preview: { valid: boolean; items: Array<{ sku: string; itemCode?: string }>; salesOrder: unknown } };
    expect(r.source.ID).toBe(310001);
    expect(r.preview.valid).toBe(true);
    expect(r.preview.items).toContainEqual(expect.objectContaining({ sku: item.sku, itemCode: item.itemCode }));
    expect(r.preview.salesOrder).toBeTruthy();
    const writesAfter = [...sage.calls].filter(([k]) => !k.startsWith('GET')).reduce((s, [, n]) => s + n, 0);
    expect(writesAfter).toBe(writesBefore);
  });

  it('says so when the store has no order yet', async () => {
    const fresh = await f.call(STORE_B, 'POST', '/mappings/preview', { orderId: '999999' });
    expect(fresh.status).toBe(404);
  });
});
