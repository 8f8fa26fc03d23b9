import { createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type RunningApp } from '../../server/main';
import { DEMO_STORE_ID } from '../../server/config/defaults';
import { systemClock } from '../../server/core/clock';
import { createSecretBox } from '../../server/core/crypto';
import { loadManifest } from '../../server/manifest';
import { StoreSecrets } from '../../server/webhooks/store-secrets';
import type { Db } from '../../server/db/client';
import { saveMappingConfig } from '../../server/db/repos/mapping.repo';
import { getOrderLink, type OrderLink } from '../../server/db/repos/order-links.repo';
import { listOrderEvents, type OrderEvent } from '../../server/db/repos/order-events.repo';
import type { MappingConfigInput } from '../../server/mapping/config';
import type { Person } from '../../server/sandbox/catalog/index';
import type { OrderOverrides, SalesOrder } from '../../server/sandbox/clarity/index';
import { startSageServer, TEST_SAGE_KEY, type SageServer } from './sage-server';

/**
 * The whole app in demo mode (intake, worker, the order flow, the Clarity sandbox with the demo
 * store installed through the real lifecycle call), pointed by SAGE100_* at a Sage sandbox on a
 * port of its own, so a test can count and fault the gateway calls. Everything is real HTTP and
 * real libSQL files in a temp dir.
 */
export interface World {
  app: RunningApp;
  url: string;
  db: Db;
  storeId: string;
  sage: SageServer;
  /** Mapping every world starts with: tax as a charge line, since the two sandboxes tax differently. */
  saveMapping(config: MappingConfigInput): Promise<void>;
  /** Places an order in the Clarity store (sends order.created). */
  placeOrder(overrides?: OrderOverrides): Promise<SalesOrder>;
  setStatus(orderId: number, statusKey: string): Promise<SalesOrder>;
  clarityOrder(orderId: number): Promise<SalesOrder>;
  link(orderId: number | string): Promise<OrderLink | null>;
  waitForLink(orderId: number | string, until?: (l: OrderLink) => boolean | Promise<boolean>, timeoutMs?: number): Promise<OrderLink>;
  /** Waits until no order job is queued, running or waiting to retry. */
  waitForIdle(timeoutMs?: number): Promise<void>;
  /** The jobs of an order (or a customer, by its ID), oldest first: kind and state. */
  jobsFor(orderId: number | string): Promise<Array<{ kind: string; state: string }>>;
  timeline(orderId: number | string): Promise<OrderEvent[]>;
  /**
   * Sends a webhook to the app as Clarity would (signed with the store's webhook secret), for
   * what the store sandbox cannot be made to do on cue: events out of order, an event for an
   * order the app never saw. Returns the HTTP status the app answered.
   */
  postWebhook(topic: string, data: unknown, webhookId?: string): Promise<number>;
  close(): Promise<void>;
}

export const BASE_TEST_MAPPING: MappingConfigInput = { tax: { mode: 'charge-line', glAccount: '2200-00-00' } };

