import { z } from 'zod';

/**
 * What the Sage 100 gateway answers (contracts/sage100.md), as zod schemas. Objects are loose:
 * a gateway may carry more of Sage's columns than we read, and they must survive a round trip.
 * Amounts are coerced because some gateways serialize Sage's decimals as strings.
 */
const num = z.coerce.number();
const optNum = z.coerce.number().nullish();
const optStr = z.string().nullish();
const yn = z.enum(['Y', 'N']).catch('N');
/** Sage stores ItemType as a one-character string; some gateways send a number. */
const itemType = z.union([z.string(), z.number()]).transform((v) => String(v));

export const sageWarningsSchema = z.array(z.string()).nullish();

export const salesOrderLineSchema = z.looseObject({
  LineKey: z.union([z.string(), z.number()]).transform(String).nullish(),
  ItemType: itemType.nullish(),
  ItemCode: optStr,
  ItemCodeDesc: optStr,
  QuantityOrdered: optNum,
  QuantityShipped: optNum,
  QuantityBackordered: optNum,
  UnitPrice: optNum,
  ExtensionAmt: optNum,
  WarehouseCode: optStr,
  UnitOfMeasure: optStr,
  CommentText: optStr,
});

export const salesOrderSchema = z.looseObject({
  SalesOrderNo: z.string().min(1),
  ARDivisionNo: z.string(),
  CustomerNo: z.string(),
  CustomerPONo: optStr,
  OrderDate: optStr,
  OrderType: optStr,
  OrderStatus: z.string(),
  Comment: optStr,
  TaxSchedule: optStr,
  TaxableAmt: optNum,
  NonTaxableAmt: optNum,
  SalesTaxAmt: optNum,
  FreightAmt: optNum,
  DiscountAmt: optNum,
  DepositAmt: optNum,
  Lines: z.array(salesOrderLineSchema).nullish().transform((l) => l ?? []),
  Warnings: sageWarningsSchema,
});
export type SageSalesOrder = z.infer<typeof salesOrderSchema>;
export type SageSalesOrderLine = z.infer<typeof salesOrderLineSchema>;

/**
 * A row of the duplicate check (ARDivisionNo + CustomerNo + CustomerPONo). Gateways read it from
 * the history index, so an order already invoiced and gone from the open-order file is found too:
 * its OrderStatus (open file) is then empty and HistoryStatus says where it went.
 */
export const salesOrderRefSchema = z.looseObject({
  SalesOrderNo: z.string().min(1),
  ARDivisionNo: z.string(),
  CustomerNo: z.string(),
  CustomerPONo: optStr,
  OrderDate: optStr,
  OrderStatus: optStr,
  HistoryStatus: optStr,
});
export type SageSalesOrderRef = z.infer<typeof salesOrderRefSchema>;

export const salesOrderHistorySchema = z.looseObject({
  SalesOrderNo: z.string(),
  OrderStatus: z.string(),
  ARDivisionNo: optStr,
  CustomerNo: optStr,
  CustomerPONo: optStr,
});
export type SageSalesOrderHistory = z.infer<typeof salesOrderHistorySchema>;

export const customerSchema = z.looseObject({
  ARDivisionNo: z.string(),
  CustomerNo: z.string(),
  CustomerName: optStr,
  AddressLine1: optStr,
  AddressLine2: optStr,
  AddressLine3: optStr,
  City: optStr,
  State: optStr,
  ZipCode: optStr,
  CountryCode: optStr,
  TelephoneNo: optStr,
  EmailAddress: optStr,
  TermsCode: optStr,
  TaxSchedule: optStr,
  ShipMethod: optStr,
  CreditHold: yn.nullish().transform((v) => v ?? 'N'),
  CreditLimit: optNum,
  CurrentBalance: optNum,
  OpenOrderAmt: optNum,
  CustomerStatus: optStr,
  Warnings: sageWarningsSchema,
});
export type SageCustomer = z.infer<typeof customerSchema>;

export const itemSchema = z.looseObject({
  ItemCode: z.string(),
  ItemCodeDesc: optStr,
  ItemType: itemType.nullish(),
  StandardUnitPrice: optNum,
  InactiveItem: yn.nullish().transform((v) => v ?? 'N'),
  ProductLine: optStr,
  TotalQuantityOnHand: optNum,
  DateUpdated: optStr,
  TimeUpdated: optStr,
});
export type SageItem = z.infer<typeof itemSchema>;

export const aliasItemSchema = z.looseObject({
  ItemCode: z.string(),
  AliasItemNo: z.string(),
  Type: optStr,
});
export type SageAliasItem = z.infer<typeof aliasItemSchema>;

export const itemWarehouseSchema = z.looseObject({
  ItemCode: z.string(),
  WarehouseCode: z.string(),
  QuantityOnHand: num.catch(0),
  QuantityOnSalesOrder: num.catch(0),
  QuantityOnBackOrder: num.catch(0),
  QuantityOnPurchaseOrder: num.catch(0),
  DateUpdated: optStr,
  TimeUpdated: optStr,
});
export type SageItemWarehouse = z.infer<typeof itemWarehouseSchema>;

export const zipCodeSchema = z.looseObject({
  ZipCode: z.string(),
  City: optStr,
  State: optStr,
  CountryCode: optStr,
});
export type SageZipCode = z.infer<typeof zipCodeSchema>;

export const paymentTypeSchema = z.looseObject({
  PaymentType: z.string(),
  PaymentDesc: optStr,
  PaymentMethod: optStr,
});
export const shippingRateSchema = z.looseObject({ ShippingCode: z.string(), ShippingCodeDesc: optStr });
export const warehouseSchema = z.looseObject({ WarehouseCode: z.string(), WarehouseDesc: optStr });

export const healthSchema = z.looseObject({ sage: z.string(), company: optStr, version: optStr });
export type SageHealth = z.infer<typeof healthSchema>;

/** A paged answer; searches may also answer a bare array, which we accept as one page. */
export function pageOf<T extends z.ZodType>(row: T) {
  const paged = z.looseObject({
    Results: z.array(row),
    Page: optNum,
    PageSize: optNum,
    TotalCount: optNum,
  });
  return z.union([
    paged,
    z.array(row).transform((Results) => ({ Results, Page: 1, PageSize: Results.length, TotalCount: Results.length })),
  ]);
}
