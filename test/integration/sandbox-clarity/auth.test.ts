import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../server/core/clock';
import { api, startReceiver, startSandbox, token, type Receiver, type RunningSandbox } from './helpers';
import type { StoreCredentials } from '../../../server/sandbox/clarity/index';

describe('Clarity sandbox: OAuth client credentials and API keys', () => {
  const clock = new FakeClock(Date.now());
  let app: Receiver;
  let s: RunningSandbox;
  let creds: StoreCredentials;

  beforeAll(async () => {
    app = await startReceiver();
    s = await startSandbox({ appUrl: app.url, clock, tokenLifetimeSec: 60 });
    creds = await s.sandbox.installStore({ storeId: 'st_auth', storeName: 'Auth Supply' });
  });
  afterAll(async () => {
    await s.close();
    await app.close();
  });

  it('issues a Bearer token that works until it expires, then 401 with a hint; a new token works again', async () => {
    const t = await token(s.base, creds.clientId, creds.clientSecret);
    expect(t.status).toBe(200);
    expect(t.json).toMatchObject({ token_type: 'Bearer', expires_in: 60 });
    expect(t.json.scope.split(' ')).toContain('orders:read');
    expect((await api(s.base, '/orders?pageSize=1', { token: t.json.access_token })).status).toBe(200);

    clock.advance(59_000);
    expect((await api(s.base, '/orders?pageSize=1', { token: t.json.access_token })).status).toBe(200);
    clock.advance(1_000);
    const expired = await api(s.base, '/orders?pageSize=1', { token: t.json.access_token });
    expect(expired.status).toBe(401);
    expect(expired.json).toEqual({ ActionSucceeded: false, Messages: ['The access token expired'] });
    expect(expired.headers.get('www-authenticate')).toMatch(/invalid_token/);

    const fresh = await token(s.base, creds.clientId, creds.clientSecret);
    expect(fresh.json.access_token).not.toBe(t.json.access_token);
    expect((await api(s.base, '/orders?pageSize=1', { token: fresh.json.access_token })).status).toBe(200);
  });

  it('refuses a wrong secret, another grant type, a JSON body and an unknown token', async () => {
    expect(await token(s.base, creds.clientId, 'wrong')).toMatchObject({ status: 401, json: { error: 'invalid_client' } });
    const grant = await fetch(`${s.base}oauth/token`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', client_id: creds.clientId, client_secret: creds.clientSecret }),
    });
    expect(grant.status).toBe(400);
    expect(await grant.json()).toMatchObject({ error: 'unsupported_grant_type', ActionSucceeded: false });
    const json = await fetch(`${s.base}oauth/token`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', client_id: creds.clientId, client_secret: creds.clientSecret }),
    });
    expect(json.status).toBe(400);
    expect((await api(s.base, '/orders', { token: 'cat_nope' })).status).toBe(401);
    expect((await api(s.base, '/orders')).json.Messages[0]).toMatch(/Authentication required/);
  });

  it('accepts client credentials by HTTP Basic too', async () => {
    const res = await fetch(`${s.base}oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${creds.clientId}:${creds.clientSecret}`).toString('base64')}` },
      body: 'grant_type=client_credentials',
    });
    expect(res.status).toBe(200);
  });

  it('grants only the scopes asked for, within the listing, and enforces them per route', async () => {
    const narrow = await token(s.base, creds.clientId, creds.clientSecret, 'orders:read');
    expect(narrow.json.scope).toBe('orders:read');
    const list = await api(s.base, '/orders?pageSize=1', { token: narrow.json.access_token });
    const id = list.json.Results[0].ID;
    const patch = await api(s.base, `/orders/${id}`, { method: 'PATCH', token: narrow.json.access_token, body: { StatusKey: 'Processing' } });
    expect(patch.status).toBe(403);
    expect(patch.json.Messages[0]).toMatch(/orders:write/);
    expect(await token(s.base, creds.clientId, creds.clientSecret, 'orders:read admin:everything')).toMatchObject({ status: 400, json: { error: 'invalid_scope' } });
  });

  it('answers to the store API key, and a reinstall rotates keys and secrets', async () => {
    expect((await api(s.base, '/products?pageSize=1', { apiKey: creds.apiKey })).status).toBe(200);
    expect((await api(s.base, '/products?pageSize=1', { apiKey: 'cak_wrong' })).status).toBe(401);
    const old = await token(s.base, creds.clientId, creds.clientSecret);

    const again = await s.sandbox.installStore({ storeId: 'st_auth' });
    expect(again.clientSecret).not.toBe(creds.clientSecret);
    expect(again.webhookSecret).not.toBe(creds.webhookSecret);
    expect((await api(s.base, '/products?pageSize=1', { apiKey: creds.apiKey })).status).toBe(401);
    expect((await api(s.base, '/products?pageSize=1', { token: old.json.access_token })).status).toBe(401);
    expect((await api(s.base, '/products?pageSize=1', { apiKey: again.apiKey })).status).toBe(200);
    // The store's data survived the reinstall.
    expect((await api(s.base, '/products?pageSize=1', { apiKey: again.apiKey })).json.TotalCount).toBe(360);
    creds = again;
  });

  it('keeps stores apart: one store cannot read another store’s order', async () => {
    const other = await s.sandbox.installStore({ storeId: 'st_other' });
    const order = await s.sandbox.createOrder({}, { storeId: 'st_other' });
    expect((await api(s.base, `/orders/${order.ID}`, { apiKey: other.apiKey })).status).toBe(200);
    expect((await api(s.base, `/orders/${order.ID}`, { apiKey: creds.apiKey })).status).toBe(404);
  });

  it('stops answering an uninstalled store at once', async () => {
    const t = await token(s.base, creds.clientId, creds.clientSecret);
    await s.sandbox.uninstallStore('st_auth');
    expect((await api(s.base, '/orders?pageSize=1', { token: t.json.access_token })).status).toBe(401);
    expect((await api(s.base, '/orders?pageSize=1', { apiKey: creds.apiKey })).status).toBe(401);
    expect((await token(s.base, creds.clientId, creds.clientSecret)).status).toBe(401);
  });
});
