import type { InStatement } from '@libsql/client';
import { PAYMENT_TYPES, SHIP_VIA, TERMS_CODES, WAREHOUSES, zipTable } from '../../catalog/index';
import type { SageStamp } from '../sage-time';
import { TAX_RATES } from '../tax';
import { insertMany } from './insert-many';

export const DIVISIONS = [
  { no: '00', desc: 'Corporate' },
  { no: '01', desc: 'Trade customers' },
  { no: '02', desc: 'Web customers' },
];

/**
 * The company's setup files: everything an order needs to be valid besides customers and items.
 * `nextCustomerNo` per division starts past the numbers the seeded customers already use.
 */
export function setupTableStatements(company: string, stamp: SageStamp, nextCustomerNo: Record<string, number>): InStatement[] {
  return [
    { sql: `INSERT INTO sy_company (Company, CompanyName, NextSalesOrderNo, NextInvoiceNo, SeededAt) VALUES (?, ?, ?, ?, ?)`,
      args: [company, `${company} Distribution (sandbox)`, 100001, 200001, stamp.DateUpdated] },
    ...insertMany('ar_division', ['Company', 'ARDivisionNo', 'ARDivisionDesc', 'NextCustomerNo'],
      DIVISIONS.map((d) => [company, d.no, d.desc, nextCustomerNo[d.no] ?? 1])),
    ...insertMany('ar_termscode', ['Company', 'TermsCode', 'TermsCodeDesc'], TERMS_CODES.map((t) => [company, t.code, t.desc])),
    ...insertMany('sy_taxschedule', ['Company', 'TaxSchedule', 'TaxScheduleDesc', 'TaxRate'],
      Object.entries(TAX_RATES).map(([code, t]) => [company, code, t.desc, t.rate])),
    ...insertMany('ar_paymenttype', ['Company', 'PaymentType', 'PaymentDesc', 'PaymentMethod'],
      PAYMENT_TYPES.map((p) => [company, p.PaymentType, p.PaymentDesc, p.PaymentMethod])),
    ...insertMany('so_shippingrate', ['Company', 'ShippingCode', 'ShippingCodeDesc', 'Carrier'],
      SHIP_VIA.map((s) => [company, s.ShippingCode, s.ShippingCodeDesc, s.carrier])),
    ...insertMany('im_warehouse', ['Company', 'WarehouseCode', 'WarehouseDesc'], WAREHOUSES.map((w) => [company, w.code, w.name])),
    // The ZIP table is system-wide in Sage (shared by every company).
    ...insertMany('sy_zipcode', ['ZipCode', 'City', 'State', 'CountryCode', 'DateUpdated', 'TimeK'],
      zipTable().map((z) => [z.zip, z.city, z.state, z.country, stamp.DateUpdated, stamp.TimeK])),
  ];
}
