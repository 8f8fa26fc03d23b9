import { prng } from './prng';

/**
 * The shared demo catalog: one list of products that both sandboxes seed from, as a real
 * merchant's store and ERP would share it. Most Clarity SKUs equal the Sage ItemCode; every
 * seventh differs (the store renamed it) and Sage knows the SKU as an alias of the item.
 */
export interface CatalogItem {
  itemCode: string;
  /** The SKU the Clarity store sells it under. */
  sku: string;
  description: string;
  productLine: string;
  priceCents: number;
  inactive: boolean;
  /** Warehouses that stock it, with quantity on hand in each. */
  stock: Array<{ warehouseCode: string; onHand: number; onPurchaseOrder: number }>;
}

export const PRODUCT_LINES = [
  { code: 'FAST', name: 'Fasteners', nouns: ['Hex Bolt', 'Lag Screw', 'Wing Nut', 'Flat Washer', 'Anchor Kit'], price: [49, 1899] },
  { code: 'PLMB', name: 'Plumbing', nouns: ['Ball Valve', 'PEX Elbow', 'Shutoff Valve', 'Drain Trap', 'Hose Bibb'], price: [299, 8999] },
  { code: 'ELEC', name: 'Electrical', nouns: ['Wire Nut', 'GFCI Outlet', 'Junction Box', 'Breaker', 'Conduit Strap'], price: [99, 12999] },
  { code: 'TOOL', name: 'Hand Tools', nouns: ['Claw Hammer', 'Tape Measure', 'Utility Knife', 'Pliers Set', 'Level'], price: [599, 15999] },
  { code: 'SAFE', name: 'Safety', nouns: ['Work Gloves', 'Safety Glasses', 'Ear Plugs', 'Hard Hat', 'Hi-Vis Vest'], price: [199, 4999] },
  { code: 'JANI', name: 'Janitorial', nouns: ['Mop Head', 'Trash Liner', 'Floor Cleaner', 'Paper Towel', 'Spray Bottle'], price: [149, 6999] },
] as const;

export const WAREHOUSES = [
  { code: '000', name: 'Central Warehouse' },
  { code: 'EST', name: 'East Distribution' },
  { code: 'WST', name: 'West Distribution' },
] as const;

const VARIANTS = ['BLK', 'WHT', 'SS', 'ZN', 'BRS', 'GRY', 'RED', 'BLU', 'LG', 'SM', 'XL', 'PK10', 'PK50'];
const SIZES = ['1/4 in', '3/8 in', '1/2 in', '3/4 in', '1 in', '2 in', '6 ft', '10 ft', 'Medium', 'Large'];

let cached: CatalogItem[] | undefined;

/** 360 items over six product lines; a few inactive; stock spread over three warehouses. */
export function catalogItems(): CatalogItem[] {
  if (cached) return cached;
  const r = prng(100);
  const items: CatalogItem[] = [];
  PRODUCT_LINES.forEach((line, li) => {
    for (let i = 0; i < 60; i++) {
      const noun = line.nouns[i % line.nouns.length];
      const variant = VARIANTS[(i * 7 + li) % VARIANTS.length];
      const itemCode = `${line.code}-${String(100 + i * 5 + li).padStart(4, '0')}-${variant}`;
      const n = items.length;
      const sku = n % 7 === 3 ? `WEB-${line.code.slice(0, 2)}${String(1000 + n)}` : itemCode;
      const stock = WAREHOUSES.filter((_, wi) => wi === 0 || r.chance(0.5)).map((w) => ({
        warehouseCode: w.code,
        onHand: r.chance(0.08) ? 0 : r.int(0, 400),
        onPurchaseOrder: r.chance(0.3) ? r.int(10, 200) : 0,
      }));
      items.push({
        itemCode,
        sku,
        description: `${noun} ${SIZES[(i + li) % SIZES.length]} ${variant}`.slice(0, 30),
        productLine: line.code,
        priceCents: r.int(line.price[0], line.price[1]),
        inactive: n % 41 === 17,
        stock,
      });
    }
  });
  cached = items;
  return items;
}
