import { clarityOrders } from '../../../connectors/clarity/orders';
import { sage100ClientOver } from '../../../connectors/sage100/client';
import { ItemCache } from '../../order/item-cache';
import { resolveItems, type ResolvedItem } from '../../order/resolve-items';
import type { FeedContext } from '../context';

/**
 * Which SKU on a Clarity order a Sage item was sold as. The order's own SKUs are resolved to item
 * codes the way the order was resolved when it went to Sage (SKU overrides, Sage aliases, the SKU
 * as the code), so an item sold under an alias ships under that alias. Answers are kept for the
 * run: one poll often carries several invoices of one order.
 */
export function orderSkuResolver(ctx: FeedContext) {
  const cache = new ItemCache<ResolvedItem>(ctx.clock, 10 * 60_000);
  const perOrder = new Map<string, (itemCode: string) => string | null>();
  const sage = sage100ClientOver(ctx.sage);
  return {
    async forOrder(clarityOrderId: string): Promise<(itemCode: string) => string | null> {
      const hit = perOrder.get(clarityOrderId);
      if (hit) return hit;
      const order = await clarityOrders(ctx.clarity).getOrder(clarityOrderId);
      const lines = ((order as { SalesItems?: Array<{ Sku?: string | null; ProductKey?: string | null }> }).SalesItems ?? []);
      const skus = [...new Set(lines.map((l) => (l.Sku?.trim() || l.ProductKey?.trim() || '')).filter(Boolean))];
      const resolved = await resolveItems(sage, skus, ctx.config, { cache, scope: ctx.storeId });
      const byItem = new Map<string, string>();
      for (const sku of skus) {
        const code = resolved.items[sku]?.itemCode;
        if (code && !byItem.has(code.toUpperCase())) byItem.set(code.toUpperCase(), sku);
      }
      const bySku = new Map(skus.map((s) => [s.toUpperCase(), s]));
      const fn = (itemCode: string) => byItem.get(itemCode.toUpperCase()) ?? bySku.get(itemCode.toUpperCase()) ?? null;
      perOrder.set(clarityOrderId, fn);
      return fn;
    },
  };
}
