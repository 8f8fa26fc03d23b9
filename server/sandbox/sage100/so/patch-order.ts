import { codeField } from '../body';
import { stampNow, type SandboxContext } from '../context';
import type { Rec } from '../db/sql';
import { invalid, noKey } from '../errors';
import { checkLengths } from '../lengths';
import { unknownFieldWarnings } from '../lookups';
import { findZip } from '../sy/zip-lookup';
import { PATCHABLE_FIELDS, SHIP_TO_FIELDS } from './order-fields';
import { loadOrder } from './read-order';

/**
 * PATCH /SO/SalesOrder/{no}: hold (H) or release (O) the order, change Comment or the Ship-To
 * block. Refused with 409 while a Sage user has the order open. Releasing a hold does not
 * re-run the credit check: in Sage that is the credit manager's decision, made by releasing.
 */
export async function patchSalesOrder(ctx: SandboxContext, company: string, no: string, body: Rec): Promise<{ order: Rec; warnings: string[] }> {
  const warnings = unknownFieldWarnings(body, PATCHABLE_FIELDS);
  checkLengths(body, [...PATCHABLE_FIELDS]);
  const status = codeField(body, 'OrderStatus');
  if (status !== undefined && status !== 'H' && status !== 'O') throw invalid('OrderStatus', 'OrderStatus can be changed to H (hold) or O (open) only');
  if (typeof body.ShipToZipCode === 'string' && body.ShipToZipCode && !(await findZip(ctx.sql, body.ShipToZipCode))) {
    throw invalid('ShipToZipCode', `ShipToZipCode ${body.ShipToZipCode} is not in the ZIP code table`);
  }
  return ctx.writes.run(company, async () => {
    const header = await ctx.sql.get('SELECT * FROM so_salesorderheader WHERE Company = ? AND SalesOrderNo = ?', [company, no]);
    if (!header) throw noKey(`Sales order ${no} is not on file`);
    ctx.locks.assertFree(company, 'SO_SalesOrder', no);
    const fields = JSON.parse(String(header.Fields)) as Record<string, string>;
    for (const f of SHIP_TO_FIELDS) {
      const v = body[f];
      if (v === undefined) continue;
      if (v === null || v === '') delete fields[f];
      else fields[f] = /State|CountryCode/.test(f) ? String(v).toUpperCase() : String(v);
    }
    const s = stampNow(ctx);
    await ctx.sql.run(
      `UPDATE so_salesorderheader SET OrderStatus = ?, Comment = ?, Fields = ?, DateUpdated = ?, TimeK = ? WHERE Company = ? AND SalesOrderNo = ?`,
      [status ?? header.OrderStatus, body.Comment === undefined ? header.Comment : (body.Comment as string | null), JSON.stringify(fields),
        s.DateUpdated, s.TimeK, company, no]);
    return { order: (await loadOrder(ctx.sql, company, no))!, warnings };
  });
}
