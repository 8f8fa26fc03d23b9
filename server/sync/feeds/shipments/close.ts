import { sage100ClientOver } from '../../../connectors/sage100/client';
import type { OrderLink } from '../../../db/repos/order-links.repo';
import type { SageHistoryStatus, SageOrderStatus } from '../../../domain/sage';
import type { FeedContext } from '../context';
import { applySageState, type StatusOutcome } from '../status-apply';

/**
 * Where a Sage order stands now: in the open-order file, or — once invoiced in full and posted,
 * or deleted — only in history (A active, C completed, X deleted). The order's Clarity status
 * follows (status-apply.ts): Completed when Sage closed it, if the status map says so.
 */
export async function checkOrderClosed(ctx: FeedContext, link: OrderLink): Promise<StatusOutcome | 'unknown'> {
  if (!link.salesOrderNo) return 'unknown';
  const sage = sage100ClientOver(ctx.sage);
  const open = await sage.orders.get(link.salesOrderNo);
  if (open) return applySageState(ctx, link, { file: 'open', OrderStatus: open.OrderStatus as SageOrderStatus }, 'sales-order');
  const history = await sage.orders.history(link.salesOrderNo);
  if (!history) return 'unknown';
  return applySageState(ctx, link, { file: 'history', OrderStatus: history.OrderStatus as SageHistoryStatus }, 'sales-order-history');
}
