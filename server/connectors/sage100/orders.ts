import type { SageSalesOrderInput } from '../../domain/sage';
import type { SageHttp } from './http';
import { pageOf, salesOrderHistorySchema, salesOrderRefSchema, salesOrderSchema, type SageSalesOrderRef } from './schemas';
import { sageCall, sageGetOrNull, seg } from './call';

/** A sales order to create: the domain's SageSalesOrderInput (POST /SO/SalesOrder). */
export type SalesOrderInput = SageSalesOrderInput;

/** Fields the gateway lets us change on an existing order: status, comment and the ship-to fields. */
export type SalesOrderPatch = Partial<Pick<SageSalesOrderInput,
  'Comment' | 'ShipToName' | 'ShipToAddress1' | 'ShipToAddress2' | 'ShipToAddress3' | 'ShipToCity'
  | 'ShipToState' | 'ShipToZipCode' | 'ShipToCountryCode'>> & {
  OrderStatus?: 'H' | 'O' | string;
  [field: string]: unknown;
};

export interface OrderKey {
  ARDivisionNo: string;
  CustomerNo: string;
  CustomerPONo: string;
}

const refPage = pageOf(salesOrderRefSchema);

export function sageOrders(http: SageHttp) {
  return {
    /** POST /SO/SalesOrder. A timeout here is an unknown outcome: call findByCustomerPO before trying again. */
    create: (order: SalesOrderInput) => sageCall(http, salesOrderSchema, '/SO/SalesOrder', { method: 'POST', body: order }),

    get: (salesOrderNo: string) => sageGetOrNull(http, salesOrderSchema, `/SO/SalesOrder/${seg(salesOrderNo)}`),

    /** The duplicate check, on Sage's ARDivisionNo + CustomerNo + CustomerPONo index. */
    async findByCustomerPO(key: OrderKey): Promise<SageSalesOrderRef[]> {
      const page = await sageCall(http, refPage, '/SO/SalesOrder', { query: { ...key } });
      // A gateway that ignores a filter would answer other orders: keep only exact matches.
      return page.Results.filter((o) => o.ARDivisionNo === key.ARDivisionNo && o.CustomerNo === key.CustomerNo
        && (o.CustomerPONo ?? '') === key.CustomerPONo);
    },

    patch: (salesOrderNo: string, patch: SalesOrderPatch) =>
      sageCall(http, salesOrderSchema, `/SO/SalesOrder/${seg(salesOrderNo)}`, { method: 'PATCH', body: patch }),

    history: (salesOrderNo: string) =>
      sageGetOrNull(http, salesOrderHistorySchema, `/SO/SalesOrderHistory/${seg(salesOrderNo)}`),
  };
}
export type SageOrders = ReturnType<typeof sageOrders>;
