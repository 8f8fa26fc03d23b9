import type { Hono } from 'hono';
import { systemClock, type Clock } from '../../core/clock';
import type { Logger } from '../../core/logger';
import { createFaultController, type FaultController } from '../faults';
import { createSandboxApp } from './app';
import { createContext, type SandboxContext } from './context';
import { openSandboxDb, type SandboxDb } from './db';
import type { GeneratorRates } from './generator/rates';
import type { OrderGenerator } from './generator/order-generator';
import type { OrderOverrides } from './generator/overrides';
import type { StoreCredentials } from './lifecycle';
import type { RateLimitSettings } from './rate-limit';
import { issueSessionToken, type SessionUser } from './session';
import { DEFAULT_ORDER_STATUSES } from './statuses';
import type { SalesOrder } from './types';
import type { WebhookSender } from './webhooks/sender';

export type { StoreCredentials } from './lifecycle';
export type { OrderOverrides } from './generator/overrides';
export type { SalesOrder, Product, Customer, Shipment, Paged } from './types';
export { DEFAULT_RETRY_SCHEDULE } from './webhooks/sender';
export { DEFAULT_ORDER_STATUSES } from './statuses';

export interface ClaritySandboxOptions {
  dbUrl: string;
  /** The sandbox's own base URL ending in "/", e.g. http://localhost:8787/sandbox/clarity/; becomes apiBaseUrl. */
  publicUrl: string;
  /** The app's base URL; lifecycle and webhook paths from the manifest are appended to it. */
  appUrl: string;
  manifest: { lifecycle: { installed: string; uninstalled: string }; webhooks: { path: string; topics: string[] }; scopes?: string[] };
  /** The listing's app secret (whsec_...), which signs lifecycle calls. */
  appSecret: string;
  clock?: Clock;
  faults?: FaultController;
  /** Fill new stores with the catalog, customers and past orders (default true). */
  seed?: boolean;
  webhookRetrySchedule?: number[];
  /** How long the sender waits for an answer (default 5000 ms, the contract's). */
  webhookTimeoutMs?: number;
  /** OAuth access token lifetime (default 3600 s). */
  tokenLifetimeSec?: number;
  /** The built-in per-store API limit; off unless enabled here or through /_admin/rate-limit. */
  rateLimit?: Partial<RateLimitSettings>;
  /** Extra order statuses this site added to the defaults. */
  extraStatuses?: string[];
  generatorSeed?: number;
  generatorRates?: Partial<GeneratorRates>;
  log?: Logger;
}

export interface ClaritySandbox {
  app: Hono;
  db: SandboxDb;
  faults: FaultController;
  apiBaseUrl: string;
  installStore(o?: { storeId?: string; storeName?: string; adminUserEmail?: string }): Promise<StoreCredentials>;
  uninstallStore(storeId: string): ReturnType<SandboxContext['lifecycle']['uninstallStore']>;
  sender: WebhookSender;
  generator: OrderGenerator;
  /** Places an order in the store (the latest installed unless storeId is given); sends order.created. */
  createOrder(partial?: OrderOverrides, o?: { storeId?: string }): Promise<SalesOrder>;
  /** Changes an order's status as a store clerk would; sends order.updated or order.cancelled. */
  updateOrderStatus(orderId: number, statusKey: string, o?: { storeId?: string }): Promise<SalesOrder>;
  issueSessionToken(storeId: string, user?: SessionUser, ttlSec?: number): Promise<string>;
  /** Shared internals, for tests and the demo's admin pages. */
  context: SandboxContext;
  close(): Promise<void>;
}

/** Clarity eCommerce as the connector meets it: a stand-in that keeps its state in its own libSQL file. */
export async function createClaritySandbox(opts: ClaritySandboxOptions): Promise<ClaritySandbox> {
  const clock = opts.clock ?? systemClock;
  const db = await openSandboxDb(opts.dbUrl);
  const faults = opts.faults ?? createFaultController({}, { clock });
  const apiBaseUrl = opts.publicUrl.endsWith('/') ? opts.publicUrl : `${opts.publicUrl}/`;
  const ctx = createContext({
    db, clock, faults, apiBaseUrl, appUrl: opts.appUrl.replace(/\/$/, ''), manifest: opts.manifest, appSecret: opts.appSecret,
    seed: opts.seed ?? true, webhookRetrySchedule: opts.webhookRetrySchedule, webhookTimeoutMs: opts.webhookTimeoutMs,
    tokenLifetimeSec: opts.tokenLifetimeSec ?? 3600, rateLimit: opts.rateLimit,
    statuses: [...DEFAULT_ORDER_STATUSES, ...(opts.extraStatuses ?? [])],
    generatorSeed: opts.generatorSeed, generatorRates: opts.generatorRates, log: opts.log,
  });
  let closed = false;
  return {
    app: createSandboxApp(ctx),
    db, faults, apiBaseUrl,
    installStore: (o) => ctx.lifecycle.installStore(o),
    uninstallStore: (storeId) => ctx.lifecycle.uninstallStore(storeId),
    sender: ctx.sender,
    generator: ctx.generator,
    createOrder: (partial = {}, o = {}) => ctx.generator.generateOne(partial, o),
    updateOrderStatus: async (orderId, statusKey, o = {}) => ctx.orders.setStatus(await ctx.resolveStore(o.storeId), orderId, statusKey),
    issueSessionToken: (storeId, user, ttlSec) => issueSessionToken(ctx, storeId, user, ttlSec),
    context: ctx,
    async close() {
      if (closed) return;
      closed = true;
      ctx.generator.stop();
      ctx.sender.stop();
      faults.abortHeld();
      await Promise.all([ctx.generator.idle(), ctx.sender.idle()]);
      db.close();
    },
  };
}
