import type { MappingConfig } from './config';

/**
 * The pure part of SKU → ItemCode: the merchant's explicit map, which wins over everything Sage
 * knows. (Sage's alias table and the same-code check need Sage and live in the order flow.)
 * A SKU matches exactly first, then ignoring case and surrounding spaces, because stores are
 * inconsistent about case and Sage item codes are upper case anyway.
 */
export function skuOverride(config: MappingConfig, sku: string): string | undefined {
  const map = config.skuOverrides;
  if (Object.hasOwn(map, sku)) return map[sku];
  const want = sku.trim().toUpperCase();
  const key = Object.keys(map).find((k) => k.trim().toUpperCase() === want);
  return key === undefined ? undefined : map[key];
}

/** Which warehouse a line ships from: the first matching rule, else the default. */
export function warehouseFor(config: MappingConfig, sku: string, itemCode: string): string {
  const rule = config.warehouse.rules.find(
    (r) => (!r.skuPrefix || sku.toUpperCase().startsWith(r.skuPrefix.toUpperCase()))
      && (!r.itemCodePrefix || itemCode.toUpperCase().startsWith(r.itemCodePrefix.toUpperCase())),
  );
  return rule?.warehouseCode ?? config.warehouse.defaultCode;
}
