import { createSageHttp, type SageGatewayConfig, type SageHttp } from './http';
import { observeSageHttp, readOnlySageHttp, type SageCallObserver } from './call';
import { sageOrders } from './orders';
import { sageCustomers } from './customers';
import { sageItems } from './items';
import { sageLookups } from './lookups';

/** The typed Sage 100 gateway client: one object per area, all over one transport. */
export interface Sage100Client {
  orders: ReturnType<typeof sageOrders>;
  customers: ReturnType<typeof sageCustomers>;
  items: ReturnType<typeof sageItems>;
  lookups: ReturnType<typeof sageLookups>;
  /** The same client, reporting every call to an observer (the order timeline, call counts). */
  observed(observer: SageCallObserver): Sage100Client;
  /** The same client, refusing every write before it leaves (previews must not change Sage). */
  readOnly(): Sage100Client;
}

export function sage100ClientOver(http: SageHttp): Sage100Client {
  return {
    orders: sageOrders(http),
    customers: sageCustomers(http),
    items: sageItems(http),
    lookups: sageLookups(http),
    observed: (observer) => sage100ClientOver(observeSageHttp(http, observer)),
    readOnly: () => sage100ClientOver(readOnlySageHttp(http)),
  };
}

export function createSage100Client(cfg: SageGatewayConfig, fetchImpl?: typeof fetch): Sage100Client {
  return sage100ClientOver(createSageHttp(cfg, fetchImpl));
}

export type { SageCall, SageCallObserver } from './call';
export type { SageGatewayConfig } from './http';
