import { randomBytes } from 'node:crypto';
import type { Clock } from '../../core/clock';
import { AppError } from '../../core/errors';
import { newMessageId, newWebhookSecret, randomToken } from './signing';
import type { StoreRepo, StoreRow } from './stores';
import type { TokenRepo } from './tokens';
import { iso } from './types';
import { postSigned, type DeliveryResult } from './webhooks/deliver';
import type { EventRepo } from './webhooks/events-repo';
import type { WebhookSender } from './webhooks/sender';

/** What the platform hands the app at install (contracts/clarity.md §2). */
export interface StoreCredentials {
  storeId: string;
  storeName: string;
  apiBaseUrl: string;
  clientId: string;
  clientSecret: string;
  webhookSecret: string;
  apiKey: string;
  adminUserId: string;
  adminUserEmail: string;
}

export interface LifecycleDeps {
  stores: StoreRepo;
  tokens: TokenRepo;
  events: EventRepo;
  sender: WebhookSender;
  clock: Clock;
  apiBaseUrl: string;
  appUrl: string;
  paths: { installed: string; uninstalled: string };
  appSecret: string;
  /** Fills a new store with its catalog, customers and past orders. */
  seedStore(storeId: string): Promise<void>;
  /** How long webhooks carry the old secret's signature beside the new one after a reinstall. */
  rotationGraceMs?: number;
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '') || 'store';

export function createLifecycle(d: LifecycleDeps) {
  /** The signed lifecycle POST, recorded like a webhook event with its single attempt. */
  async function call(storeId: string, type: string, path: string, data: unknown): Promise<DeliveryResult> {
    const at = d.clock.now();
    const id = newMessageId();
    const url = `${d.appUrl}${path}`;
    const body = JSON.stringify({ type, timestamp: iso(at), data });
    await d.events.insert({ id, store_id: storeId, kind: 'lifecycle', topic: type, url, body, created_at: at, status: 'pending', next_attempt_at: null });
    const r = await postSigned({ url, id, body, secrets: [d.appSecret], storeId, timestampSec: Math.floor(at / 1000) });
    const event = (await d.events.get(id))!;
    await d.events.recordAttempt(event, at, r, { status: r.ok ? 'delivered' : 'failed', nextAt: null });
    return r;
  }

  /**
   * Installs the app in a store: issues credentials (new ones on every reinstall), tells the app
   * through the signed `installed` call, and only then counts the store as installed. If the app
   * refuses, the store goes back to how it was and the error says why.
   */
  async function installStore(o: { storeId?: string; storeName?: string; adminUserEmail?: string } = {}): Promise<StoreCredentials> {
    const now = d.clock.now();
    const storeId = o.storeId ?? `st_${randomBytes(3).toString('hex')}`;
    const previous = await d.stores.get(storeId);
    const name = o.storeName ?? previous?.name ?? `Store ${storeId}`;
    const row: StoreRow = {
      id: storeId, name, status: 'installing',
      client_id: randomToken('app_', 12), client_secret: randomToken('', 32), webhook_secret: newWebhookSecret(),
      prev_webhook_secret: previous?.webhook_secret ?? null,
      prev_secret_until: previous ? now + (d.rotationGraceMs ?? 24 * 3600_000) : null,
      api_key: randomToken('cak_', 24),
      admin_user_id: previous?.admin_user_id ?? `usr_${randomBytes(4).toString('hex')}`,
      admin_email: o.adminUserEmail ?? previous?.admin_email ?? `owner@${slug(name)}.example`,
      installed_at: previous?.installed_at ?? null, updated_at: now,
    };
    await d.tokens.revokeStore(storeId);
    await d.stores.put(row);
    if (!previous) await d.seedStore(storeId);
    const creds: StoreCredentials = {
      storeId, storeName: name, apiBaseUrl: d.apiBaseUrl, clientId: row.client_id, clientSecret: row.client_secret,
      webhookSecret: row.webhook_secret, apiKey: row.api_key, adminUserId: row.admin_user_id, adminUserEmail: row.admin_email,
    };
    // The body the contract defines (§2); the API key stays in the store's admin, as keys do.
    const r = await call(storeId, 'app.installed', d.paths.installed, {
      storeId, storeName: name, apiBaseUrl: d.apiBaseUrl, clientId: creds.clientId, clientSecret: creds.clientSecret,
      webhookSecret: creds.webhookSecret, adminUserEmail: creds.adminUserEmail,
    });
    if (!r.ok) {
      await d.tokens.revokeStore(storeId);
      if (previous) await d.stores.put(previous);
      else await d.stores.setStatus(storeId, 'uninstalled', d.clock.now());
      throw new AppError('InstallFailed', `The app refused the install of ${storeId}: ${r.error}`, { status: 502, detail: r });
    }
    await d.stores.put({ ...row, status: 'installed', installed_at: d.clock.now(), updated_at: d.clock.now() });
    return creds;
  }

  /**
   * Uninstalls: the store stops answering the app's credentials at once, the app gets the
   * `app.uninstalled` webhook (retried like any other) and the signed `uninstalled` call.
   */
  async function uninstallStore(storeId: string): Promise<{ lifecycle: DeliveryResult; webhookId: string | null }> {
    const store = await d.stores.get(storeId);
    if (!store) throw new AppError('UnknownStore', `No store ${storeId}`, { status: 404 });
    await d.stores.setStatus(storeId, 'uninstalled', d.clock.now());
    await d.tokens.revokeStore(storeId);
    const webhookId = await d.sender.enqueue(storeId, 'app.uninstalled', { storeId });
    if (webhookId) await d.sender.deliverNow(webhookId);
    const lifecycle = await call(storeId, 'app.uninstalled', d.paths.uninstalled, { storeId });
    return { lifecycle, webhookId };
  }

  return { installStore, uninstallStore };
}
export type Lifecycle = ReturnType<typeof createLifecycle>;
