import type { SageHttp } from './http';
import { aliasItemSchema, itemSchema, itemWarehouseSchema, pageOf, type SageAliasItem, type SageItemWarehouse } from './schemas';
import { sageCall, sageGetOrNull, seg } from './call';

const aliasPage = pageOf(aliasItemSchema);
const itemWarehousePage = pageOf(itemWarehouseSchema);

export function sageItems(http: SageHttp) {
  return {
    get: (itemCode: string) => sageGetOrNull(http, itemSchema, `/CI/Item/${seg(itemCode)}`),

    async findAlias(aliasItemNo: string): Promise<SageAliasItem[]> {
      const page = await sageCall(http, aliasPage, '/IM/AliasItem', { query: { AliasItemNo: aliasItemNo } });
      return page.Results.filter((a) => a.AliasItemNo.toUpperCase() === aliasItemNo.toUpperCase());
    },

    /** The stock row of one item in one warehouse (null: the item is not stocked there). */
    async warehouseStock(itemCode: string, warehouseCode: string): Promise<SageItemWarehouse | null> {
      const page = await sageCall(http, itemWarehousePage, '/IM/ItemWarehouse', {
        query: { ItemCode: itemCode, WarehouseCode: warehouseCode },
      });
      return page.Results.find((r) => r.ItemCode === itemCode && r.WarehouseCode === warehouseCode) ?? null;
    },
  };
}
export type SageItems = ReturnType<typeof sageItems>;


/**
 * Sage's availability of a stock row: on hand − on sales order − on back order, optionally + on
 * purchase order (contracts/sage100.md). The feeds push this figure; the order flow applies the
 * same definition through the mapping's stock rule.
 */
export function availableQuantity(row: SageItemWarehouse, includePurchaseOrders = false): number {
  const base = row.QuantityOnHand - row.QuantityOnSalesOrder - row.QuantityOnBackOrder;
  return includePurchaseOrders ? base + row.QuantityOnPurchaseOrder : base;
}
