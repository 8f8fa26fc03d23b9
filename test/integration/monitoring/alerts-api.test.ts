import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlertList } from '../../../server/contracts/alerts';
import { raiseAlert, resolveAlert } from '../../../server/db/repos/alerts.repo';
import { openApiFixture, STORE_A, STORE_B, type ApiFixture } from '../api/fixture';

/** GET /api/alerts through the real API (session tokens, repos) over a real database with two stores. */
let f: ApiFixture;
beforeEach(async () => { f = await openApiFixture(); });
afterEach(async () => { await f.close(); });

describe('GET /api/alerts', () => {
  it('lists the token\'s store\'s alerts only: open ones first, then recently resolved', async () => {
    const db = f.database.db;
    const t = f.clock.now();
    await raiseAlert(db, STORE_A.storeId, 'gateway', 'The Sage 100 gateway has failed its health check for 5 min', t - 50_000);
    await resolveAlert(db, STORE_A.storeId, 'gateway', t - 40_000);
    await raiseAlert(db, STORE_A.storeId, 'feed:items', 'The items feed failed 5 times in a row.', t - 30_000);
    await raiseAlert(db, STORE_A.storeId, 'exceptions', '2 jobs reached the exception list', t - 20_000, { by: 2 });
    await raiseAlert(db, STORE_A.storeId, 'queue', 'old', t - 90_000);
    await resolveAlert(db, STORE_A.storeId, 'queue', t - 80_000);
    await raiseAlert(db, STORE_B.storeId, 'webhooks', 'store B only', t);

    const res = await f.call(STORE_A, 'GET', '/alerts');
    expect(res.status).toBe(200);
    const body = (await res.json()) as AlertList;
    expect(body.open).toBe(2);
    expect(body.items.map((a) => [a.kind, a.resolvedAt === null ? 'open' : 'resolved'])).toEqual([
      ['exceptions', 'open'], ['feed:items', 'open'], ['gateway', 'resolved'], ['queue', 'resolved'],
    ]);
    expect(body.items[0]).toMatchObject({ title: 'New exceptions', count: 2, openedAt: t - 20_000 });
    expect(body.items[1].title).toBe('The items feed keeps failing');
    expect(JSON.stringify(body)).not.toContain('store B only');

    const limited = (await (await f.call(STORE_A, 'GET', '/alerts?resolved=1')).json()) as AlertList;
    expect(limited.items.map((a) => a.kind)).toEqual(['exceptions', 'feed:items', 'gateway']);
    const b = (await (await f.call(STORE_B, 'GET', '/alerts')).json()) as AlertList;
    expect(b.items.map((a) => a.message)).toEqual(['store B only']);
  });

  it('refuses a request without a session token, and a bad query', async () => {
    expect((await f.call(null, 'GET', '/alerts')).status).toBe(401);
    expect((await f.call(STORE_A, 'GET', '/alerts?resolved=1000')).status).toBe(400);
  });
});
