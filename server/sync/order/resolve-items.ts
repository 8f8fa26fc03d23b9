import type { Sage100Client } from '../../connectors/sage100/client';
import type { SageItem } from '../../connectors/sage100/schemas';
import type { ResolvedSku } from '../../mapping/build-types';
import type { MappingConfig } from '../../mapping/config';
import { skuOverride } from '../../mapping/sku';
import type { ItemCache } from './item-cache';

/** A SKU Sage knows: found by the explicit map, a Sage alias, or as the same code (never 'misc'). */
export type ResolvedItem = ResolvedSku & { source: 'override' | 'alias' | 'same' };

/** Why a SKU found no item, in words for the hold reason. */
export interface UnresolvedItem {
  sku: string;
  reason: string;
}

export interface ItemResolution {
  items: Record<string, ResolvedItem>;
  unknown: UnresolvedItem[];
}

export interface ResolveItemsOptions {
  cache: ItemCache<ResolvedItem>;
  /** Which gateway the answers belong to (cache scope). */
  scope: string;
  /** Ask Sage even when the cache knows (a retry after someone fixed an item). */
  fresh?: boolean;
}

/**
 * SKU → ItemCode: the mapping's explicit map first, then Sage's alias table, then the SKU as an
 * item code. The alias and same-code lookups go out together (reads are not serialized), so a
 * SKU costs one round trip, or two when the alias points at another item.
 */
export async function resolveItems(
  sage: Sage100Client, skus: string[], config: MappingConfig, opts: ResolveItemsOptions,
): Promise<ItemResolution> {
  const items: Record<string, ResolvedItem> = {};
  const unknown: UnresolvedItem[] = [];
  await Promise.all([...new Set(skus)].map(async (sku) => {
    const cached = opts.fresh ? undefined : opts.cache.get(opts.scope, sku);
    if (cached) {
      items[sku] = cached;
      return;
    }
    const found = await lookUp(sage, sku, config);
    if ('reason' in found) {
      unknown.push(found);
      return;
    }
    opts.cache.set(opts.scope, sku, found);
    items[sku] = found;
  }));
  unknown.sort((a, b) => a.sku.localeCompare(b.sku));
  return { items, unknown };
}

async function lookUp(sage: Sage100Client, sku: string, config: MappingConfig): Promise<ResolvedItem | UnresolvedItem> {
  const override = skuOverride(config, sku);
  if (override) {
    const item = await sage.items.get(override);
    return item ? toResolved(item, 'override')
      : { sku, reason: `the item map sends SKU "${sku}" to item ${override}, which Sage does not have` };
  }
  const code = sku.toUpperCase();
  const canBeCode = code.length <= 30;
  const [aliases, same] = await Promise.all([
    sage.items.findAlias(sku),
    canBeCode ? sage.items.get(code) : Promise.resolve(null),
  ]);
  // Vendor aliases are the vendor's part numbers, not what the store sells: general first, then customer.
  const alias = aliases.find((a) => a.Type === 'G') ?? aliases.find((a) => a.Type !== 'V');
  if (alias) {
    const item = alias.ItemCode === same?.ItemCode ? same : await sage.items.get(alias.ItemCode);
    if (item) return toResolved(item, 'alias');
  }
  if (same) return toResolved(same, 'same');
  return { sku, reason: `SKU "${sku}" is not a Sage item code, an alias in Sage, or in the item map` };
}

function toResolved(item: SageItem, source: ResolvedItem['source']): ResolvedItem {
  return { itemCode: item.ItemCode, description: item.ItemCodeDesc ?? undefined, inactive: item.InactiveItem === 'Y', source };
}
