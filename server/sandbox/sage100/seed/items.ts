import type { InStatement } from '@libsql/client';
import { catalogItems } from '../../catalog/index';
import type { SageStamp } from '../sage-time';
import { insertMany } from './insert-many';

/** Charge, miscellaneous and comment codes every Sage company has ("/" codes). */
export const MISC_ITEMS = [
  { ItemCode: '/FREIGHT', ItemCodeDesc: 'Freight', ItemType: 3, TaxClass: 'NT' },
  { ItemCode: '/HANDLING', ItemCodeDesc: 'Handling charge', ItemType: 3, TaxClass: 'TX' },
  { ItemCode: '/RESTOCK', ItemCodeDesc: 'Restocking fee', ItemType: 3, TaxClass: 'TX' },
  { ItemCode: '/FEE', ItemCodeDesc: 'Web order fee', ItemType: 3, TaxClass: 'NT' },
  { ItemCode: '/TAX', ItemCodeDesc: 'Sales tax collected online', ItemType: 3, TaxClass: 'NT' },
  { ItemCode: '/MISC', ItemCodeDesc: 'Miscellaneous item', ItemType: 5, TaxClass: 'TX' },
  { ItemCode: '/DISCOUNT', ItemCodeDesc: 'Discount', ItemType: 5, TaxClass: 'NT' },
  { ItemCode: '/GIFTCARD', ItemCodeDesc: 'Gift card redemption', ItemType: 5, TaxClass: 'NT' },
  { ItemCode: '/C', ItemCodeDesc: 'Comment', ItemType: 4, TaxClass: 'NT' },
] as const;

/**
 * Items, their warehouses and aliases from the shared catalog. SKUs the store renamed become
 * general aliases (Type G) of the item; a few items also carry a vendor part number (Type V).
 */
export function itemStatements(company: string, s: SageStamp): InStatement[] {
  const items = catalogItems();
  const itemRows = items.map((it, n) => [
    company, it.itemCode, it.description, 1, it.productLine, it.priceCents / 100, 'EACH', it.inactive ? 'Y' : 'N',
    n % 23 === 11 ? 'NT' : 'TX', it.stock.reduce((sum, w) => sum + w.onHand, 0), s.DateUpdated, s.TimeK,
  ]);
  const miscRows = MISC_ITEMS.map((m) => [company, m.ItemCode, m.ItemCodeDesc, m.ItemType, 'MISC', 0, 'EACH', 'N', m.TaxClass, 0, s.DateUpdated, s.TimeK]);
  const stockRows = items.flatMap((it) => it.stock.map((w) => [
    company, it.itemCode, w.warehouseCode, w.onHand, 0, 0, w.onPurchaseOrder, s.DateUpdated, s.TimeK,
  ]));
  const aliasRows = items.flatMap((it, n) => [
    ...(it.sku !== it.itemCode ? [[company, it.sku, it.itemCode, 'G']] : []),
    ...(n % 11 === 0 ? [[company, `V${it.productLine}-${String(70000 + n * 13)}`, it.itemCode, 'V']] : []),
  ]);
  return [
    ...insertMany('ci_item', ['Company', 'ItemCode', 'ItemCodeDesc', 'ItemType', 'ProductLine', 'StandardUnitPrice',
      'StandardUnitOfMeasure', 'InactiveItem', 'TaxClass', 'TotalQuantityOnHand', 'DateUpdated', 'TimeK'], [...itemRows, ...miscRows]),
    ...insertMany('im_itemwarehouse', ['Company', 'ItemCode', 'WarehouseCode', 'QuantityOnHand', 'QuantityOnSalesOrder',
      'QuantityOnBackOrder', 'QuantityOnPurchaseOrder', 'DateUpdated', 'TimeK'], stockRows),
    ...insertMany('im_aliasitem', ['Company', 'AliasItemNo', 'ItemCode', 'Type'], aliasRows),
  ];
}
