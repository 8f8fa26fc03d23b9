import { catalogItems, PRODUCT_LINES } from '../catalog/items';
import { people } from '../catalog/people';
import { prng } from '../catalog/prng';
import type { Clock } from '../../core/clock';
import type { SandboxDb } from './db';
import { buildOrder } from './generator/build-order';
import { anyContact, customerOfPerson, guestContacts } from './generator/people';
import { DEFAULT_RATES } from './generator/rates';
import type { CustomerRepo } from './repos/customers';
import type { OrderRepo } from './repos/orders';
import type { ProductRepo } from './repos/products';
import type { Product } from './types';

const DAY = 86_400_000;
const PAST_ORDERS = 30;

/**
 * A new store's data, as it was before the app was installed: the shared catalog under the
 * store's SKUs, its customer accounts and a month of past orders. Rows come in groups that share
 * an UpdatedDate, so change feeds meet equal timestamps. No webhooks: nobody was listening yet.
 */
export async function seedStore(d: { db: SandboxDb; clock: Clock; products: ProductRepo; customers: CustomerRepo; orders: OrderRepo }, storeId: string) {
  const now = d.clock.now();
  const start = now - 40 * DAY;
  const products = catalogItems().map((item, i) => {
    const line = PRODUCT_LINES.find((l) => l.code === item.productLine);
    // Some store names run past what Sage's 30-character descriptions hold.
    const name = i % 11 === 5 ? `${item.description} (Contractor Value Pack)` : item.description;
    return {
      ID: 1000 + i, Sku: item.sku, Name: name, PriceBase: item.priceCents / 100, Active: !item.inactive,
      Description: `${item.description}. ${line?.name ?? 'General'} from our ${item.productLine} range.`,
      updatedAt: start + Math.floor(i / 10) * 60_000,
    } satisfies Omit<Product, 'UpdatedDate'> & { updatedAt: number };
  });
  const customers = people().filter((p) => p.clarityId !== undefined).map((p, i) => ({
    ...customerOfPerson(p, p.clarityId!), updatedAt: start + Math.floor(i / 5) * 3_600_000,
  }));
  await d.db.batch([...d.products.insertStatements(storeId, products), ...d.customers.insertStatements(storeId, customers)]);

  const r = prng(7_000 + [...storeId].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 0));
  const stored = await d.products.all(storeId);
  const accounts = await d.customers.all(storeId);
  const rates = { ...DEFAULT_RATES, unknownSku: 0, inactiveItem: 0 };
  const drafts = Array.from({ length: PAST_ORDERS }, (_, i) => {
    const buyer = r.chance(0.25) ? { kind: 'guest' as const, contact: r.pick(guestContacts()) } : { kind: 'account' as const, customer: r.pick(accounts) };
    const { draft } = buildOrder(r, { products: stored, buyer, elsewhere: anyContact(r), rates });
    const age = (PAST_ORDERS - i) * DAY;
    // Old orders have run their course; the last few are still in progress.
    const status = age > 10 * DAY ? 'Completed' : age > 4 * DAY ? 'Shipped' : draft.StatusKey;
    return { draft: { ...draft, StatusKey: status }, createdAt: now - age };
  });
  await d.db.exclusive(() => d.orders.insertMany(storeId, drafts));
}
