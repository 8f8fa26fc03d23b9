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

    /** Stock rows of some items in one warehouse (one request for the whole order). */
    async warehouseStock(warehouseCode: string, itemCodes: string[]): Promise<SageItemWarehouse[]> {
      if (itemCodes.length === 0) return [];
      const page = await sageCall(http, itemWarehousePage, '/IM/ItemWarehouse', {
        query: { WarehouseCode: warehouseCode, ItemCode: itemCodes.join(','), pageSize: Math.max(itemCodes.length, 1) },
      });
      const wanted = new Set(itemCodes);
      return page.Results.filter((r) => r.WarehouseCode === warehouseCode && wanted.has(r.ItemCode));
    },
  };
}
export type SageItems = ReturnType<typeof sageItems>;

/** Sage's availability: on hand − on sales order − on back order, optionally + on purchase order. */
export function availableQuantity(row: SageItemWarehouse, includePurchaseOrders = false): number {
  const base = row.QuantityOnHand - row.QuantityOnSalesOrder - row.QuantityOnBackOrder;
  return includePurchaseOrders ? base + row.QuantityOnPurchaseOrder : base;
}
