/**
 * The sandbox's own tables, named after the Sage 100 files they stand for. Every table a caller
 * can page through carries DateUpdated (YYYYMMDD) and TimeK — TimeUpdated as an integer count of
 * 1/100000 hours — with an index on (Company, DateUpdated, TimeK, key) so changedSince paging is an
 * index walk even over 100,000 rows. Money is REAL rounded to cents in code; Sage keeps decimals.
 */
const stamp = 'DateUpdated TEXT NOT NULL, TimeK INTEGER NOT NULL';

export const DDL: string[] = [
  `CREATE TABLE IF NOT EXISTS sy_company (Company TEXT PRIMARY KEY, CompanyName TEXT NOT NULL,
    NextSalesOrderNo INTEGER NOT NULL, NextInvoiceNo INTEGER NOT NULL, SeededAt TEXT)`,
  `CREATE TABLE IF NOT EXISTS sy_zipcode (ZipCode TEXT PRIMARY KEY, City TEXT NOT NULL, State TEXT NOT NULL,
    CountryCode TEXT NOT NULL, ${stamp})`,
  `CREATE TABLE IF NOT EXISTS sy_taxschedule (Company TEXT NOT NULL, TaxSchedule TEXT NOT NULL, TaxScheduleDesc TEXT,
    TaxRate REAL NOT NULL, PRIMARY KEY (Company, TaxSchedule))`,
  `CREATE TABLE IF NOT EXISTS ar_division (Company TEXT NOT NULL, ARDivisionNo TEXT NOT NULL, ARDivisionDesc TEXT,
    NextCustomerNo INTEGER NOT NULL, PRIMARY KEY (Company, ARDivisionNo))`,
  `CREATE TABLE IF NOT EXISTS ar_termscode (Company TEXT NOT NULL, TermsCode TEXT NOT NULL, TermsCodeDesc TEXT,
    PRIMARY KEY (Company, TermsCode))`,
  `CREATE TABLE IF NOT EXISTS ar_paymenttype (Company TEXT NOT NULL, PaymentType TEXT NOT NULL, PaymentDesc TEXT,
    PaymentMethod TEXT NOT NULL, PRIMARY KEY (Company, PaymentType))`,
  `CREATE TABLE IF NOT EXISTS so_shippingrate (Company TEXT NOT NULL, ShippingCode TEXT NOT NULL, ShippingCodeDesc TEXT,
    Carrier TEXT NOT NULL, PRIMARY KEY (Company, ShippingCode))`,
  `CREATE TABLE IF NOT EXISTS im_warehouse (Company TEXT NOT NULL, WarehouseCode TEXT NOT NULL, WarehouseDesc TEXT,
    PRIMARY KEY (Company, WarehouseCode))`,
  `CREATE TABLE IF NOT EXISTS ar_customer (Company TEXT NOT NULL, ARDivisionNo TEXT NOT NULL, CustomerNo TEXT NOT NULL,
    CustomerName TEXT NOT NULL, AddressLine1 TEXT, AddressLine2 TEXT, AddressLine3 TEXT, City TEXT, State TEXT,
    ZipCode TEXT, CountryCode TEXT, TelephoneNo TEXT, EmailAddress TEXT, TermsCode TEXT, TaxSchedule TEXT,
    ShipMethod TEXT, CreditHold TEXT NOT NULL DEFAULT 'N', CreditLimit REAL NOT NULL DEFAULT 0,
    CurrentBalance REAL NOT NULL DEFAULT 0, OpenOrderAmt REAL NOT NULL DEFAULT 0, CustomerStatus TEXT NOT NULL DEFAULT 'A',
    DateCreated TEXT NOT NULL, ${stamp}, PRIMARY KEY (Company, ARDivisionNo, CustomerNo))`,
  // Name + ZIP is indexed; e-mail deliberately is not (contract: a search by e-mail is a full scan).
  `CREATE INDEX IF NOT EXISTS ar_customer_name_zip ON ar_customer (Company, CustomerName COLLATE NOCASE, ZipCode)`,
  `CREATE INDEX IF NOT EXISTS ar_customer_changed ON ar_customer (Company, DateUpdated, TimeK, ARDivisionNo, CustomerNo)`,
  `CREATE TABLE IF NOT EXISTS ci_item (Company TEXT NOT NULL, ItemCode TEXT NOT NULL, ItemCodeDesc TEXT NOT NULL,
    ItemType INTEGER NOT NULL, ProductLine TEXT, StandardUnitPrice REAL NOT NULL DEFAULT 0, StandardUnitOfMeasure TEXT,
    InactiveItem TEXT NOT NULL DEFAULT 'N', TaxClass TEXT NOT NULL DEFAULT 'TX', TotalQuantityOnHand REAL NOT NULL DEFAULT 0,
    ${stamp}, PRIMARY KEY (Company, ItemCode))`,
  `CREATE INDEX IF NOT EXISTS ci_item_changed ON ci_item (Company, DateUpdated, TimeK, ItemCode)`,
  `CREATE TABLE IF NOT EXISTS im_aliasitem (Company TEXT NOT NULL, AliasItemNo TEXT NOT NULL, ItemCode TEXT NOT NULL,
    Type TEXT NOT NULL, PRIMARY KEY (Company, AliasItemNo, Type, ItemCode))`,
  `CREATE TABLE IF NOT EXISTS im_itemwarehouse (Company TEXT NOT NULL, ItemCode TEXT NOT NULL, WarehouseCode TEXT NOT NULL,
    QuantityOnHand REAL NOT NULL DEFAULT 0, QuantityOnSalesOrder REAL NOT NULL DEFAULT 0,
    QuantityOnBackOrder REAL NOT NULL DEFAULT 0, QuantityOnPurchaseOrder REAL NOT NULL DEFAULT 0,
    ${stamp}, PRIMARY KEY (Company, ItemCode, WarehouseCode))`,
  `CREATE INDEX IF NOT EXISTS im_itemwarehouse_changed ON im_itemwarehouse (Company, DateUpdated, TimeK, ItemCode, WarehouseCode)`,
  `CREATE INDEX IF NOT EXISTS im_itemwarehouse_wh_changed ON im_itemwarehouse (Company, WarehouseCode, DateUpdated, TimeK, ItemCode)`,
  // Open orders. Fields holds the Bill-To/Ship-To block and UDFs; the columns are what rules and indexes use.
  // InvoicedAmt/DepositApplied/FreightInvoiced are bookkeeping for partial invoices, never shown.
  `CREATE TABLE IF NOT EXISTS so_salesorderheader (Company TEXT NOT NULL, SalesOrderNo TEXT NOT NULL, OrderDate TEXT NOT NULL,
    OrderType TEXT NOT NULL, OrderStatus TEXT NOT NULL, ARDivisionNo TEXT NOT NULL, CustomerNo TEXT NOT NULL,
    CustomerPONo TEXT NOT NULL DEFAULT '', ShipVia TEXT, TaxSchedule TEXT, TermsCode TEXT, WarehouseCode TEXT,
    PaymentType TEXT, Comment TEXT, EmailAddress TEXT, FreightAmt REAL NOT NULL DEFAULT 0, DiscountAmt REAL NOT NULL DEFAULT 0,
    DepositAmt REAL NOT NULL DEFAULT 0, TaxableAmt REAL NOT NULL DEFAULT 0, NonTaxableAmt REAL NOT NULL DEFAULT 0,
    SalesTaxAmt REAL NOT NULL DEFAULT 0, Fields TEXT NOT NULL DEFAULT '{}', InvoicedAmt REAL NOT NULL DEFAULT 0,
    DepositApplied REAL NOT NULL DEFAULT 0, FreightInvoiced INTEGER NOT NULL DEFAULT 0, DateCreated TEXT NOT NULL,
    ${stamp}, PRIMARY KEY (Company, SalesOrderNo))`,
  `CREATE INDEX IF NOT EXISTS so_salesorder_custpo ON so_salesorderheader (Company, ARDivisionNo, CustomerNo, CustomerPONo)`,
  `CREATE INDEX IF NOT EXISTS so_salesorder_changed ON so_salesorderheader (Company, DateUpdated, TimeK, SalesOrderNo)`,
  `CREATE TABLE IF NOT EXISTS so_salesorderdetail (Company TEXT NOT NULL, SalesOrderNo TEXT NOT NULL, LineKey TEXT NOT NULL,
    LineSeqNo INTEGER NOT NULL, ItemType INTEGER NOT NULL, ItemCode TEXT, ItemCodeDesc TEXT, WarehouseCode TEXT,
    UnitOfMeasure TEXT, QuantityOrdered REAL NOT NULL DEFAULT 0, QuantityShipped REAL NOT NULL DEFAULT 0,
    QuantityBackordered REAL NOT NULL DEFAULT 0, UnitPrice REAL NOT NULL DEFAULT 0, ExtensionAmt REAL NOT NULL DEFAULT 0,
    TaxClass TEXT, CommentText TEXT, PRIMARY KEY (Company, SalesOrderNo, LineKey))`,
  `CREATE TABLE IF NOT EXISTS so_salesorderpayment (Company TEXT NOT NULL, SalesOrderNo TEXT NOT NULL, PaymentSeqNo TEXT NOT NULL,
    PaymentType TEXT NOT NULL, PaymentTypeCategory TEXT NOT NULL, TransactionAmt REAL NOT NULL DEFAULT 0,
    CreditCardAuthorizationNo TEXT, CreditCardTransactionID TEXT, Last4UnencryptedCreditCardNos TEXT,
    PRIMARY KEY (Company, SalesOrderNo, PaymentSeqNo))`,
  // Every order entered gets a history row (A active); it outlives the open order (C completed, X deleted).
  `CREATE TABLE IF NOT EXISTS so_salesorderhistoryheader (Company TEXT NOT NULL, SalesOrderNo TEXT NOT NULL,
    OrderStatus TEXT NOT NULL, OrderType TEXT NOT NULL, OrderDate TEXT NOT NULL, ARDivisionNo TEXT NOT NULL,
    CustomerNo TEXT NOT NULL, CustomerPONo TEXT NOT NULL DEFAULT '', OrderTotal REAL NOT NULL DEFAULT 0,
    LastInvoiceNo TEXT, LastInvoiceDate TEXT, DateCreated TEXT NOT NULL, ${stamp}, PRIMARY KEY (Company, SalesOrderNo))`,
  `CREATE INDEX IF NOT EXISTS so_history_custpo ON so_salesorderhistoryheader (Company, ARDivisionNo, CustomerNo, CustomerPONo)`,
  `CREATE INDEX IF NOT EXISTS so_history_changed ON so_salesorderhistoryheader (Company, DateUpdated, TimeK, SalesOrderNo)`,
  ...invoiceTables('so_invoice', ''),
  ...invoiceTables('ar_invoicehistory', 'HeaderSeqNo TEXT NOT NULL, PostedDate TEXT NOT NULL,'),
];

