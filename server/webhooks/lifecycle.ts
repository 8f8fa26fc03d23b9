import type { Clock } from '../core/clock';
import type { SecretBox } from '../core/crypto';
import type { Logger } from '../core/logger';
import type { AppInstalled } from '../connectors/clarity/schemas';
import type { Db } from '../db/client';
import { resetWatermark } from '../db/repos/feed-states.repo';
import { markUninstalled, saveInstallation } from '../db/repos/installations.repo';
import { CLARITY_ORDERS_FEED } from '../sync/order-feed-poll';
import { secretAad, type StoreSecrets } from './store-secrets';

/**
 * Install, reinstall and uninstall (contracts/clarity.md §2). Both are idempotent: the same
 * install applied twice leaves the same row; a repeated uninstall changes nothing more.
 */
export interface LifecycleDeps {
  db: Db;
  box: SecretBox;
  secrets: StoreSecrets;
  clock: Clock;
  log: Logger;
  /** Stops every job of the store at once (the job engine's cancelJobsForStore). */
  cancelStoreJobs(storeId: string): Promise<unknown>;
}

export interface InstallOutcome {
  storeId: string;
  reinstalled: boolean;
}

export interface UninstallOutcome {
  storeId: string;
  /** 'active' when this call uninstalled it, 'uninstalled' for a repeat, null for a store never installed. */
  previousStatus: 'active' | 'uninstalled' | null;
}

export class Lifecycle {
  constructor(private readonly deps: LifecycleDeps) {}

  async install(data: AppInstalled['data'], meta: { via: string; webhookId?: string }): Promise<InstallOutcome> {
    const { db, box, secrets, clock, log } = this.deps;
    const now = clock.now();
    const { previous } = await saveInstallation(db, {
      storeId: data.storeId,
      storeName: data.storeName,
      apiBaseUrl: data.apiBaseUrl.endsWith('/') ? data.apiBaseUrl : `${data.apiBaseUrl}/`,
      clientId: data.clientId,
      clientSecretEnc: box.seal(data.clientSecret, secretAad(data.storeId, 'clientSecret')),
      webhookSecretEnc: box.seal(data.webhookSecret, secretAad(data.storeId, 'webhookSecret')),
      adminUserEmail: data.adminUserEmail ?? null,
    }, now, { actor: 'clarity', detail: { via: meta.via, webhookId: meta.webhookId ?? null, keyId: box.keyId } });
    // Back after an uninstall: poll from the new install on, not through the months it was away
    // (orders of that gap were handled without the app; a backfill is a deliberate choice).
    if (previous?.status === 'uninstalled') {
      await resetWatermark(db, { storeId: data.storeId, feed: CLARITY_ORDERS_FEED }, now);
    }
    secrets.invalidate(data.storeId);
    log.info({ storeId: data.storeId, reinstalled: !!previous }, previous ? 'store reinstalled; secrets rotated' : 'store installed');
    return { storeId: data.storeId, reinstalled: !!previous };
  }

  async uninstall(storeId: string, meta: { via: string; webhookId?: string }): Promise<UninstallOutcome> {
    const { db, secrets, clock, log } = this.deps;
    const previousStatus = await markUninstalled(db, storeId, clock.now(), {
      actor: 'clarity', detail: { via: meta.via, webhookId: meta.webhookId ?? null },
    });
    secrets.invalidate(storeId);
    if (previousStatus === null) return { storeId, previousStatus };
    // Also on a repeat: if a crash came between marking and cancelling, the repeat finishes the job.
    const cancelled = await this.deps.cancelStoreJobs(storeId);
    if (previousStatus === 'active') log.info({ storeId, cancelled }, 'store uninstalled; jobs stopped, secrets erased');
    return { storeId, previousStatus };
  }
}
