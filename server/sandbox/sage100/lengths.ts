import { badRequest, charLength } from './errors';

/**
 * Field lengths Sage enforces (contracts/sage100.md), plus the other string columns the
 * sandbox stores. A longer value is refused with CI_CharLength naming the field — Sage never
 * truncates for the caller, so the connector must.
 */
export const FIELD_LENGTHS: Record<string, number> = {
  // customer key and header
  ARDivisionNo: 2, CustomerNo: 20, SalesOrderNo: 7, CustomerPONo: 15, OrderDate: 8, OrderType: 1, OrderStatus: 1,
  CustomerName: 30, AddressLine1: 30, AddressLine2: 30, AddressLine3: 30, City: 20, State: 2, ZipCode: 10,
  CountryCode: 3, TelephoneNo: 17, EmailAddress: 250, TermsCode: 2, TaxSchedule: 9, ShipMethod: 15, CreditHold: 1,
  BillToName: 30, BillToAddress1: 30, BillToAddress2: 30, BillToAddress3: 30, BillToCity: 20, BillToState: 2,
  BillToZipCode: 10, BillToCountryCode: 3,
  ShipToCode: 4, ShipToName: 30, ShipToAddress1: 30, ShipToAddress2: 30, ShipToAddress3: 30, ShipToCity: 20,
  ShipToState: 2, ShipToZipCode: 10, ShipToCountryCode: 3,
  ShipVia: 15, Comment: 30, WarehouseCode: 3, PaymentType: 5,
  // lines
  ItemCode: 30, ItemCodeDesc: 30, UnitOfMeasure: 4, CommentText: 2048,
  // payments
  PaymentTypeCategory: 1, CreditCardAuthorizationNo: 16, CreditCardTransactionID: 36, Last4UnencryptedCreditCardNos: 4,
  // ZIP table
  ShipDate: 8,
};

/** User-defined fields: the sandbox's company defines every UDF_* as a 30-character string. */
export const UDF_LENGTH = 30;

export function maxLengthOf(field: string): number | undefined {
  return field.startsWith('UDF_') ? UDF_LENGTH : FIELD_LENGTHS[field];
}

/**
 * Checks every string field of a record against Sage's lengths; a non-string where Sage
 * expects text is a malformed request (400), not a business rule.
 */
export function checkLengths(record: Record<string, unknown>, fields: readonly string[], where = ''): void {
  for (const field of fields) {
    const value = record[field];
    if (value === undefined || value === null) continue;
    const max = maxLengthOf(field);
    if (max === undefined) continue;
    if (typeof value !== 'string') throw badRequest(`${where}${field} must be a string`, field);
    const length = [...value].length;
    if (length > max) throw charLength(field, length, max, where);
  }
}
