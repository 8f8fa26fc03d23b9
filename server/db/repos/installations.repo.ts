import { and, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { installations } from '../schema/installations';
import { auditInsert } from './audit.repo';

/**
 * Installations: one row per store that installed the app. Secrets arrive here already sealed
 * (server/core/crypto.ts); this repo never sees them in plain text.
 */
export type Installation = typeof installations.$inferSelect;

export interface InstallationInput {
  storeId: string;
  storeName: string;
  apiBaseUrl: string;
  clientId: string;
  clientSecretEnc: string;
  webhookSecretEnc: string;
  adminUserEmail?: string | null;
}

export interface LifecycleAudit {
  actor: string;
  reason?: string;
  detail?: Record<string, unknown>;
}

export async function getInstallation(db: Db, storeId: string): Promise<Installation | null> {
  const rows = await db.select().from(installations).where(eq(installations.storeId, storeId)).limit(1);
  return rows[0] ?? null;
}

export async function listActiveStoreIds(db: Db): Promise<string[]> {
  const rows = await db.select({ storeId: installations.storeId }).from(installations)
    .where(eq(installations.status, 'active'));
  return rows.map((r) => r.storeId);
}

/**
 * Install or reinstall: the row is inserted, or updated in place so the store's mappings, links
 * and history (all keyed by store id) stay. A reinstall rotates the secrets. The audit row is
 * written in the same transaction, so the trail never misses an install that happened.
 */
export async function saveInstallation(
  db: Db, input: InstallationInput, now: number, audit: LifecycleAudit,
): Promise<{ previous: Installation | null }> {
  const previous = await getInstallation(db, input.storeId);
  const fields = {
    storeName: input.storeName,
    apiBaseUrl: input.apiBaseUrl,
    clientId: input.clientId,
    clientSecretEnc: input.clientSecretEnc,
    webhookSecretEnc: input.webhookSecretEnc,
    adminUserEmail: input.adminUserEmail ?? null,
    status: 'active' as const,
    installedAt: now,
    uninstalledAt: null,
    updatedAt: now,
  };
  await db.batch([
    db.insert(installations).values({ storeId: input.storeId, ...fields })
      .onConflictDoUpdate({ target: installations.storeId, set: fields }),
    auditInsert(db, {
      storeId: input.storeId, at: now, actor: audit.actor, action: previous ? 'app.reinstalled' : 'app.installed',
      subject: `store:${input.storeId}`, reason: audit.reason ?? null,
      detail: { storeName: input.storeName, apiBaseUrl: input.apiBaseUrl, previousStatus: previous?.status ?? null, ...audit.detail },
    }),
  ]);
  return { previous };
}

/**
 * Uninstall: the store stops being active and every secret it had is erased (not just hidden).
 * The event may be delivered more than once: each delivery is audited (a repeat says so), the
 * row changes only once. Returns the status before, or null for a store never installed.
 */
export async function markUninstalled(
  db: Db, storeId: string, now: number, audit: LifecycleAudit,
): Promise<Installation['status'] | null> {
  const current = await getInstallation(db, storeId);
  if (!current) return null;
  await db.batch([
    db.update(installations).set({
      status: 'uninstalled', uninstalledAt: now, updatedAt: now,
      clientSecretEnc: null, webhookSecretEnc: null, apiKeyEnc: null, sageApiKeyEnc: null,
    }).where(and(eq(installations.storeId, storeId), eq(installations.status, 'active'))),
    auditInsert(db, {
      storeId, at: now, actor: audit.actor, action: 'app.uninstalled', subject: `store:${storeId}`,
      reason: audit.reason ?? null,
      detail: { ...audit.detail, ...(current.status === 'uninstalled' ? { repeat: true } : {}) },
    }),
  ]);
  return current.status;
}
