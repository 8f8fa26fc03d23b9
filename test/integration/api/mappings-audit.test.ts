import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../server/contracts/audit';
import { STORE_A, STORE_B, USER_EMAIL, openApiFixture, type ApiFixture } from './fixture';

/** Mapping settings (validated, versioned, audited) and the audit trail's paging. */
let f: ApiFixture;
beforeAll(async () => {
  f = await openApiFixture();
});
afterAll(() => f.close());

interface MappingState { version: number; config: { payment: { defaultPaymentType: string }; credit: { policy: string } }; actor: string | null }
const get = async (store = STORE_A) => (await (await f.call(store, 'GET', '/mappings')).json()) as MappingState;

describe('mappings', () => {
  it('starts from the defaults, version 0', async () => {
    const m = await get();
    expect(m.version).toBe(0);
    expect(m.config.payment.defaultPaymentType).toBe('CC');
  });

  it('saves a change as a new version, completed with defaults, audited with the user', async () => {
    const m = await get();
    const config = { ...m.config, credit: { policy: 'app-hold' } };
    const res = await f.call(STORE_A, 'PUT', '/mappings', { config, baseVersion: 0, reason: 'hold over-limit orders here' });
    expect(res.status).toBe(200);
    const saved = (await res.json()) as MappingState;
    expect(saved).toMatchObject({ version: 1, actor: USER_EMAIL, config: { credit: { policy: 'app-hold' } } });
    const audit = (await (await f.call(STORE_A, 'GET', '/audit?action=mapping.update')).json()) as { items: AuditEntry[] };
    expect(audit.items[0]).toMatchObject({ actor: USER_EMAIL, reason: 'hold over-limit orders here' });
    expect((await get(STORE_B)).version).toBe(0);
  });

  it('refuses invalid settings, naming each beside its path, and saves nothing', async () => {
    const m = await get();
    const bad = { ...m.config, payment: { ...m.config.payment, defaultPaymentType: 'TOOLONG' }, customer: { division: '1' } };
    const res = await f.call(STORE_A, 'PUT', '/mappings', { config: bad, baseVersion: m.version });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; issues: Array<{ path: string; message: string }> } };
    expect(body.error.code).toBe('InvalidMapping');
    expect(body.error.issues.map((i) => i.path).sort()).toEqual(['customer.division', 'payment.defaultPaymentType']);
    expect((await get()).version).toBe(m.version);
  });

  it('refuses an edit made on an older version (someone saved meanwhile)', async () => {
    const m = await get();
    const res = await f.call(STORE_A, 'PUT', '/mappings', { config: m.config, baseVersion: m.version - 1 });
    expect(res.status).toBe(409);
  });

  it('lists recent orders for the preview, newest first, this store only', async () => {
    await f.receiveOrder(STORE_A, '400001');
    f.clock.advance(1000);
    await f.receiveOrder(STORE_A, '400002');
    await f.receiveOrder(STORE_B, '400003');
    const r = (await (await f.call(STORE_A, 'GET', '/mappings/recent-orders')).json()) as { orders: Array<{ orderId: string }> };
    expect(r.orders.map((o) => o.orderId)).toEqual(['400002', '400001']);
  });
});

describe('audit trail', () => {
  it('pages newest first with a cursor', async () => {
    for (let i = 0; i < 5; i++) await f.call(STORE_A, 'PUT', '/mappings', { config: {}, reason: `change ${i}` });
    const p1 = (await (await f.call(STORE_A, 'GET', '/audit?limit=3')).json()) as { items: AuditEntry[]; nextCursor: string };
    expect(p1.items.map((e) => e.reason)).toEqual(['change 4', 'change 3', 'change 2']);
    const p2 = (await (await f.call(STORE_A, 'GET', `/audit?limit=3&cursor=${p1.nextCursor}`)).json()) as { items: AuditEntry[] };
    expect(p2.items.map((e) => e.reason).slice(0, 2)).toEqual(['change 1', 'change 0']);
    expect(p2.items.every((e) => e.id < p1.items[2].id)).toBe(true);
  });
});
