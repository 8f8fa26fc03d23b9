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

/** Sage keeps up to four decimals of a unit price. */
const roundPrice = (n: number) => Math.round(n * 10_000) / 10_000;
