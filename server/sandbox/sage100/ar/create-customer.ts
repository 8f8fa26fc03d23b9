import { codeField, numberField } from '../body';
import { stampNow, type SandboxContext } from '../context';
import type { Rec } from '../db/sql';
import { badRequest, invalid } from '../errors';
import { checkLengths } from '../lengths';
import { assertOnFile, unknownFieldWarnings } from '../lookups';
import { nextCustomerNo, normalizeCustomerNo, normalizeDivision } from '../numbering';
import { findZip } from '../sy/zip-lookup';
import { CUSTOMER_FIELDS, CUSTOMER_TEXT_FIELDS } from './customer-fields';

const str = (v: unknown) => (v === undefined || v === null || v === '' ? null : String(v));

/**
 * POST /AR/Customer with Sage's rules: lengths, division, key normalization (upper case,
 * all-digit numbers padded to 7), next number when CustomerNo is omitted, a ZIP that must be in
 * the ZIP table (City/State filled from it when omitted), valid terms, tax schedule and ship via.
 */
export async function createCustomer(ctx: SandboxContext, company: string, body: Rec): Promise<{ customer: Rec; warnings: string[] }> {
  const warnings = unknownFieldWarnings(body, CUSTOMER_FIELDS);
  checkLengths(body, CUSTOMER_TEXT_FIELDS);
  if (body.ARDivisionNo === undefined) throw badRequest('ARDivisionNo is required', 'ARDivisionNo');
  if (!str(body.CustomerName)) throw badRequest('CustomerName is required', 'CustomerName');
  const division = normalizeDivision(body.ARDivisionNo);
  await assertOnFile(ctx.sql, company, 'ARDivisionNo', division);
  const givenNo = body.CustomerNo === undefined || body.CustomerNo === '' ? undefined : normalizeCustomerNo(body.CustomerNo);

  let city = str(body.City);
  let state = codeField(body, 'State') ?? null;
  const zipCode = str(body.ZipCode);
  if (zipCode) {
    const zip = await findZip(ctx.sql, zipCode);
    if (!zip) throw invalid('ZipCode', `ZIP code ${zipCode} is not in the ZIP code table`);
    city ??= String(zip.City);
    state ??= String(zip.State);
  }
  const terms = codeField(body, 'TermsCode') ?? '00';
  const taxSchedule = codeField(body, 'TaxSchedule') ?? 'WEB';
  const shipMethod = codeField(body, 'ShipMethod') ?? null;
  await assertOnFile(ctx.sql, company, 'TermsCode', terms);
  await assertOnFile(ctx.sql, company, 'TaxSchedule', taxSchedule);
  if (shipMethod) await assertOnFile(ctx.sql, company, 'ShipMethod', shipMethod);
  const creditHold = codeField(body, 'CreditHold') ?? 'N';
  if (creditHold !== 'Y' && creditHold !== 'N') throw invalid('CreditHold', 'CreditHold must be Y or N');
  const creditLimit = numberField(body, 'CreditLimit', 0);
  if (creditLimit < 0) throw invalid('CreditLimit', 'CreditLimit cannot be negative');

  return ctx.writes.run(company, async () => {
    let customerNo = givenNo;
    const stmts = [];
    if (customerNo) {
      const exists = await ctx.sql.get('SELECT 1 FROM ar_customer WHERE Company = ? AND ARDivisionNo = ? AND CustomerNo = ?', [company, division, customerNo]);
      if (exists) throw invalid('CustomerNo', `Customer ${division}-${customerNo} already exists`);
    } else {
      const next = await nextCustomerNo(ctx.sql, company, division);
      customerNo = next.value;
      stmts.push(next.advance);
    }
    const s = stampNow(ctx);
    stmts.push({
      sql: `INSERT INTO ar_customer (Company, ARDivisionNo, CustomerNo, CustomerName, AddressLine1, AddressLine2, AddressLine3,
        City, State, ZipCode, CountryCode, TelephoneNo, EmailAddress, TermsCode, TaxSchedule, ShipMethod, CreditHold,
        CreditLimit, DateCreated, DateUpdated, TimeK) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      args: [company, division, customerNo, String(body.CustomerName), str(body.AddressLine1), str(body.AddressLine2),
        str(body.AddressLine3), city, state, zipCode, codeField(body, 'CountryCode') ?? 'USA', str(body.TelephoneNo),
        str(body.EmailAddress), terms, taxSchedule, shipMethod, creditHold, creditLimit, s.DateUpdated, s.DateUpdated, s.TimeK],
    });
    await ctx.sql.write(stmts);
    const customer = await ctx.sql.get('SELECT * FROM ar_customer WHERE Company = ? AND ARDivisionNo = ? AND CustomerNo = ?', [company, division, customerNo]);
    return { customer: customer!, warnings };
  });
}
