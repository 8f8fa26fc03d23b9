import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_A, STORE_B, openApiFixture, type ApiFixture } from './fixture';

/**
 * Every route of the app's API refuses a request without a valid session token of the right app,
 * and a token of one store never reaches another store's data.
 */
const ROUTES: Array<[string, string, unknown?]> = [
  ['GET', '/orders/100234'],
  ['GET', '/orders/badges?ids=100234,100235'],
  ['POST', '/orders/100234/resend', {}],
  ['GET', '/exceptions'],
  ['POST', '/exceptions/retry', { jobIds: ['job_0000000000abcdefabcdef'] }],
  ['GET', '/exceptions/job_0000000000abcdefabcdef'],
  ['PUT', '/exceptions/job_0000000000abcdefabcdef/payload', { payload: { a: 1 } }],
  ['POST', '/exceptions/job_0000000000abcdefabcdef/retry', {}],
  ['POST', '/exceptions/job_0000000000abcdefabcdef/cancel', {}],
  ['GET', '/dashboard'],
  ['GET', '/mappings'],
  ['PUT', '/mappings', { config: {} }],
  ['GET', '/mappings/recent-orders'],
  ['POST', '/mappings/preview', {}],
  ['GET', '/settings/gateway'],
  ['PUT', '/settings/gateway', { gatewayUrl: 'https://gw.example', company: 'ABC' }],
  ['POST', '/settings/gateway/test', {}],
  ['GET', '/audit'],
  ['GET', '/health'],
];

let f: ApiFixture;
beforeAll(async () => {
  f = await openApiFixture();
});
afterAll(() => f.close());

