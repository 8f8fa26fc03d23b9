import { ClarityError } from './errors';
import { sessionClaims, signHs256 } from './jwt';
import type { StoreRepo } from './stores';
import type { Clock } from '../../core/clock';

export interface SessionUser { userId?: string; email?: string }

/**
 * What Clarity admin hands an embedded frame on request: a JWT signed with the store's
 * clientSecret, valid 60 s at most (contracts/clarity.md §4). The store's admin by default.
 */
export async function issueSessionToken(
  d: { stores: StoreRepo; clock: Clock; apiBaseUrl: string }, storeId: string, user: SessionUser = {}, ttlSec = 60,
): Promise<string> {
  const store = await d.stores.get(storeId);
  if (!store || store.status === 'uninstalled') throw new ClarityError(404, [`The app is not installed in store ${storeId}`]);
  const claims = sessionClaims({
    apiBaseUrl: d.apiBaseUrl, clientId: store.client_id, storeId, nowMs: d.clock.now(), ttlSec,
    userId: user.userId ?? store.admin_user_id, email: user.email ?? store.admin_email,
  });
  return signHs256(claims, store.client_secret);
}
