import { sqliteTable, text, integer } from 'drizzle-orm/sqlite-core';

/** One row per Clarity store that installed the app. Secrets are AES-256-GCM ciphertext. */
export const installations = sqliteTable('installations', {
  storeId: text('store_id').primaryKey(),
  storeName: text('store_name').notNull(),
  apiBaseUrl: text('api_base_url').notNull(),
  clientId: text('client_id').notNull(),
  clientSecretEnc: text('client_secret_enc'),
  webhookSecretEnc: text('webhook_secret_enc'),
  /** An API key issued by the store, as an alternative to OAuth client credentials. */
  apiKeyEnc: text('api_key_enc'),
  adminUserEmail: text('admin_user_email'),
  status: text('status', { enum: ['active', 'uninstalled'] }).notNull(),
  /** Per-store Sage gateway; null fields fall back to the SAGE100_* environment. */
  sageGatewayUrl: text('sage_gateway_url'),
  sageApiKeyEnc: text('sage_api_key_enc'),
  sageCompany: text('sage_company'),
  installedAt: integer('installed_at').notNull(),
  uninstalledAt: integer('uninstalled_at'),
  updatedAt: integer('updated_at').notNull(),
});

/** Mapping settings, versioned: every save is a new row, the newest is in force. */
export const mappingVersions = sqliteTable('mapping_versions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  storeId: text('store_id').notNull().references(() => installations.storeId),
  version: integer('version').notNull(),
  config: text('config', { mode: 'json' }).notNull(),
  actor: text('actor').notNull(),
  createdAt: integer('created_at').notNull(),
});