async function expectRefused(res: Response, retryHint: boolean) {
  expect(res.status).toBe(401);
  expect(res.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
  expect(res.headers.get('x-clarity-retry-token')).toBe(retryHint ? '1' : null);
  const body = (await res.json()) as { error: { code: string } };
  expect(body.error.code).toBe('InvalidSessionToken');
}

describe('session tokens on every route', () => {
  it.each(ROUTES)('%s %s: no token → 401', async (method, path, body) => {
    await expectRefused(await f.call(null, method, path, body), true);
  });

  it.each(ROUTES)('%s %s: expired token → 401 with the hint to fetch a new one', async (method, path, body) => {
    const now = Math.floor(f.clock.now() / 1000);
    const expired = f.token(STORE_A, { iat: now - 120, nbf: now - 120, exp: now - 60 });
    await expectRefused(await f.call(STORE_A, method, path, body, expired), true);
  });

  it.each(ROUTES)('%s %s: token for another app (wrong audience) → 401', async (method, path, body) => {
    await expectRefused(await f.call(STORE_A, method, path, body, f.token(STORE_A, { aud: 'app_someone_else' })), false);
  });

  it.each(ROUTES)('%s %s: token signed with another secret → 401', async (method, path, body) => {
    await expectRefused(await f.call(STORE_A, method, path, body, f.token(STORE_A, {}, STORE_B.clientSecret)), false);
  });
});

describe('token edge cases', () => {
  it('allows 10 s of clock skew, and not more', async () => {
    const now = Math.floor(f.clock.now() / 1000);
    const justExpired = f.token(STORE_A, { iat: now - 65, nbf: now - 65, exp: now - 5 });
    expect((await f.call(STORE_A, 'GET', '/audit', undefined, justExpired)).status).toBe(200);
    const tooOld = f.token(STORE_A, { iat: now - 75, nbf: now - 75, exp: now - 15 });
    await expectRefused(await f.call(STORE_A, 'GET', '/audit', undefined, tooOld), true);
  });

  it('refuses a token that claims to live longer than 60 s', async () => {
    const now = Math.floor(f.clock.now() / 1000);
    await expectRefused(await f.call(STORE_A, 'GET', '/audit', undefined, f.token(STORE_A, { exp: now + 3600 })), false);
  });

  it('refuses alg "none" and a token from another site (issuer)', async () => {
    const [, payload] = f.token(STORE_A).split('.');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    await expectRefused(await f.call(STORE_A, 'GET', '/audit', undefined, none), false);
    await expectRefused(await f.call(STORE_A, 'GET', '/audit', undefined, f.token(STORE_A, { iss: 'https://evil.example/' })), false);
  });

  it('refuses a token of a store that never installed the app', async () => {
    const ghost = { ...STORE_A, storeId: 'st_ghost' };
    await expectRefused(await f.call(ghost, 'GET', '/audit'), false);
  });

  it('answers no-store, so no browser or proxy keeps a store\'s data', async () => {
    const res = await f.call(STORE_A, 'GET', '/audit');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});

describe('a token of store A never reaches store B', () => {
  it('reads: B\'s order, exception and audit entries are invisible to A', async () => {
    const { jobId } = await f.receiveOrder(STORE_B, '555001');
    await f.setJob(jobId, { state: 'dead', errorCode: 'CI_NOF', lastError: 'ZIP 99999 is not in Sage' });

    const panel = await (await f.call(STORE_A, 'GET', '/orders/555001')).json() as { appState: string; timeline: unknown[]; canResend: boolean };
    expect(panel).toMatchObject({ appState: 'not_seen', timeline: [], canResend: false });
    const badges = await (await f.call(STORE_A, 'GET', '/orders/badges?ids=555001')).json() as { badges: Array<{ appState: string }> };
    expect(badges.badges[0].appState).toBe('not_seen');
    expect((await f.call(STORE_A, 'GET', `/exceptions/${jobId}`)).status).toBe(404);
    const list = await (await f.call(STORE_A, 'GET', '/exceptions')).json() as { items: unknown[] };
    expect(list.items).toEqual([]);
    const audit = await (await f.call(STORE_A, 'GET', '/audit')).json() as { items: Array<{ subject: string | null }> };
    expect(audit.items.every((e) => !String(e.subject).includes(STORE_B.storeId))).toBe(true);

    // Store B itself does see them.
    expect((await f.call(STORE_B, 'GET', `/exceptions/${jobId}`)).status).toBe(200);
  });

  it('writes: A cannot resend, retry, fix or cancel B\'s work', async () => {
    const { jobId } = await f.receiveOrder(STORE_B, '555002');
    await f.setJob(jobId, { state: 'held', lastError: 'customer on credit hold' });
    expect((await f.call(STORE_A, 'POST', '/orders/555002/resend', {})).status).toBe(409);
    expect((await f.call(STORE_A, 'POST', `/exceptions/${jobId}/retry`, {})).status).toBe(404);
    expect((await f.call(STORE_A, 'POST', `/exceptions/${jobId}/cancel`, {})).status).toBe(404);
    expect((await f.call(STORE_A, 'PUT', `/exceptions/${jobId}/payload`, { payload: { data: {} } })).status).toBe(404);
    const bulk = await (await f.call(STORE_A, 'POST', '/exceptions/retry', { jobIds: [jobId] })).json() as { done: string[] };
    expect(bulk.done).toEqual([]);
    const state = await f.database.client.execute({ sql: 'SELECT state FROM jobs WHERE id = ?', args: [jobId] });
    expect(state.rows[0].state).toBe('held');
  });

  it('ignores any store named in the request itself', async () => {
    const { jobId } = await f.receiveOrder(STORE_B, '555003');
    await f.setJob(jobId, { state: 'dead', lastError: 'x' });
    const res = await f.api.request(`/exceptions?storeId=${STORE_B.storeId}`, {
      headers: { Authorization: `Bearer ${f.token(STORE_A)}`, 'Clarity-Store-Id': STORE_B.storeId },
    });
    expect(((await res.json()) as { items: unknown[] }).items).toEqual([]);
  });
});
