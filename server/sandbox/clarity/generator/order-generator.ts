import type { Clock } from '../../../core/clock';
import type { Logger } from '../../../core/logger';
import { prng, type Prng } from '../../catalog/prng';
import type { SandboxDb } from '../db';
import { ClarityError } from '../errors';
import type { OrderService } from '../order-service';
import type { CustomerRepo } from '../repos/customers';
import type { ProductRepo } from '../repos/products';
import { CANCELLED_STATUS, SHIPPED_OR_LATER } from '../statuses';
import type { StoreRepo } from '../stores';
import type { Customer, SalesOrder } from '../types';
import type { WebhookSender } from '../webhooks/sender';
import { buildOrder, type Buyer, type FollowUp } from './build-order';
import { messyPhone } from './mess';
import { applyOverrides, type OrderOverrides } from './overrides';
import { anyContact, guestContacts } from './people';
import { DEFAULT_RATES, type GeneratorRates } from './rates';

export interface GeneratorDeps {
  db: SandboxDb;
  clock: Clock;
  stores: StoreRepo;
  products: ProductRepo;
  customers: CustomerRepo;
  orders: OrderService;
  sender: WebhookSender;
  seed?: number;
  rates?: Partial<GeneratorRates>;
  log?: Logger;
}

/**
 * The storefront's shoppers: orders as messy as real ones, each sent as order.created, some
 * followed later by a status change or a cancellation. Deterministic for a seed: the n-th order
 * is drawn from its own PRNG stream, so the sequence survives a restart.
 */
export function createOrderGenerator(d: GeneratorDeps) {
  const rates: GeneratorRates = { ...DEFAULT_RATES, ...d.rates };
  const seed = d.seed ?? 42;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | undefined;

  async function nextStream(): Promise<Prng> {
    const n = await d.db.exclusive(async () => {
      const next = Number((await d.db.getMeta('generator_counter')) ?? 0) + 1;
      await d.db.setMeta('generator_counter', String(next));
      return next;
    });
    return prng(seed * 1_000_003 + n);
  }

  async function storeFor(storeId?: string): Promise<string> {
    const id = storeId ?? (await d.stores.latestInstalled())?.id;
    if (!id) throw new Error('No store is installed to take orders');
    return id;
  }

  async function chooseBuyer(r: Prng, storeId: string, customers: Customer[]): Promise<Buyer> {
    const guests = guestContacts();
    if (!customers.length || r.chance(rates.guest)) return { kind: 'guest', contact: r.pick(guests) };
    if (r.chance(rates.newAccount)) {
      // A guest signs up at checkout: the store creates the account (customer.created) first.
      const g = r.pick(guests);
      const created = await d.db.exclusive(() => d.customers.create(storeId, {
        Email: g.Email1, FirstName: g.FirstName, LastName: g.LastName, Company: g.Address.Company ?? null,
        Phone: g.Phone1 ?? null, Address: g.Address,
      }, d.clock.now()));
      await d.sender.enqueue(storeId, 'customer.created', created);
      return { kind: 'account', customer: created };
    }
    let customer = r.pick(customers);
    // Now and then a returning customer edits their profile before ordering (customer.updated).
    const phone = r.chance(0.03) ? messyPhone(r, customer.Phone) : customer.Phone;
    if (phone !== customer.Phone) {
      customer = await d.customers.save(storeId, { ...customer, Phone: phone }, d.clock.now());
      await d.sender.enqueue(storeId, 'customer.updated', customer);
    }
    return { kind: 'account', customer };
  }

  async function generateOne(overrides?: OrderOverrides, o: { storeId?: string } = {}): Promise<SalesOrder> {
    const storeId = await storeFor(o.storeId);
    const r = await nextStream();
    const [products, customers] = await Promise.all([d.products.all(storeId), d.customers.all(storeId)]);
    if (!products.some((p) => p.Active)) throw new ClarityError(409, [`Store ${storeId} has no active products to order`]);
    const buyer = await chooseBuyer(r, storeId, customers);
    const built = buildOrder(r, { products, buyer, elsewhere: anyContact(r), rates });
    const draft = overrides ? applyOverrides(built.draft, overrides, new Map(products.map((p) => [p.Sku, p]))) : built.draft;
    const order = await d.orders.create(storeId, draft);
    // A caller that pinned the order gets exactly it, without a surprise status change later.
    if (built.followUp && !overrides) await scheduleFollowUp(order, built.followUp);
    return order;
  }

  async function scheduleFollowUp(order: SalesOrder, f: FollowUp) {
    await d.db.run('INSERT OR REPLACE INTO generator_followups (order_id, action, status_key, due_at) VALUES (?, ?, ?, ?)',
      [order.ID, f.action, f.statusKey, d.clock.now() + f.afterMs]);
  }

  /** Applies the follow-ups now due; an order already shipped or voided is left alone. */
  async function processFollowUps(now = d.clock.now()): Promise<number> {
    const due = await d.db.all<{ order_id: number; action: string; status_key: string; store_id: string }>(
      `SELECT f.order_id, f.action, f.status_key, o.store_id FROM generator_followups f JOIN orders o ON o.id = f.order_id
       WHERE f.due_at <= ? ORDER BY f.due_at`, [now]);
    let applied = 0;
    for (const f of due) {
      await d.db.run('DELETE FROM generator_followups WHERE order_id = ? AND action = ?', [f.order_id, f.action]);
      const current = await d.orders.load(f.store_id, Number(f.order_id)).catch(() => undefined);
      if (!current || current.StatusKey === CANCELLED_STATUS || SHIPPED_OR_LATER.has(current.StatusKey)) continue;
      await d.orders.setStatus(f.store_id, current.ID, f.status_key);
      applied++;
    }
    return applied;
  }

  function tick(ratePerSec: number, owed: { n: number; at: number }, storeId?: string) {
    if (current) return;
    current = (async () => {
      // Owed orders follow the clock, so a slow tick is caught up by the next one.
      const now = d.clock.now();
      owed.n = Math.min(owed.n + (ratePerSec * (now - owed.at)) / 1000, ratePerSec * 5 + 1);
      owed.at = now;
      for (; owed.n >= 1 && timer; owed.n--) await generateOne(undefined, { storeId });
      await processFollowUps();
    })()
      .catch((err) => d.log?.warn({ err }, 'order generator tick failed'))
      .finally(() => (current = undefined));
  }

  return {
    generateOne,
    processFollowUps,
    /** Generates orders at `ratePerSec` (0 stops it) and applies follow-ups as they fall due. */
    start(o: { ratePerSec: number; storeId?: string }) {
      this.stop();
      if (!(o.ratePerSec > 0)) return;
      const intervalMs = Math.max(50, Math.min(1000, 1000 / o.ratePerSec));
      const owed = { n: 1, at: d.clock.now() };
      timer = setInterval(() => tick(o.ratePerSec, owed, o.storeId), intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
    get running() {
      return timer !== undefined;
    },
    /** Resolves once the tick in progress (if any) has finished. */
    async idle() {
      await current;
    },
  };
}
export type OrderGenerator = ReturnType<typeof createOrderGenerator>;