/**
 * Shipping entries (SO_Invoice*) and posted invoices (AR_InvoiceHistory*) share one layout.
 * OpenOrderRelief (hidden) is how much posting lowers the customer's OpenOrderAmt: the invoice
 * total, except the order's last invoice takes the rounding remainder so a finished order leaves
 * exactly nothing open.
 */
function invoiceTables(prefix: string, extra: string): string[] {
  const key = extra ? 'Company, InvoiceNo, HeaderSeqNo' : 'Company, InvoiceNo';
  const seq = extra ? 'HeaderSeqNo TEXT NOT NULL,' : '';
  return [
    `CREATE TABLE IF NOT EXISTS ${prefix}header (Company TEXT NOT NULL, InvoiceNo TEXT NOT NULL, ${extra}
      InvoiceDate TEXT NOT NULL, ShipDate TEXT NOT NULL, SalesOrderNo TEXT NOT NULL, ARDivisionNo TEXT NOT NULL,
      CustomerNo TEXT NOT NULL, CustomerPONo TEXT NOT NULL DEFAULT '', ShipVia TEXT, TaxSchedule TEXT,
      TaxableSalesAmt REAL NOT NULL DEFAULT 0, NonTaxableSalesAmt REAL NOT NULL DEFAULT 0, FreightAmt REAL NOT NULL DEFAULT 0,
      DiscountAmt REAL NOT NULL DEFAULT 0, SalesTaxAmt REAL NOT NULL DEFAULT 0, DepositAmt REAL NOT NULL DEFAULT 0,
      OpenOrderRelief REAL NOT NULL DEFAULT 0, Fields TEXT NOT NULL DEFAULT '{}', ${stamp}, PRIMARY KEY (${key}))`,
    `CREATE INDEX IF NOT EXISTS ${prefix}_changed ON ${prefix}header (Company, DateUpdated, TimeK, InvoiceNo)`,
    `CREATE INDEX IF NOT EXISTS ${prefix}_order ON ${prefix}header (Company, SalesOrderNo)`,
    `CREATE TABLE IF NOT EXISTS ${prefix}detail (Company TEXT NOT NULL, InvoiceNo TEXT NOT NULL, ${seq}
      DetailSeqNo INTEGER NOT NULL, OrderLineKey TEXT, ItemType INTEGER NOT NULL, ItemCode TEXT, ItemCodeDesc TEXT,
      WarehouseCode TEXT, UnitOfMeasure TEXT, QuantityOrdered REAL NOT NULL DEFAULT 0, QuantityShipped REAL NOT NULL DEFAULT 0,
      QuantityBackordered REAL NOT NULL DEFAULT 0, UnitPrice REAL NOT NULL DEFAULT 0, ExtensionAmt REAL NOT NULL DEFAULT 0,
      TaxClass TEXT, PRIMARY KEY (${key}, DetailSeqNo))`,
    `CREATE TABLE IF NOT EXISTS ${prefix}tracking (Company TEXT NOT NULL, InvoiceNo TEXT NOT NULL, ${seq}
      PackageNo TEXT NOT NULL, TrackingID TEXT NOT NULL, StarshipShipVia TEXT, Weight REAL,
      PRIMARY KEY (${key}, PackageNo))`,
  ];
}
