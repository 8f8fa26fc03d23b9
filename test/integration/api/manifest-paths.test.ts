import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../../server/main';
import { loadManifest } from '../../../server/manifest';

/**
 * Every path manifest.json names answers on the running app (a signed-call path refuses an
 * unsigned call rather than being missing), the panel and extension are served with the right
 * caching, and the simulated admin exists in demo mode only.
 */
let app: RunningApp;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'manifest-paths-'));
  app = await startApp({
    DEMO: '1', DATABASE_URL: `file:${join(dir, 'app.db')}`, SANDBOX_DIR: dir, DEMO_ORDER_RATE: '0', LOG_LEVEL: 'silent',
    WORKER_ENABLED: '0', SCHEDULES_ENABLED: '0',
  }, { port: 0 });
});
afterAll(async () => {
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('manifest.json paths', () => {
  it('serves manifest.json with the app URL filled in', async () => {
    const res = await fetch(`${app.url}/manifest.json`);
    expect(res.status).toBe(200);
    const m = (await res.json()) as { appUrl: string; id: string };
    expect(m.appUrl).toBe(app.url);
    expect(m.id).toBe(loadManifest(app.url).id);
  });

  it('answers every path it names', async () => {
    const m = loadManifest(app.url);
    for (const path of [m.lifecycle.installed, m.lifecycle.uninstalled, m.webhooks.path]) {
      // Signed with a wrong key: refused as unauthenticated, which shows the route is there.
      const signed = await fetch(`${app.url}${path}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json', 'webhook-id': 'msg_test', 'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
          'webhook-signature': `v1,${Buffer.alloc(32).toString('base64')}`, 'clarity-store-id': 'st_demo',
        },
        body: '{"type":"x","data":{}}',
      });
      expect([path, signed.status]).toEqual([path, 401]);
      // No signature headers at all: refused as a bad request, still not "no such route".
      const bare = await fetch(`${app.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      expect([path, bare.status >= 400 && bare.status < 500 && bare.status !== 404 && bare.status !== 405]).toEqual([path, true]);
    }
    for (const ext of m.extensions) {
      const res = await fetch(`${app.url}${ext.script}`);
      expect([ext.script, res.status]).toEqual([ext.script, 200]);
      expect(res.headers.get('content-type')).toMatch(/javascript/);
      expect(await res.text()).toContain('clarity:session-token');
    }
  });
});

describe('static serving', () => {
  it('serves the panel with its CSP, hashed assets for good, and 304 for an unchanged extension', async () => {
    const index = await fetch(`${app.url}/ui/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    const asset = /src="(\/ui\/assets\/[^"]+\.js)"/.exec(await index.text())?.[1];
    expect(asset).toBeTruthy();
    const js = await fetch(`${app.url}${asset}`);
    expect(js.headers.get('cache-control')).toContain('immutable');
    const ext = await fetch(`${app.url}/extension/extension.js`);
    const again = await fetch(`${app.url}/extension/extension.js`, { headers: { 'If-None-Match': ext.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('does not serve files outside the build', async () => {
    for (const p of ['/ui/../package.json', '/ui/%2e%2e/package.json', '/ui/..%2fpackage.json']) {
      const res = await fetch(`${app.url}${p}`);
      expect([p, res.status]).toEqual([p, 404]);
    }
  });

  it('hosts the simulated admin in demo mode, loading the extension script the manifest names', async () => {
    const res = await fetch(`${app.url}/admin/`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`<script src="${app.url}/extension/extension.js" async></script>`);
    expect(html).toContain('data-clarity-extension="admin.order.list"');
  });
});

describe('simulated admin session tokens', () => {
  it('hands a token to its own pages and refuses other sites', async () => {
    const own = await fetch(`${app.url}/admin/session-token`, { method: 'POST', headers: { Origin: app.url } });
    expect(own.status).toBe(200);
    expect(((await own.json()) as { token: string }).token.split('.')).toHaveLength(3);
    const evil = await fetch(`${app.url}/admin/session-token`, { method: 'POST', headers: { Origin: 'https://evil.example' } });
    expect(evil.status).toBe(403);
    const crossSite = await fetch(`${app.url}/admin/session-token`, { method: 'POST', headers: { 'Sec-Fetch-Site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
  });
});

describe('the API in demo mode', () => {
  it('settings show the demo Sage sandbox in force, and the store health reports the worker', async () => {
    const { token } = (await (await fetch(`${app.url}/admin/session-token`, { method: 'POST' })).json()) as { token: string };
    const auth = { Authorization: `Bearer ${token}` };
    const settings = await (await fetch(`${app.url}/api/settings/gateway`, { headers: auth })).json();
    expect(settings).toMatchObject({ source: 'demo', gatewayUrl: `${app.url}/sandbox/sage100`, apiKeySet: true });
    const health = (await (await fetch(`${app.url}/api/health`, { headers: auth })).json()) as { worker: { ok: boolean } | null };
    expect(health.worker).toMatchObject({ ok: true });
  });
});

describe('outside demo mode', () => {
  it('has no simulated admin, and the API still wants a session token', async () => {
    const d2 = mkdtempSync(join(tmpdir(), 'manifest-paths-prod-'));
    const prod = await startApp({
      DEMO: '0', CLARITY_APP_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
      DATABASE_URL: `file:${join(d2, 'app.db')}`, LOG_LEVEL: 'silent', WORKER_ENABLED: '0', SCHEDULES_ENABLED: '0',
    }, { port: 0 });
    try {
      expect((await fetch(`${prod.url}/admin/`)).status).toBe(404);
      expect((await fetch(`${prod.url}/sandbox/clarity/_admin/stores`)).status).toBe(404);
      expect((await fetch(`${prod.url}/api/dashboard`)).status).toBe(401);
      expect((await fetch(`${prod.url}/extension/extension.js`)).status).toBe(200);
    } finally {
      await prod.stop();
      rmSync(d2, { recursive: true, force: true });
    }
  });
});
