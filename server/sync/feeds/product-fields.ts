import { stableHash } from '../../core/hash';
import type { ClarityProduct, ProductPatch } from '../../connectors/clarity/fulfillment';
import type { SageItemRow } from '../../connectors/sage100/feeds';
import type { FeedSettings } from '../../mapping/feed-settings';

/**
 * The product fields the connector owns (settings.items says which side owns each), from Sage's
 * item and from the store's product, in one shape: their stable hashes compare equal exactly when
 * the store already shows what Sage has, so nothing needs pushing.
 */
export type ItemSettings = FeedSettings['items'];

export function productPatch(item: SageItemRow, s: ItemSettings): ProductPatch {
  const patch: ProductPatch = {};
  if (s.description === 'sage' && item.ItemCodeDesc != null) patch[s.descriptionField] = item.ItemCodeDesc.trim();
  if (s.price === 'sage' && item.StandardUnitPrice != null) patch.PriceBase = roundPrice(Number(item.StandardUnitPrice));
  if (s.active === 'sage') patch.Active = item.InactiveItem !== 'Y';
  return patch;
}

/** The same fields as the store has them now. */
export function currentFields(p: ClarityProduct, s: ItemSettings): ProductPatch {
  const out: ProductPatch = {};
  const text = p[s.descriptionField];
  if (s.description === 'sage' && text != null) out[s.descriptionField] = text.trim();
  if (s.price === 'sage' && p.PriceBase != null) out.PriceBase = roundPrice(Number(p.PriceBase));
  if (s.active === 'sage' && p.Active != null) out.Active = p.Active;
  return out;
}

export const fieldsHash = (fields: ProductPatch) => stableHash(fields);

export type ProductField = keyof ProductPatch;

/** One field the store shows differently from Sage, which owns it. */
export interface FieldDrift {
  field: ProductField;
  store: string | number | boolean | null;
  sage: string | number | boolean;
}

/**
 * The Sage-owned fields where the store differs from Sage: `sage` from productPatch, `store`
 * from currentFields (the same normalisation, so a trailing space or a price written with more
 * decimals than Sage keeps is no difference).
 */
export function fieldDrift(sage: ProductPatch, store: ProductPatch): FieldDrift[] {
  return (Object.keys(sage) as ProductField[])
    .filter((f) => sage[f] !== store[f])
    .map((f) => ({ field: f, store: store[f] ?? null, sage: sage[f]! }));
}

/** The patch that puts the drifted fields back to Sage's values (and touches nothing else). */
export const driftPatch = (drift: FieldDrift[]): ProductPatch => Object.fromEntries(drift.map((d) => [d.field, d.sage]));

/** The product fields Sage owns by these settings; the store owns the rest. */
export function sageOwnedFields(s: ItemSettings): ProductField[] {
  const out: ProductField[] = [];
  if (s.description === 'sage') out.push(s.descriptionField);
  if (s.price === 'sage') out.push('PriceBase');
  if (s.active === 'sage') out.push('Active');
  return out;
}

const PRODUCT_FIELDS: ProductField[] = ['Name', 'Description', 'PriceBase', 'Active'];

/** The product fields the store owns by these settings: its edits of them are its own business. */
export function storeOwnedFields(s: ItemSettings): ProductField[] {
  const sage = sageOwnedFields(s);
  return PRODUCT_FIELDS.filter((f) => !sage.includes(f));
}

/** Sage keeps up to four decimals of a unit price. */
const roundPrice = (n: number) => Math.round(n * 10_000) / 10_000;
