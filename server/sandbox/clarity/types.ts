/** Clarity's wire model (contracts/clarity.md §5), PascalCase as the platform serves it. */
export interface Address {
  Company?: string | null;
  Street1: string;
  Street2?: string | null;
  City: string;
  RegionCode: string;
  PostalCode: string;
  CountryCode: string;
}

export interface Contact {
  FirstName: string;
  LastName: string;
  Email1: string;
  Phone1?: string | null;
  Address: Address;
}

export interface SalesItem {
  ID: number;
  Sku: string;
  ProductKey: string;
  Name: string;
  Quantity: number;
  UnitSoldPrice: number;
  ExtendedPrice: number;
  ExtendedTaxAmount: number;
  ProductUnitOfMeasure: string;
}

export interface Totals {
  SubTotal: number;
  Shipping: number;
  Handling: number;
  Fees: number;
  Discounts: number;
  Tax: number;
  Total: number;
}

export interface Payment {
  Amount: number;
  PaymentMethodKey: string;
  ProviderKey: string | null;
  StatusKey: string;
  TransactionID?: string | null;
  AuthCode?: string | null;
  CardType?: string | null;
  Last4CardDigits?: string | null;
}

export type Attributes = Record<string, { Key: string; Value: string }>;

export interface SalesOrder {
  ID: number;
  CustomKey: string;
  StatusKey: string;
  TypeKey: string;
  CreatedDate: string;
  UpdatedDate: string;
  AccountID: number | null;
  AccountKey: string | null;
  UserID: number | null;
  PurchaseOrderNumber: string | null;
  CurrencyKey: string;
  Notes: string | null;
  BillingContact: Contact;
  ShippingContact: Contact;
  SalesItems: SalesItem[];
  Totals: Totals;
  ShippingDetail: { CarrierName: string; CarrierMethodName: string };
  SalesOrderPayments: Array<{ Slave: Payment }>;
  SerializableAttributes: Attributes;
}

export interface Product {
  ID: number;
  Sku: string;
  Name: string;
  Description: string;
  PriceBase: number;
  Active: boolean;
  UpdatedDate: string;
}

export interface Customer {
  ID: number;
  CustomKey: string;
  Email: string;
  FirstName: string;
  LastName: string;
  Company: string | null;
  Phone: string | null;
  Address: Address;
  UpdatedDate: string;
}

export interface ShipmentLine {
  Sku: string;
  Quantity: number;
}

export interface Shipment {
  ID: number;
  CustomKey: string;
  SalesOrderID: number;
  TrackingNumber: string | null;
  CarrierName: string | null;
  CarrierMethodName: string | null;
  ShipDate: string;
  Lines: ShipmentLine[];
  CreatedDate: string;
  CustomerNotified: boolean;
}

/** A page of any list: `{ Results, TotalCount, TotalPages, CurrentPage }`. */
export interface Paged<T> {
  Results: T[];
  TotalCount: number;
  TotalPages: number;
  CurrentPage: number;
}

export const iso = (ms: number) => new Date(ms).toISOString();
export const money = (n: number) => Math.round(n * 100) / 100;
