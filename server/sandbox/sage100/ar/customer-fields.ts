/** Fields POST /AR/Customer accepts (contracts/sage100.md), plus CreditHold which Sage also lets you set. */
export const CUSTOMER_TEXT_FIELDS = [
  'ARDivisionNo', 'CustomerNo', 'CustomerName', 'AddressLine1', 'AddressLine2', 'AddressLine3', 'City', 'State',
  'ZipCode', 'CountryCode', 'TelephoneNo', 'EmailAddress', 'TermsCode', 'TaxSchedule', 'ShipMethod', 'CreditHold',
] as const;

export const CUSTOMER_FIELDS: ReadonlySet<string> = new Set([...CUSTOMER_TEXT_FIELDS, 'CreditLimit']);
