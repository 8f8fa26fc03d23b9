/**
 * The Sage 100 shapes the connector writes, by Sage's own field names (contracts/sage100.md).
 * Amounts are 2-decimal numbers because that is what the gateway takes; the mapping computes
 * them in integer cents and converts only at the edge.
 */

/** Every length the contract says Sage enforces; a longer value is refused by Sage. */
export const SAGE_LENGTHS = {
  ARDivisionNo: 2,
  CustomerNo: 20,
  CustomerName: 30,
  BillToName: 30,
  ShipToName: 30,
  AddressLine: 30,
  City: 20,
  State: 2,
  ZipCode: 10,
  CountryCode: 3,
  ItemCode: 30,
  ItemCodeDesc: 30,
  CustomerPONo: 15,
  ShipVia: 15,
  PaymentType: 5,
  TermsCode: 2,
  TaxSchedule: 9,
  WarehouseCode: 3,
  Comment: 30,
  EmailAddress: 250,
  TrackingID: 30,
  InvoiceNo: 20,
} as const;

/**
 * Lengths from Sage's file layouts that the contract does not list. The mapping keeps to them
 * so a stricter gateway will not refuse what a lenient one accepts.
 */
export const SAGE_LAYOUT_LENGTHS = {
  /** SO_SalesOrderDetail.CommentText is a 2048-character memo since Sage 100 2013. */
  CommentText: 2048,
  /** AR_Customer.TelephoneNo. */
  TelephoneNo: 17,
  /** SO_SalesOrderPayment.Last4UnencryptedCreditCardNos. */
  Last4: 4,
  /** SO_SalesOrderPayment.CreditCardAuthorizationNo. */
  CreditCardAuthorizationNo: 16,
  /** SO_SalesOrderPayment.CreditCardTransactionID. */
  CreditCardTransactionID: 36,
  /** SO_SalesOrderDetail.UnitOfMeasure. */
  UnitOfMeasure: 4,
} as const;

/** Line ItemType: 1 regular (stock) item, 2 special, 3 charge, 4 comment, 5 miscellaneous. */
export type SageItemType = 1 | 2 | 3 | 4 | 5;
/** OrderType: S standard, B back order, Q quote, M master, R repeating. */
export type SageOrderType = 'S' | 'B' | 'Q' | 'M' | 'R';
/** OrderStatus of an open sales order: N new, O open, C closed, H hold. */
export type SageOrderStatus = 'N' | 'O' | 'C' | 'H';
/** OrderStatus in SO_SalesOrderHistoryHeader: A active, C completed, X deleted, Q quote, Z deleted quote. */
export type SageHistoryStatus = 'A' | 'C' | 'X' | 'Q' | 'Z';

/* Type aliases rather than interfaces: aliases fit the gateway client's Record<string, unknown> bodies. */
export type SageLine = {
  ItemType: SageItemType;
  ItemCode: string;
  ItemCodeDesc?: string;
  QuantityOrdered?: number;
  /**
   * Part of QuantityOrdered that is on back order from the start (stock policy "backorder").
   * Sage's SO entry grid has this column; the contract's create body does not list it yet.
   */
  QuantityBackordered?: number;
  UnitPrice?: number;
  WarehouseCode?: string;
  UnitOfMeasure?: string;
  CommentText?: string;
  /**
   * GL sales account for charge and miscellaneous lines, as the merchant writes the account
   * number ("4050-00-00"); the gateway turns it into Sage's account key.
   */
  SalesAcctKey?: string;
};

export type SagePayment = {
  PaymentType: string;
  /** D = deposit: web payments are recorded as a deposit on the sales order. */
  PaymentTypeCategory: 'D' | 'P';
  TransactionAmt: number;
  CreditCardAuthorizationNo?: string;
  CreditCardTransactionID?: string;
  Last4UnencryptedCreditCardNos?: string;
};

/** Body of `POST /SO/SalesOrder`. SalesOrderNo is left to Sage's next number. */
export type SageSalesOrderInput = {
  SalesOrderNo?: string;
  ARDivisionNo: string;
  CustomerNo: string;
  OrderDate: string;
  OrderType: SageOrderType;
  OrderStatus: SageOrderStatus;
  CustomerPONo: string;
  BillToName?: string;
  BillToAddress1?: string;
  BillToAddress2?: string;
  BillToAddress3?: string;
  BillToCity?: string;
  BillToState?: string;
  BillToZipCode?: string;
  BillToCountryCode?: string;
  ShipToName?: string;
  ShipToAddress1?: string;
  ShipToAddress2?: string;
  ShipToAddress3?: string;
  ShipToCity?: string;
  ShipToState?: string;
  ShipToZipCode?: string;
  ShipToCountryCode?: string;
  ShipVia?: string;
  TaxSchedule?: string;
  TermsCode?: string;
  FreightAmt?: number;
  Comment?: string;
  EmailAddress?: string;
  WarehouseCode?: string;
  PaymentType?: string;
  DepositAmt?: number;
  Lines: SageLine[];
  Payments?: SagePayment[];
  /** User-defined fields, `UDF_` + name, as the merchant set them up in Sage. */
  [udf: `UDF_${string}`]: string | number | undefined;
};

/** Body of `POST /AR/Customer`. CustomerNo is left to Sage's next number when omitted. */
export type SageCustomerInput = {
  ARDivisionNo: string;
  CustomerNo?: string;
  CustomerName: string;
  AddressLine1?: string;
  AddressLine2?: string;
  AddressLine3?: string;
  City?: string;
  State?: string;
  ZipCode?: string;
  CountryCode?: string;
  TelephoneNo?: string;
  EmailAddress?: string;
  TermsCode?: string;
  TaxSchedule?: string;
  ShipMethod?: string;
  CreditLimit?: number;
};
