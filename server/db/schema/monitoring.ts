import { sqliteTable, text, integer } from 'drizzle-orm/sqlite-core';

/**
 * What the periodic monitor must remember between two checks of a store, whichever process ran
 * the last one: when it last looked (the window of "new" exceptions), since when the store's Sage
 * gateway has been failing its health check, and where the open exceptions alert's window began.
 */
export const monitorStates = sqliteTable('monitor_states', {
  storeId: text('store_id').primaryKey(),
  lastCheckAt: integer('last_check_at'),
  gatewayFailingSince: integer('gateway_failing_since'),
  gatewayError: text('gateway_error'),
  exceptionsSince: integer('exceptions_since'),
  updatedAt: integer('updated_at').notNull(),
});
