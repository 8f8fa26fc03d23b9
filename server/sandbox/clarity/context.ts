import type { Clock } from '../../core/clock';
import type { Logger } from '../../core/logger';
import type { FaultController } from '../faults';
import type { SandboxDb } from './db';
import { ClarityError } from './errors';
import { createOrderGenerator, type OrderGenerator } from './generator/order-generator';
import type { GeneratorRates } from './generator/rates';
import { createLifecycle, type Lifecycle } from './lifecycle';
import { createOrderService, type OrderService } from './order-service';
import { createRateLimiter, type RateLimiter, type RateLimitSettings } from './rate-limit';
import { createCustomerRepo, type CustomerRepo } from './repos/customers';
import { createInventoryRepo, type InventoryRepo } from './repos/inventory';
import { createOrderRepo, type OrderRepo } from './repos/orders';
import { createProductRepo, type ProductRepo } from './repos/products';
import { createShipmentRepo, type ShipmentRepo } from './repos/shipments';
import { seedStore } from './seed';
import { createShipmentService, type ShipmentService } from './shipment-service';
import { DEFAULT_ORDER_STATUSES } from './statuses';
import { createStoreRepo, type StoreRepo } from './stores';
import { createTokenRepo, type TokenRepo } from './tokens';
import { createEventRepo, type EventRepo } from './webhooks/events-repo';
import { createWebhookSender, type WebhookSender } from './webhooks/sender';

export interface ContextOptions {
  db: SandboxDb;
  clock: Clock;
  faults: FaultController;
  apiBaseUrl: string;
  appUrl: string;
  manifest: { lifecycle: { installed: string; uninstalled: string }; webhooks: { path: string; topics: string[] }; scopes?: string[] };
  appSecret: string;
  seed: boolean;
  webhookRetrySchedule?: number[];
  webhookTimeoutMs?: number;
  tokenLifetimeSec: number;
  rateLimit?: Partial<RateLimitSettings>;
  statuses?: string[];
  generatorSeed?: number;
  generatorRates?: Partial<GeneratorRates>;
  log?: Logger;
}

/** Everything the sandbox's routes and its public API share, wired once. */
export interface SandboxContext {
  db: SandboxDb;
  clock: Clock;
  faults: FaultController;
  apiBaseUrl: string;
  allScopes: string[];
  settings: { tokenLifetimeSec: number };
  stores: StoreRepo;
  tokens: TokenRepo;
  products: ProductRepo;
  customers: CustomerRepo;
  orderRepo: OrderRepo;
  shipmentRepo: ShipmentRepo;
  inventory: InventoryRepo;
  events: EventRepo;
  sender: WebhookSender;
  orders: OrderService;
  shipments: ShipmentService;
  lifecycle: Lifecycle;
  generator: OrderGenerator;
  rateLimiter: RateLimiter;
  /** The store an unqualified admin or demo action applies to. */
  resolveStore(storeId?: string): Promise<string>;
}

export const ALL_SCOPES = ['orders:read', 'orders:write', 'shipments:write', 'inventory:write', 'products:read', 'products:write', 'customers:read'];

export function createContext(o: ContextOptions): SandboxContext {
  const { db, clock } = o;
  const stores = createStoreRepo(db);
  const tokens = createTokenRepo(db);
  const products = createProductRepo(db);
  const customers = createCustomerRepo(db);
  const orderRepo = createOrderRepo(db);
  const shipmentRepo = createShipmentRepo(db);
  const events = createEventRepo(db);
  const sender = createWebhookSender({
    events, stores, clock, url: `${o.appUrl}${o.manifest.webhooks.path}`, topics: o.manifest.webhooks.topics,
    schedule: o.webhookRetrySchedule, timeoutMs: o.webhookTimeoutMs, log: o.log,
  });
  const orders = createOrderService({ db, orders: orderRepo, sender, clock, statuses: o.statuses ?? [...DEFAULT_ORDER_STATUSES] });
  const lifecycle = createLifecycle({
    stores, tokens, events, sender, clock, apiBaseUrl: o.apiBaseUrl, appUrl: o.appUrl, paths: o.manifest.lifecycle,
    appSecret: o.appSecret,
    seedStore: async (storeId) => { if (o.seed) await seedStore({ db, clock, products, customers, orders: orderRepo }, storeId); },
  });
  return {
    db, clock, faults: o.faults, apiBaseUrl: o.apiBaseUrl,
    allScopes: o.manifest.scopes ?? ALL_SCOPES,
    settings: { tokenLifetimeSec: o.tokenLifetimeSec },
    stores, tokens, products, customers, orderRepo, shipmentRepo, inventory: createInventoryRepo(db), events, sender, orders,
    shipments: createShipmentService({ db, shipments: shipmentRepo, orders, clock }),
    lifecycle,
    generator: createOrderGenerator({ db, clock, stores, products, customers, orders, sender, seed: o.generatorSeed, rates: o.generatorRates, log: o.log }),
    rateLimiter: createRateLimiter(clock, o.rateLimit),
    async resolveStore(storeId) {
      const id = storeId || (await stores.latestInstalled())?.id;
      if (!id || !(await stores.get(id))) throw new ClarityError(404, [storeId ? `No store ${storeId}` : 'No store is installed']);
      return id;
    },
  };
}
