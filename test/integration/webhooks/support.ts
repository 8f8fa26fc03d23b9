import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signWebhook } from '../../../server/connectors/clarity/webhook-signature';
import { loadManifest } from '../../../server/manifest';
import { startApp, type RunningApp } from '../../../server/main';
import type { IntakeItem } from '../../../server/webhooks/intake';
import { routeEvent } from '../../../server/webhooks/topics';
import { openQueueDb } from '../../helpers/queue-db';

/** The real app on port 0 over a fresh database file, outside demo mode. */
export const APP_SECRET = 'whsec_' + Buffer.from('intake test app secret, 32 bytes').toString('base64');
export const manifest = loadManifest('http://localhost');

export interface TestApp {
  app: RunningApp;
  url: string;
  dbPath: string;
  dir: string;
  close(): Promise<void>;
}

export async function startTestApp(extraEnv: Record<string, string> = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'intake-'));
  const dbPath = join(dir, 'connector.db');
  const app = await startApp({
    DATABASE_URL: `file:${dbPath}`,
    DEMO: '0',
    CLARITY_APP_SECRET: APP_SECRET,
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'silent',
    WORKER_ENABLED: '0',
    SCHEDULES_ENABLED: '0',
    HOST: '127.0.0.1',
    ...extraEnv,
  }, { port: 0 });
  const url = app.url.replace('localhost', '127.0.0.1');
  return {
    app, url, dbPath, dir,
    async close() {
      await app.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const newWebhookSecret = () => `whsec_${randomBytes(24).toString('base64')}`;
const nowSec = () => Math.floor(Date.now() / 1000);

export interface SignOptions {
  id?: string;
  timestampSec?: number;
  storeId?: string | null;
  /** Sign with this secret instead (a wrong one, for tests). */
  secret?: string;
}

let seq = 0;
export function signedHeaders(secret: string, body: string, o: SignOptions = {}): Record<string, string> {
  const id = o.id ?? `msg_${Date.now()}_${++seq}`;
  const ts = o.timestampSec ?? nowSec();
  const h: Record<string, string> = {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(ts),
    'webhook-signature': signWebhook(o.secret ?? secret, id, ts, body),
  };
  if (o.storeId) h['clarity-store-id'] = o.storeId;
  return h;
}

export function installBody(storeId: string, webhookSecret: string, over: Record<string, unknown> = {}) {
  return JSON.stringify({
    type: 'app.installed', timestamp: new Date().toISOString(),
    data: {
      storeId, storeName: `Store ${storeId}`, apiBaseUrl: 'https://acme.example/', clientId: `app_${storeId}`,
      clientSecret: `client-secret-of-${storeId}`, webhookSecret, adminUserEmail: 'owner@acme.example', ...over,
    },
  });
}

export async function install(url: string, storeId: string, webhookSecret: string, over: Record<string, unknown> = {}) {
  const body = installBody(storeId, webhookSecret, over);
  return fetch(url + manifest.lifecycle.installed, { method: 'POST', headers: signedHeaders(APP_SECRET, body), body });
}

export async function uninstall(url: string, storeId: string, o: SignOptions = {}) {
  const body = JSON.stringify({ type: 'app.uninstalled', timestamp: new Date().toISOString(), data: { storeId } });
  return fetch(url + manifest.lifecycle.uninstalled, { method: 'POST', headers: signedHeaders(APP_SECRET, body, o), body });
}

export function orderEvent(id: number, updatedDate: string, topic = 'order.created', extra: Record<string, unknown> = {}) {
  return JSON.stringify({
    type: topic, timestamp: new Date().toISOString(),
    data: { ID: id, CustomKey: `WEB-${id}`, StatusKey: 'Processing', UpdatedDate: updatedDate, ...extra },
  });
}

export async function postWebhook(url: string, secret: string, storeId: string, body: string, o: SignOptions = {}) {
  return fetch(url + manifest.webhooks.path, { method: 'POST', headers: signedHeaders(secret, body, { storeId, ...o }), body });
}

export async function count(t: TestApp, table: string, where = '1 = 1', args: Array<string | number> = []): Promise<number> {
  const rs = await t.app.database.client.execute({ sql: `SELECT count(*) AS n FROM ${table} WHERE ${where}`, args });
  return Number(rs.rows[0].n);
}

/** A migrated connector database in a fresh folder, with these stores installed, for the intake alone. */
export async function migratedDatabase(prefix: string, stores: Array<{ id: string; status: 'active' | 'uninstalled' }>) {
  const db = await openQueueDb(prefix);
  for (const s of stores) {
    await db.database.client.execute({
      sql: `INSERT INTO installations (store_id, store_name, api_base_url, client_id, status, installed_at, updated_at)
        VALUES (?, ?, 'https://store.example/', ?, ?, 0, 0)`,
      args: [s.id, `Store ${s.id}`, `app_${s.id}`, s.status],
    });
  }
  return db;
}

/** An order event as the webhook route hands it to the intake (routed, its job attached). */
export function orderItem(webhookId: string, orderId: number, version: string, o: { storeId?: string; topic?: string; extra?: object } = {}): IntakeItem {
  const storeId = o.storeId ?? 'st_a';
  const topic = o.topic ?? 'order.updated';
  const routed = routeEvent(storeId, topic, { ID: orderId, UpdatedDate: version });
  if (!routed.ok) throw new Error(routed.message);
  return {
    storeId, webhookId, topic, source: 'webhook', subject: routed.subject, job: routed.job,
    body: JSON.stringify({ type: topic, data: { ID: orderId, UpdatedDate: version, ...o.extra } }),
  };
}
