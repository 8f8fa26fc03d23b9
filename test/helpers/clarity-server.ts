import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { DEMO_APP_SECRET } from '../../server/config/defaults';
import { loadManifest } from '../../server/manifest';
import { createClaritySandbox, type ClaritySandbox, type OrderOverrides, type SalesOrder } from '../../server/sandbox/clarity/index';

/**
 * A Clarity store of the test's own, on its own port, installed into an app at `appUrl` through
 * the real (signed) lifecycle call. Its webhook sender is NOT started: events wait until the test
 * delivers them, so a test decides when each real, signed webhook arrives — at a steady rate, or
 * twice. Write-backs (PATCH /orders/{ID}) are timed as they arrive.
 */
export interface ClarityServer {
  url: string;
  sandbox: ClaritySandbox;
  storeId: string;
  /** Places an order; its order.created event waits (returns the event id). */
  createOrder(overrides?: OrderOverrides): Promise<{ order: SalesOrder; eventId: string }>;
  /** Places many orders (the n-th from overrides(n)); their events wait. */
  createOrders(count: number, overrides: (n: number) => OrderOverrides): Promise<Array<{ order: SalesOrder; eventId: string }>>;
  /** Delivers a waiting event now (again, if it was delivered before: same webhook-id). Returns the HTTP status. */
  deliver(eventId: string): Promise<number | null>;
  /** Delivers every waiting event of a topic (e.g. the order.updated echoes of write-backs). */
  deliverWaiting(topic?: string): Promise<number>;
  /** When each order's write-back PATCH reached the store (Date.now()). */
  writeBacks: Map<number, number>;
  close(): Promise<void>;
}

/**
 * `patchLatencyMs` delays the store's answer to each order PATCH (the write-back), as a store
 * across the internet would, so a benchmark can show where that wait falls.
 */
export async function startClarityServer(opts: { appUrl: string; storeId?: string; port?: number; patchLatencyMs?: number }): Promise<ClarityServer> {
  const dir = mkdtempSync(join(tmpdir(), 'clarity-sandbox-'));
  let fetchApp: (req: Request, env: unknown) => Response | Promise<Response> = () => new Response('starting', { status: 503 });
  const writeBacks = new Map<number, number>();
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({
      port: opts.port ?? 0, hostname: '127.0.0.1',
      fetch: async (req, env) => {
        if (opts.patchLatencyMs && req.method === 'PATCH') await new Promise((r) => setTimeout(r, opts.patchLatencyMs));
        const res = await fetchApp(req, env);
        const m = req.method === 'PATCH' ? /\/api\/v1\/orders\/(\d+)$/.exec(new URL(req.url).pathname) : null;
        if (m && res.ok && !writeBacks.has(Number(m[1]))) writeBacks.set(Number(m[1]), Date.now());
        return res;
      },
    }, () => resolve(s));
  });
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const sandbox = await createClaritySandbox({
    dbUrl: `file:${join(dir, 'clarity.db')}`, publicUrl: `${url}/`, appUrl: opts.appUrl, manifest: loadManifest(opts.appUrl),
    appSecret: DEMO_APP_SECRET, seed: true,
  });
  fetchApp = (req, env) => sandbox.app.fetch(req, env as never);
  const storeId = opts.storeId ?? 'st_test';
  await sandbox.installStore({ storeId, storeName: 'Test Store' });
  const events = sandbox.context.events;

  async function waitingEvent(orderId: number): Promise<string> {
    const rows = await events.list({ storeId, topic: 'order.created', status: 'pending', limit: 50 });
    const hit = rows.find((e) => (JSON.parse(e.body) as { data: { ID: number } }).data.ID === orderId);
    if (!hit) throw new Error(`no waiting order.created event for order ${orderId}`);
    return hit.id;
  }

  return {
    url, sandbox, storeId, writeBacks,
    async createOrder(overrides = {}) {
      const order = await sandbox.createOrder(overrides, { storeId });
      return { order, eventId: await waitingEvent(order.ID) };
    },
    async createOrders(count, overrides) {
      const orders: SalesOrder[] = [];
      for (let n = 0; n < count; n++) orders.push(await sandbox.createOrder(overrides(n), { storeId }));
      const rows = await events.list({ storeId, topic: 'order.created', status: 'pending', limit: count + 1000 });
      const byOrder = new Map(rows.map((e) => [(JSON.parse(e.body) as { data: { ID: number } }).data.ID, e.id]));
      return orders.map((order) => {
        const eventId = byOrder.get(order.ID);
        if (!eventId) throw new Error(`no waiting order.created event for order ${order.ID}`);
        return { order, eventId };
      });
    },
    async deliver(eventId) {
      const e = await events.get(eventId);
      if (e && e.status !== 'pending') await events.retryNow(eventId, Date.now());
      return (await sandbox.sender.deliverNow(eventId))?.status ?? null;
    },
    async deliverWaiting(topic) {
      const rows = await events.list({ storeId, topic, status: 'pending', kind: 'webhook', limit: 500 });
      await Promise.all(rows.map((e) => sandbox.sender.deliverNow(e.id)));
      return rows.length;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
