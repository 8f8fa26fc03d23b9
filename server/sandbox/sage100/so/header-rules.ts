import { codeField, numberField } from '../body';
import type { Rec, Sql } from '../db/sql';
import { money } from '../db/sql';
import { badRequest, invalid, notOnFile } from '../errors';
import { checkLengths } from '../lengths';
import { assertOnFile, unknownFieldWarnings } from '../lookups';
import { normalizeCustomerNo, normalizeDivision, normalizeSalesOrderNo } from '../numbering';
import { isSageDate, sageDate } from '../sage-time';
import { findZip } from '../sy/zip-lookup';
import { BILL_TO_FIELDS, COMPUTED_HEADER_FIELDS, HEADER_FIELDS, HEADER_TEXT_FIELDS, SHIP_TO_FIELDS } from './order-fields';

export interface HeaderDraft {
  SalesOrderNo?: string;
  OrderDate: string;
  OrderType: string;
  OrderStatus: string;
  ARDivisionNo: string;
  CustomerNo: string;
  CustomerPONo: string;
  ShipVia: string | null;
  TaxSchedule: string;
  TermsCode: string;
  WarehouseCode: string;
  PaymentType: string | null;
  Comment: string | null;
  EmailAddress: string | null;
  FreightAmt: number;
  DiscountAmt: number;
  DepositAmt?: number;
  /** Bill-To, Ship-To and UDF_* values, stored as one JSON block. */
  fields: Record<string, string>;
  customer: Rec;
}

/** Pure checks (lengths and types), run before taking the company's write lock. */
export function checkHeaderShape(body: Rec): void {
  checkLengths(body, [...HEADER_TEXT_FIELDS, ...Object.keys(body).filter((k) => k.startsWith('UDF_'))]);
  if (body.ARDivisionNo === undefined || body.CustomerNo === undefined) throw badRequest('ARDivisionNo and CustomerNo are required', 'CustomerNo');
  if (body.Lines !== undefined && !Array.isArray(body.Lines)) throw badRequest('Lines must be an array', 'Lines');
  if (body.Payments !== undefined && !Array.isArray(body.Payments)) throw badRequest('Payments must be an array', 'Payments');
}

const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);

async function assertZip(sql: Sql, field: string, zip: string | null): Promise<void> {
  if (zip && !(await findZip(sql, zip))) throw invalid(field, `${field} ${zip} is not in the ZIP code table`);
}

/**
 * The header with Sage's rules and defaults: the customer must exist and be active; the order
 * type, status and date must be valid; ship via, tax schedule, terms and warehouse default from
 * the customer and must be on file; Bill-To defaults to the customer, Ship-To too when none is
 * given; both ZIP codes must be in the ZIP table.
 */
export async function resolveHeader(sql: Sql, company: string, body: Rec, today: number, warnings: string[]): Promise<HeaderDraft> {
  warnings.push(...unknownFieldWarnings(body, HEADER_FIELDS, true));
  for (const f of COMPUTED_HEADER_FIELDS) if (body[f] !== undefined) warnings.push(`${f} is calculated by Sage from the tax schedule; the value sent was ignored`);
  const division = normalizeDivision(body.ARDivisionNo);
  const customerNo = normalizeCustomerNo(body.CustomerNo);
  const customer = await sql.get('SELECT * FROM ar_customer WHERE Company = ? AND ARDivisionNo = ? AND CustomerNo = ?', [company, division, customerNo]);
  if (!customer) throw notOnFile('CustomerNo', `Customer ${division}-${customerNo} is not on file`);
  if (customer.CustomerStatus === 'I') throw invalid('CustomerNo', `Customer ${division}-${customerNo} is inactive`);

  const orderDate = text(body.OrderDate) ?? sageDate(today);
  if (!isSageDate(orderDate)) throw invalid('OrderDate', `OrderDate ${orderDate} is not a valid YYYYMMDD date`);
  const orderType = codeField(body, 'OrderType') ?? 'S';
  if (!'SBQMR'.includes(orderType)) throw invalid('OrderType', `OrderType ${orderType} must be S, B, Q, M or R`);
  const orderStatus = codeField(body, 'OrderStatus') ?? 'N';
  if (!'NOH'.includes(orderStatus)) throw invalid('OrderStatus', `A new order's OrderStatus must be N, O or H, not ${orderStatus}`);

  const shipVia = codeField(body, 'ShipVia') ?? text(customer.ShipMethod);
  const taxSchedule = codeField(body, 'TaxSchedule') ?? text(customer.TaxSchedule) ?? 'WEB';
  const terms = codeField(body, 'TermsCode') ?? text(customer.TermsCode) ?? '00';
  const warehouse = codeField(body, 'WarehouseCode') ?? '000';
  const paymentType = codeField(body, 'PaymentType') ?? null;
  if (shipVia) await assertOnFile(sql, company, 'ShipVia', shipVia);
  await assertOnFile(sql, company, 'TaxSchedule', taxSchedule);
  await assertOnFile(sql, company, 'TermsCode', terms);
  await assertOnFile(sql, company, 'WarehouseCode', warehouse);
  if (paymentType) await assertOnFile(sql, company, 'PaymentType', paymentType);

  const fields: Record<string, string> = {};
  const fromCustomer: Record<string, unknown> = {
    Name: customer.CustomerName, Address1: customer.AddressLine1, Address2: customer.AddressLine2, Address3: customer.AddressLine3,
    City: customer.City, State: customer.State, ZipCode: customer.ZipCode, CountryCode: customer.CountryCode,
  };
  const shipToGiven = SHIP_TO_FIELDS.some((f) => text(body[f]));
  for (const [prefix, list, useCustomer] of [['BillTo', BILL_TO_FIELDS, true], ['ShipTo', SHIP_TO_FIELDS, !shipToGiven]] as const) {
    for (const f of list) {
      const v = text(body[f]) ?? (useCustomer ? text(fromCustomer[f.slice(prefix.length)]) : null);
      if (v !== null) fields[f] = /State|CountryCode/.test(f) ? v.toUpperCase() : v;
    }
  }
  for (const [k, v] of Object.entries(body)) if (k.startsWith('UDF_') && typeof v === 'string') fields[k] = v;
  await assertZip(sql, 'BillToZipCode', fields.BillToZipCode ?? null);
  await assertZip(sql, 'ShipToZipCode', fields.ShipToZipCode ?? null);

  const amount = (f: string) => {
    const n = numberField(body, f, 0);
    if (n < 0) throw invalid(f, `${f} cannot be negative`);
    return money(n);
  };
  return {
    SalesOrderNo: body.SalesOrderNo === undefined || body.SalesOrderNo === '' ? undefined : normalizeSalesOrderNo(body.SalesOrderNo),
    OrderDate: orderDate, OrderType: orderType, OrderStatus: orderStatus, ARDivisionNo: division, CustomerNo: customerNo,
    CustomerPONo: text(body.CustomerPONo) ?? '', ShipVia: shipVia, TaxSchedule: taxSchedule, TermsCode: terms,
    WarehouseCode: warehouse, PaymentType: paymentType, Comment: text(body.Comment),
    EmailAddress: text(body.EmailAddress) ?? text(customer.EmailAddress),
    FreightAmt: amount('FreightAmt'), DiscountAmt: amount('DiscountAmt'),
    DepositAmt: body.DepositAmt === undefined || body.DepositAmt === null ? undefined : amount('DepositAmt'),
    fields, customer,
  };
}
