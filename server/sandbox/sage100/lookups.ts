import type { Sql } from './db/sql';
import { invalid } from './errors';

/** Setup codes a record may refer to; a value not on file is refused as Sage does (CI_Invalid). */
const TABLES = {
  TermsCode: { table: 'ar_termscode', column: 'TermsCode', what: 'terms code' },
  TaxSchedule: { table: 'sy_taxschedule', column: 'TaxSchedule', what: 'tax schedule' },
  ShipVia: { table: 'so_shippingrate', column: 'ShippingCode', what: 'ship-via code' },
  ShipMethod: { table: 'so_shippingrate', column: 'ShippingCode', what: 'ship-via code' },
  PaymentType: { table: 'ar_paymenttype', column: 'PaymentType', what: 'payment type' },
  WarehouseCode: { table: 'im_warehouse', column: 'WarehouseCode', what: 'warehouse' },
  ARDivisionNo: { table: 'ar_division', column: 'ARDivisionNo', what: 'AR division' },
} as const;

export type LookupField = keyof typeof TABLES;

export async function assertOnFile(sql: Sql, company: string, field: LookupField, value: string, label: string = field): Promise<void> {
  const t = TABLES[field];
  const row = await sql.get(`SELECT 1 FROM ${t.table} WHERE Company = ? AND ${t.column} = ?`, [company, value]);
  if (!row) throw invalid(label, `${label} "${value}" is not a valid ${t.what}`);
}

/** Writes answer Sage's non-fatal messages here; unknown fields are reported, not stored. */
export function unknownFieldWarnings(body: Record<string, unknown>, known: ReadonlySet<string>, allowUdf = false): string[] {
  return Object.keys(body)
    .filter((k) => !known.has(k) && !(allowUdf && k.startsWith('UDF_')))
    .map((k) => `${k} is not a field of this record; the value was ignored`);
}
