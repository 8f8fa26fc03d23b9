import type { InStatement } from '@libsql/client';
import type { Sql } from './db/sql';
import { badRequest, charLength, invalid } from './errors';

/** "1" → "01". Sage divisions are two digits, zero-filled. */
export function normalizeDivision(value: unknown): string {
  if (typeof value === 'number' && Number.isInteger(value)) value = String(value);
  if (typeof value !== 'string') throw badRequest('ARDivisionNo must be a string', 'ARDivisionNo');
  if (!/^\d{1,2}$/.test(value)) throw invalid('ARDivisionNo', `ARDivisionNo "${value}" must be 2 digits (00-99)`);
  return value.padStart(2, '0');
}

/** Upper case; an all-digit number is zero-padded to 7 ("123" → "0000123"); at most 20 characters. */
export function normalizeCustomerNo(value: unknown): string {
  if (typeof value !== 'string') throw badRequest('CustomerNo must be a string', 'CustomerNo');
  const v = value.toUpperCase();
  if (v.length > 20) throw charLength('CustomerNo', v.length, 20);
  if (!/^[A-Z0-9][A-Z0-9\-&./#]*$/.test(v)) throw invalid('CustomerNo', `CustomerNo "${value}" may hold only letters, digits and - & . / #`);
  return /^\d+$/.test(v) ? v.padStart(7, '0') : v;
}

/** "01-ACME" → ["01", "ACME"], normalized the way Sage keys the record. */
export function parseCustomerKey(key: string): [string, string] {
  const dash = key.indexOf('-');
  if (dash < 1) throw badRequest(`customer key "${key}" must be ARDivisionNo-CustomerNo, e.g. 01-ACME`);
  return [normalizeDivision(key.slice(0, dash)), normalizeCustomerNo(key.slice(dash + 1))];
}

/** Sales order numbers: 7 characters; an all-digit number is zero-padded. */
export function normalizeSalesOrderNo(value: unknown): string {
  if (typeof value !== 'string') throw badRequest('SalesOrderNo must be a string', 'SalesOrderNo');
  const v = value.toUpperCase();
  if (v.length > 7) throw charLength('SalesOrderNo', v.length, 7);
  if (!/^[A-Z0-9]+$/.test(v)) throw invalid('SalesOrderNo', `SalesOrderNo "${value}" may hold only letters and digits`);
  return /^\d+$/.test(v) ? v.padStart(7, '0') : v;
}

export interface Numbered {
  value: string;
  /** Moves the counter past `value`; goes in the same batch as the insert that uses it. */
  advance: InStatement;
}

/** Sage's next sales order number, skipping numbers already used (open or history). */
export async function nextSalesOrderNo(sql: Sql, company: string): Promise<Numbered> {
  const row = await sql.get<{ n: number }>('SELECT NextSalesOrderNo AS n FROM sy_company WHERE Company = ?', [company]);
  let n = Number(row?.n ?? 1);
  for (;; n++) {
    const value = String(n).padStart(7, '0');
    const used = await sql.get('SELECT 1 FROM so_salesorderhistoryheader WHERE Company = ? AND SalesOrderNo = ?', [company, value]);
    if (!used) return { value, advance: { sql: 'UPDATE sy_company SET NextSalesOrderNo = ? WHERE Company = ?', args: [n + 1, company] } };
  }
}

/** Next customer number of a division: 7 digits, zero-padded, skipping numbers taken by hand. */
export async function nextCustomerNo(sql: Sql, company: string, division: string): Promise<Numbered> {
  const row = await sql.get<{ n: number }>('SELECT NextCustomerNo AS n FROM ar_division WHERE Company = ? AND ARDivisionNo = ?', [company, division]);
  let n = Number(row?.n ?? 1);
  for (;; n++) {
    const value = String(n).padStart(7, '0');
    const used = await sql.get('SELECT 1 FROM ar_customer WHERE Company = ? AND ARDivisionNo = ? AND CustomerNo = ?', [company, division, value]);
    if (!used) {
      return { value, advance: { sql: 'UPDATE ar_division SET NextCustomerNo = ? WHERE Company = ? AND ARDivisionNo = ?', args: [n + 1, company, division] } };
    }
  }
}

/** Next invoice number, `length` characters (7 by default; Sage allows up to 20 — never assume 7). */
export async function nextInvoiceNo(sql: Sql, company: string, length: number): Promise<Numbered> {
  const row = await sql.get<{ n: number }>('SELECT NextInvoiceNo AS n FROM sy_company WHERE Company = ?', [company]);
  let n = Number(row?.n ?? 1);
  for (;; n++) {
    const value = String(n).padStart(length, '0');
    const used = await sql.get(
      `SELECT 1 FROM so_invoiceheader WHERE Company = ?1 AND InvoiceNo = ?2
       UNION ALL SELECT 1 FROM ar_invoicehistoryheader WHERE Company = ?1 AND InvoiceNo = ?2`, [company, value]);
    if (!used) return { value, advance: { sql: 'UPDATE sy_company SET NextInvoiceNo = ? WHERE Company = ?', args: [n + 1, company] } };
  }
}