export async function startWorld(opts: { env?: Record<string, string>; mapping?: MappingConfigInput; sage?: { writeLatencyMs?: number; emailScanDelayMs?: number } } = {}): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'world-'));
  const sage = await startSageServer(opts.sage);
  const app = await startApp({
    DEMO: '1', DATABASE_URL: `file:${join(dir, 'app.db')}`, SANDBOX_DIR: dir, DEMO_ORDER_RATE: '0', LOG_LEVEL: 'warn',
    SCHEDULES_ENABLED: '0', SAGE100_GATEWAY_URL: sage.url, SAGE100_API_KEY: TEST_SAGE_KEY, SAGE100_COMPANY: 'ABC',
    ...opts.env,
  }, { port: 0 });
  const db = app.database.db;
  const storeId = DEMO_STORE_ID;
  const clarity = `${app.url}/sandbox/clarity/_admin`;
  const call = async <T>(path: string, init?: { method: string; body?: unknown }): Promise<T> => {
    const sep = path.includes('?') ? '&' : '?';
    const res = await fetch(`${clarity}${path}${sep}storeId=${storeId}`, {
      method: init?.method ?? 'GET', headers: { 'content-type': 'application/json' },
      body: init?.body === undefined ? undefined : JSON.stringify(init.body),
    });
    if (!res.ok) throw new Error(`Clarity sandbox ${init?.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<T>;
  };
  const world: World = {
    app, url: app.url, db, storeId, sage,
    async saveMapping(config) {
      await saveMappingConfig(db, storeId, { ...BASE_TEST_MAPPING, ...config }, 'test');
    },
    placeOrder: (overrides = {}) => call<SalesOrder>('/orders', { method: 'POST', body: overrides }),
    setStatus: (orderId, StatusKey) => call<SalesOrder>(`/orders/${orderId}/status`, { method: 'PUT', body: { StatusKey } }),
    clarityOrder: async (orderId) => (await call<{ order: SalesOrder }>(`/orders/${orderId}`)).order,
    link: (orderId) => getOrderLink(db, { storeId, clarityOrderId: String(orderId) }),
    async waitForLink(orderId, until = (l) => l.state !== 'pending', timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const l = await world.link(orderId);
        if (l && (await until(l))) return l;
        if (Date.now() > deadline) {
          const events = (await world.timeline(orderId)).map((e) => `${e.level} ${e.step}: ${e.message}`).join('\n');
          throw new Error(`order ${orderId}: link never got there (now ${l ? `${l.state} ${l.holdReason ?? ''}` : 'none'})\n${events}`);
        }
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async waitForIdle(timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const rs = await app.database.client.execute(
          "SELECT count(*) AS n FROM jobs WHERE kind LIKE 'order.%' AND state IN ('queued', 'running', 'retrying')");
        if (Number(rs.rows[0].n) === 0) return;
        if (Date.now() > deadline) throw new Error(`order jobs still busy after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    timeline: (orderId) => listOrderEvents(db, storeId, String(orderId)),
    async jobsFor(orderId) {
      const rs = await app.database.client.execute({
        sql: "SELECT kind, state FROM jobs WHERE store_id = ? AND coalesce(json_extract(payload, '$.orderId'), json_extract(payload, '$.customerId')) = ? ORDER BY seq",
        args: [storeId, String(orderId)],
      });
      return rs.rows.map((r) => ({ kind: String(r.kind), state: String(r.state) }));
    },
    async postWebhook(topic, data, webhookId = `msg_${randomUUID()}`) {
      const state = await new StoreSecrets(db, createSecretBox(app.config.encryptionKey), { clock: systemClock }).get(storeId);
      if (state.status !== 'active') throw new Error(`store ${storeId} is ${state.status}`);
      const body = JSON.stringify({ type: topic, timestamp: new Date().toISOString(), data });
      const ts = String(Math.floor(Date.now() / 1000));
      const sig = createHmac('sha256', state.webhookKey).update(`${webhookId}.${ts}.${body}`).digest('base64');
      const res = await fetch(`${app.url}${loadManifest(app.url).webhooks.path}`, {
        method: 'POST', body,
        headers: { 'content-type': 'application/json', 'webhook-id': webhookId, 'webhook-timestamp': ts, 'webhook-signature': `v1,${sig}`, 'clarity-store-id': storeId },
      });
      await res.arrayBuffer();
      return res.status;
    },
    async close() {
      await app.stop();
      await sage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await world.saveMapping(opts.mapping ?? {});
  return world;
}

/** Overrides that make the order come from this person: their account (if the store has one), contact and address. */
export function buyer(p: Person, o: { guest?: boolean } = {}): OrderOverrides {
  const contact = {
    FirstName: p.firstName, LastName: p.lastName, Email1: p.email, Phone1: p.phone,
    Address: { Company: p.company, Street1: p.street1, Street2: p.street2, City: p.city, RegionCode: p.state, PostalCode: p.zip, CountryCode: 'US' },
  };
  const account = !o.guest && p.clarityId ? { AccountID: p.clarityId, AccountKey: null } : { AccountID: null, AccountKey: null };
  return { ...account, BillingContact: contact, ShippingContact: contact } as OrderOverrides;
}
