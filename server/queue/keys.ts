/**
 * Names for ordering keys and targets, in one place, so every producer (intake, poll, resend,
 * the panel's lookups) names the same thing the same way.
 *
 * Writes are limited per store: a store normally has a Sage company of its own, and the store is
 * known at intake without resolving its gateway. (Two stores sharing one company would each get
 * the limit; see the README.)
 */
export const orderKey = (storeId: string, clarityOrderId: string) => `order:${storeId}:${clarityOrderId}`;
export const customerKey = (storeId: string, clarityCustomerId: string) => `customer:${storeId}:${clarityCustomerId}`;
export const productKey = (storeId: string, sku: string) => `product:${storeId}:${sku}`;

/** Writes to one store's Sage company; limited by targetLimits['sage-write']. */
export const sageWriteTarget = (storeId: string) => `sage-write:${storeId}`;
