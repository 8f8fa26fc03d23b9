import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertList } from '../../../server/contracts/alerts';
import { DEMO_APP_SECRET, DEMO_SAGE_API_KEY, DEMO_STORE_ID } from '../../../server/config/defaults';
import { enqueue } from '../../../server/queue/enqueue';
import { startApp, type RunningApp } from '../../../server/main';
import { startReceiver, until, type Receiver } from './support';

/**
 * Monitoring in the running app (demo mode): /health with the demo store's gateway, the monitor
 * on its schedule with short thresholds, the Sage sandbox put into an outage through its admin
 * route, dead jobs, notices POSTed to a receiver standing in for a chat webhook, and the panel's
 * API. Everything real: HTTP, libSQL files, the worker, croner.
 */
let dir: string;
let app: RunningApp;
let receiver: Receiver;
let token: string;

interface Health {
  status: string;
  checks: Record<string, { ok: boolean; critical?: boolean; detail?: any }>;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'monitoring-app-'));
  receiver = await startReceiver();
  app = await startApp({
    DEMO: '1', DATABASE_URL: `file:${join(dir, 'connector.db')}`, SANDBOX_DIR: dir, DEMO_ORDER_RATE: '0', LOG_LEVEL: 'silent',
    MONITOR_INTERVAL_MS: '1000', ALERT_GATEWAY_DOWN_MS: '1500', ALERT_WEBHOOK_URL: receiver.url,
  }, { port: 0 });
  token = ((await (await fetch(`${app.url}/admin/session-token`, { method: 'POST' })).json()) as { token: string }).token;
});
afterAll(async () => {
  await app?.stop();
  await receiver?.close();
  rmSync(dir, { recursive: true, force: true });
});

const health = async () => {
  const res = await fetch(`${app.url}/health`);
  return { status: res.status, text: await res.clone().text(), body: (await res.json()) as Health };
};
const alerts = async () => (await (await fetch(`${app.url}/api/alerts`, { headers: { Authorization: `Bearer ${token}` } })).json()) as AlertList;
const openAlert = async (kind: string) => (await alerts()).items.find((a) => a.kind === kind && a.resolvedAt === null);
const sageFaults = (method: 'PUT' | 'DELETE', body?: unknown) => fetch(`${app.url}/sandbox/sage100/_admin/faults`, {
  method, headers: { 'X-Api-Key': DEMO_SAGE_API_KEY, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
});
const received = (kind: string, event: string) => receiver.messages.find((m) => m.alert.kind === kind && m.alert.event === event);

describe('monitoring in the running app', () => {
  it('GET /health shows the database, the worker and the demo store\'s Sage gateway, and no secret', async () => {
    const h = await until('the gateway checked', async () => {
      const r = await health();
      return r.body.checks.gateways?.detail?.stores?.[DEMO_STORE_ID]?.ok === true ? r : undefined;
    });
    expect(h.status).toBe(200);
    expect(h.body.status).toBe('ok');
    expect(h.body.checks.database.ok).toBe(true);
    expect(h.body.checks.worker.ok).toBe(true);
    expect(h.body.checks.gateways).toMatchObject({ ok: true, critical: false, detail: { total: 1, down: 0 } });
    expect(h.body.checks.gateways.detail.stores[DEMO_STORE_ID]).toMatchObject({ sage: 'up', company: 'ABC' });
    for (const secret of [DEMO_SAGE_API_KEY, DEMO_APP_SECRET, app.config.encryptionKey.toString('base64'), receiver.url]) {
      expect(h.text).not.toContain(secret);
    }
  });

  it('opens a gateway alert when Sage stays down, tells the webhook, and resolves both ways when it is back', async () => {
    expect((await sageFaults('PUT', { outage: { forMs: 5 * 60_000 } })).status).toBe(200);
    const alert = await until('the gateway alert', () => openAlert('gateway'));
    expect(alert.title).toBe('Sage 100 gateway down');
    expect(alert.message).toMatch(/failed its health check for .*Sage is down/);

    // Degraded, not out of service: one merchant's Sage is no reason to stop taking webhooks.
    const h = await health();
    expect(h.status).toBe(200);
    expect(h.body.status).toBe('degraded');
    expect(h.body.checks.gateways.detail).toMatchObject({ down: 1, stores: { [DEMO_STORE_ID]: { ok: false, sage: 'down' } } });

    const opened = await until('the opened notice', async () => received('gateway', 'opened'));
    expect(opened.text).toMatch(/^ALERT .*st_demo.*: Sage 100 gateway down\. The Sage 100 gateway has failed its health check/);
    expect(opened.alert).toMatchObject({ storeId: DEMO_STORE_ID, kind: 'gateway', id: alert.id, resolvedAt: null });

    expect((await sageFaults('DELETE')).status).toBe(200);
    await until('the gateway alert resolved', async () => (await alerts()).items.find((a) => a.id === alert.id && a.resolvedAt !== null));
    const resolved = await until('the resolved notice', async () => received('gateway', 'resolved'));
    expect(resolved.text).toMatch(/^RESOLVED .*: Sage 100 gateway down, after \d+ s\./);
    await until('health ok again', async () => ((await health()).body.checks.gateways.ok ? true : undefined));
    // Exactly one message per event, however many checks ran meanwhile.
    expect(receiver.messages.filter((m) => m.alert.kind === 'gateway').map((m) => m.alert.event)).toEqual(['opened', 'resolved']);
  });

  it('opens an exceptions alert counting the jobs that died, listed first for the store', async () => {
    // A poll of a feed that does not exist fails for good at once: a real dead letter.
    for (let i = 0; i < 2; i++) await enqueue(app.database.db, { kind: 'feed.poll', storeId: DEMO_STORE_ID, payload: { feed: 'no-such-feed' } });
    const alert = await until('the exceptions alert with both', async () => {
      const a = await openAlert('exceptions');
      return a && a.count === 2 ? a : undefined;
    });
    expect(alert.message).toMatch(/reached the exception list/);
    const list = await alerts();
    expect(list.open).toBeGreaterThanOrEqual(1);
    expect(list.items[0].resolvedAt).toBeNull();
    expect(list.items.some((a) => a.kind === 'gateway' && a.resolvedAt !== null)).toBe(true);
    await until('the exceptions notice', async () => received('exceptions', 'opened'));
  });
});
