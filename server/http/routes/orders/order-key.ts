/**
 * The ordering key intake gives an order's jobs (server/webhooks/topics.ts: `order:<store>:<ID>`),
 * which is how the panel finds an order's jobs. Kept in one place so that if intake's naming
 * changes, one line follows it.
 */
export const orderJobKey = (storeId: string, orderId: string) => `order:${storeId}:${orderId}`;
