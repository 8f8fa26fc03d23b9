import type { Clock } from '../../core/clock';
import type { Db } from '../../db/client';
import type { HandlerMap } from '../../queue/types';
import type { SageGateways } from '../sage-gateway';
import { createCustomerSyncHandler, CUSTOMER_SYNC_JOB } from './customer-sync';

export { CUSTOMER_SYNC_JOB } from './customer-sync';

/** The customer job handlers, for the worker's handler map. */
export function customerHandlers(deps: { db: Db; clock: Clock; gateways: SageGateways }): HandlerMap {
  return { [CUSTOMER_SYNC_JOB]: createCustomerSyncHandler(deps) };
}
