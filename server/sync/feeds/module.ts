import type { Clock } from '../../core/clock';
import type { Logger } from '../../core/logger';
import { createClarityHttp, type ClarityAuth, type ClarityHttp } from '../../connectors/clarity/http';
import type { ClarityOrderRecord } from '../../connectors/clarity/schemas';
import type { Db } from '../../db/client';
import { enqueue } from '../../queue/enqueue';
import type { HandlerMap } from '../../queue/types';
import type { Intake } from '../../webhooks/intake';
import { toIntakeItem } from '../order-feed-poll';
import type { SageGateways } from '../sage-gateway';
import type { FeedDeps } from './context';
import { feedHandlers } from './handlers';

/**
 * The feeds' part of the composition root: their dependencies from the app's own pieces (the
 * per-store Sage gateway, the store's Clarity credentials, the webhook intake for backfilled
 * orders) and the job handlers main.ts adds to the worker.
 */
export interface FeedModuleOptions {
  db: Db;
  clock: Clock;
  log: Logger;
  gateways: SageGateways;
  /** The store's Clarity credentials (the intake's store secrets). */
  clarityAuth(storeId: string): Promise<ClarityAuth>;
  intake: Intake;
}

export function createFeedModule(o: FeedModuleOptions): { deps: FeedDeps; handlers: HandlerMap } {
  // One transport per store, kept while its credentials stay the same: OAuth tokens are reused.
  const clarity = new Map<string, { auth: ClarityAuth; http: ClarityHttp }>();
  const deps: FeedDeps = {
    db: o.db, clock: o.clock, log: o.log,
    sageFor: async (storeId) => (await o.gateways.forStore(storeId)).http,
    async clarityFor(storeId) {
      const auth = await o.clarityAuth(storeId);
      const hit = clarity.get(storeId);
      if (hit && hit.auth === auth) return hit.http;
      const http = createClarityHttp(auth);
      clarity.set(storeId, { auth, http });
      return http;
    },
    enqueue: (input) => enqueue(o.db, input, { clock: o.clock }),
  };
  const acceptOrders = async (storeId: string, orders: ClarityOrderRecord[]) => {
    const items = orders.map((order) => toIntakeItem(storeId, order, o.clock.now())).filter((i) => i !== null);
    return (await o.intake.acceptMany(items)).filter((r) => r.stored).length;
  };
  return { deps, handlers: feedHandlers({ ...deps, acceptOrders }) };
}
