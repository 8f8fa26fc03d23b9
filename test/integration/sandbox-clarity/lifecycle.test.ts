import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { FakeClock } from '../../../server/core/clock';
import { APP_SECRET, api, startReceiver, startSandbox, type Receiver, type RunningSandbox } from './helpers';

const headersOf = (h: Record<string, string>) => ({
  'webhook-id': h['webhook-id'], 'webhook-timestamp': h['webhook-timestamp'], 'webhook-signature': h['webhook-signature'],
});

/** Verifies an HS256 JWT the way any JWT library would, independently of the sandbox's code. */
function verifyJwt(token: string, secret: string) {
  const [head, body, sig] = token.split('.');
  const expected = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return { valid: sig === expected, header: JSON.parse(Buffer.from(head, 'base64url').toString()), claims: JSON.parse(Buffer.from(body, 'base64url').toString()) };
}

describe('Clarity sandbox: install lifecycle and session tokens', () => {
  const clock = new FakeClock(Date.now());
  let refuse = false;
  let app: Receiver;
  let s: RunningSandbox;

  beforeAll(async () => {
    app = await startReceiver((r) => (refuse && r.path.includes('lifecycle') ? new Response('no', { status: 401 }) : new Response(null, { status: 204 })));
    s = await startSandbox({ appUrl: app.url, clock, seed: false });
  });
  afterAll(async () => {
    await s.close();
    await app.close();
  });

  it('POSTs app.installed to the manifest’s path, signed with the app secret, with the contract’s body', async () => {
    const creds = await s.sandbox.installStore({ storeId: 'st_life', storeName: 'Acme Supply', adminUserEmail: 'owner@acme.example' });
    const req = app.requests.find((r) => r.path === '/clarity/lifecycle/installed')!;
    expect(req.headers['clarity-store-id']).toBe('st_life');
    const payload = new Webhook(APP_SECRET).verify(req.body, headersOf(req.headers)) as { type: string; timestamp: string; data: Record<string, string> };
    expect(payload.type).toBe('app.installed');
    expect(payload.timestamp).toBe(new Date(clock.now()).toISOString());
    expect(payload.data).toEqual({
      storeId: 'st_life', storeName: 'Acme Supply', apiBaseUrl: s.base, clientId: creds.clientId, clientSecret: creds.clientSecret,
      webhookSecret: creds.webhookSecret, adminUserEmail: 'owner@acme.example',
    });
    expect(creds.webhookSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(creds.webhookSecret.slice(6), 'base64')).toHaveLength(32);
    const [event] = await s.sandbox.context.events.list({ kind: 'lifecycle', topic: 'app.installed' });
    expect(event.status).toBe('delivered');
    expect((await s.sandbox.context.events.attempts(event.id))[0].Status).toBe(204);
  });

  it('a refused install leaves a reinstalled store on its old credentials and a new store not installed', async () => {
    const before = (await s.sandbox.context.stores.get('st_life'))!;
    refuse = true;
    await expect(s.sandbox.installStore({ storeId: 'st_life' })).rejects.toThrow(/refused the install of st_life: HTTP 401/);
    await expect(s.sandbox.installStore({ storeId: 'st_new' })).rejects.toThrow(/refused/);
    refuse = false;
    expect((await api(s.base, '/orders', { apiKey: before.api_key })).status).toBe(200);
    expect((await s.sandbox.context.stores.get('st_new'))!.status).toBe('uninstalled');
  });

  it('issues session tokens: HS256 with the clientSecret, the contract’s claims, at most 60 s', async () => {
    const store = (await s.sandbox.context.stores.get('st_life'))!;
    const jwt = await s.sandbox.issueSessionToken('st_life', { userId: 'usr_42', email: 'dana@acme.example' });
    const { valid, header, claims } = verifyJwt(jwt, store.client_secret);
    expect(valid).toBe(true);
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
    const now = Math.floor(clock.now() / 1000);
    expect(claims).toEqual({
      iss: s.base, aud: store.client_id, sub: 'usr_42', store: 'st_life', email: 'dana@acme.example',
      exp: now + 60, nbf: now, iat: now, jti: expect.any(String),
    });
    const again = verifyJwt(await s.sandbox.issueSessionToken('st_life', undefined, 600), store.client_secret).claims;
    expect(again.exp - again.iat).toBe(60);
    expect(again.sub).toBe(store.admin_user_id);
    expect(again.email).toBe('owner@acme.example');
    expect(again.jti).not.toBe(claims.jti);
  });

  it('hands the admin page a session token over HTTP', async () => {
    const res = await fetch(`${s.base}_admin/session-token`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ storeId: 'st_life' }),
    });
    expect(res.status).toBe(200);
    const { token } = (await res.json()) as { token: string };
    const store = (await s.sandbox.context.stores.get('st_life'))!;
    expect(verifyJwt(token, store.client_secret)).toMatchObject({ valid: true, claims: { store: 'st_life', aud: store.client_id } });
    const unknown = await fetch(`${s.base}_admin/session-token`, { method: 'POST', body: JSON.stringify({ storeId: 'st_none' }) });
    expect(unknown.status).toBe(404);
  });

  it('uninstall sends the app.uninstalled webhook (store secret) and the uninstalled call (app secret)', async () => {
    const store = (await s.sandbox.context.stores.get('st_life'))!;
    const r = await s.sandbox.uninstallStore('st_life');
    expect(r.lifecycle.ok).toBe(true);
    const hook = app.requests.filter((q) => q.path === '/clarity/webhooks').at(-1)!;
    expect(new Webhook(store.webhook_secret).verify(hook.body, headersOf(hook.headers))).toEqual({
      type: 'app.uninstalled', timestamp: expect.any(String), data: { storeId: 'st_life' },
    });
    const call = app.requests.filter((q) => q.path === '/clarity/lifecycle/uninstalled').at(-1)!;
    expect(new Webhook(APP_SECRET).verify(call.body, headersOf(call.headers))).toMatchObject({ type: 'app.uninstalled', data: { storeId: 'st_life' } });
    await expect(s.sandbox.issueSessionToken('st_life')).rejects.toThrow(/not installed/);
  });

  it('cancels what was still waiting to be sent for an uninstalled store', async () => {
    await s.sandbox.installStore({ storeId: 'st_pending' });
    const id = (await s.sandbox.sender.enqueue('st_pending', 'order.updated', { ID: 1 }))!;
    await s.sandbox.uninstallStore('st_pending');
    const sentBefore = app.requests.length;
    await s.sandbox.sender.processDue();
    expect(app.requests.length).toBe(sentBefore);
    expect((await s.sandbox.context.events.get(id))!.status).toBe('cancelled');
  });

  it('installs and uninstalls through /_admin/stores too', async () => {
    const res = await fetch(`${s.base}_admin/stores`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ storeId: 'st_admin' }) });
    expect(res.status).toBe(201);
    const list = (await (await fetch(`${s.base}_admin/stores`)).json()) as Array<{ storeId: string; status: string }>;
    expect(list.find((x) => x.storeId === 'st_admin')?.status).toBe('installed');
    expect(JSON.stringify(list)).not.toMatch(/whsec_/);
    expect((await fetch(`${s.base}_admin/stores/st_admin`, { method: 'DELETE' })).status).toBe(200);
  });
});
