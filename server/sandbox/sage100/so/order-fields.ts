/** Field lists of SO_SalesOrderHeader / Detail / Payment as the gateway accepts them. */
const address = (p: 'BillTo' | 'ShipTo') =>
  [`${p}Name`, `${p}Address1`, `${p}Address2`, `${p}Address3`, `${p}City`, `${p}State`, `${p}ZipCode`, `${p}CountryCode`];

export const BILL_TO_FIELDS = address('BillTo');
export const SHIP_TO_FIELDS = ['ShipToCode', ...address('ShipTo')];

export const HEADER_TEXT_FIELDS = [
  'SalesOrderNo', 'ARDivisionNo', 'CustomerNo', 'OrderDate', 'OrderType', 'OrderStatus', 'CustomerPONo',
  ...BILL_TO_FIELDS, ...SHIP_TO_FIELDS, 'ShipVia', 'TaxSchedule', 'TermsCode', 'Comment', 'EmailAddress',
  'WarehouseCode', 'PaymentType',
];
export const HEADER_MONEY_FIELDS = ['FreightAmt', 'DepositAmt', 'DiscountAmt'];
/** Sage computes these; a value sent is ignored with a Warning (see README: "SalesTaxAmt"). */
export const COMPUTED_HEADER_FIELDS = ['SalesTaxAmt', 'TaxableAmt', 'NonTaxableAmt'];
export const HEADER_FIELDS: ReadonlySet<string> = new Set([
  ...HEADER_TEXT_FIELDS, ...HEADER_MONEY_FIELDS, ...COMPUTED_HEADER_FIELDS, 'Lines', 'Payments',
]);

export const LINE_TEXT_FIELDS = ['ItemCode', 'ItemCodeDesc', 'WarehouseCode', 'UnitOfMeasure', 'CommentText'];
export const LINE_FIELDS: ReadonlySet<string> = new Set([...LINE_TEXT_FIELDS, 'ItemType', 'QuantityOrdered', 'UnitPrice', 'ExtensionAmt', 'LineKey']);

export const PAYMENT_TEXT_FIELDS = [
  'PaymentType', 'PaymentTypeCategory', 'CreditCardAuthorizationNo', 'CreditCardTransactionID', 'Last4UnencryptedCreditCardNos',
];
export const PAYMENT_FIELDS: ReadonlySet<string> = new Set([...PAYMENT_TEXT_FIELDS, 'TransactionAmt']);

/** Fields PATCH /SO/SalesOrder/{no} may change. */
export const PATCHABLE_FIELDS: ReadonlySet<string> = new Set(['OrderStatus', 'Comment', ...SHIP_TO_FIELDS]);

/** Order types that commit inventory and credit (standard and back orders; not quotes, masters, repeating). */
export const COMMITTING_TYPES = new Set(['S', 'B']);
