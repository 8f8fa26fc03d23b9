import { AppError } from '../../../core/errors';
import type { Db } from '../../../db/client';
import { listSubjectDeliveries } from '../../../db/repos/deliveries.repo';
import { recentOrders } from '../../../db/repos/panel.repo';
import type { SageGateways } from '../../../sync/sage-gateway';
import { previewStoredOrder } from '../../../sync/order/preview';
import type { Clock } from '../../../core/clock';
import { latestOrderBody } from '../orders/order-panel';

/**
 * The mapping preview: the order flow's dry run of a stored order (the newest one when none is
 * named) with the mapping in force, beside the order as it arrived. Nothing is written anywhere.
 */
export async function mappingPreview(d: { db: Db; gateways: SageGateways; clock: Clock }, storeId: string, orderId?: string) {
  const id = orderId ?? (await recentOrders(d.db, storeId, 1))[0]?.orderId;
  if (!id) throw new AppError('NoOrders', 'No order has reached the connector yet; a preview needs one.', { status: 404 });
  const [latest] = await listSubjectDeliveries(d.db, storeId, 'order', id, 1);
  if (!latest) throw new AppError('OrderNotFound', `Order ${id} has not reached the connector.`, { status: 404 });
  try {
    const preview = await previewStoredOrder({ db: d.db, gateways: d.gateways, clock: d.clock }, storeId, id);
    return { orderId: id, source: latestOrderBody([latest.body]), preview };
  } catch (err) {
    // The preview reads Sage: a missing or unreachable gateway is the merchant's to fix, so say so.
    if (err instanceof AppError && err.status >= 500) {
      throw new AppError(err.code, `The preview could not read Sage: ${err.message}`, { status: err.retryable ? 503 : 409, cause: err });
    }
    throw err;
  }
}
