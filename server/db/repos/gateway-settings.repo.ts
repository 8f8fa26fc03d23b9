import { and, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { installations } from '../schema/installations';
import { auditInsert } from './audit.repo';

/**
 * A store's own Sage gateway settings, changed from the panel. The API key arrives sealed (never
 * in plain text here); the audit row says what changed and never carries the key itself.
 */
export interface GatewaySettingsChange {
  gatewayUrl: string;
  company: string;
  /** undefined: keep the stored key; null: remove it; a string: the new sealed key. */
  apiKeyEnc?: string | null;
}

export async function saveGatewaySettings(
  db: Db, storeId: string, change: GatewaySettingsChange, actor: string, now: number,
): Promise<boolean> {
  const [before] = await db.select({ url: installations.sageGatewayUrl, company: installations.sageCompany, key: installations.sageApiKeyEnc })
    .from(installations).where(and(eq(installations.storeId, storeId), eq(installations.status, 'active'))).limit(1);
  if (!before) return false;
  const apiKey = change.apiKeyEnc === undefined ? 'kept' : change.apiKeyEnc === null ? 'removed' : 'replaced';
  await db.batch([
    db.update(installations).set({
      sageGatewayUrl: change.gatewayUrl,
      sageCompany: change.company,
      ...(change.apiKeyEnc !== undefined ? { sageApiKeyEnc: change.apiKeyEnc } : {}),
      updatedAt: now,
    }).where(eq(installations.storeId, storeId)),
    auditInsert(db, {
      storeId, actor, action: 'settings.gateway.update', subject: `store:${storeId}`, at: now,
      detail: { from: { gatewayUrl: before.url, company: before.company }, to: { gatewayUrl: change.gatewayUrl, company: change.company }, apiKey },
    }),
  ]);
  return true;
}
