import { codeField, numberField } from '../body';
import { stampNow, type SandboxContext } from '../context';
import type { Rec } from '../db/sql';
import { invalid, noKey } from '../errors';
import { checkLengths } from '../lengths';
import { assertOnFile } from '../lookups';
import { parseCustomerKey } from '../numbering';
import { view } from '../views';

/**
 * Changes a Sage user makes at their desk, for the demo and for tests: stock counts, item
 * prices, descriptions and status, and a customer's credit. Each stamps DateUpdated/TimeUpdated
 * so the connector's polling sees it.
 */
export async function adjustStock(ctx: SandboxContext, company: string, body: Rec): Promise<Rec> {
  const item = codeField(body, 'ItemCode');
  const wh = codeField(body, 'WarehouseCode') ?? '000';
  if (!item) throw invalid('ItemCode', 'ItemCode is required');
  const hasSet = body.QuantityOnHand !== undefined;
  const value = numberField(body, hasSet ? 'QuantityOnHand' : 'delta', 0);
  return ctx.writes.run(company, async () => {
    if (!(await ctx.sql.get('SELECT 1 FROM ci_item WHERE Company = ? AND ItemCode = ?', [company, item]))) throw noKey(`Item ${item} is not on file`);
    await assertOnFile(ctx.sql, company, 'WarehouseCode', wh);
    const s = stampNow(ctx);
    await ctx.sql.write([
      { sql: `INSERT INTO im_itemwarehouse (Company, ItemCode, WarehouseCode, QuantityOnHand, DateUpdated, TimeK) VALUES (?, ?, ?, ?, ?, ?)
          ON CONFLICT (Company, ItemCode, WarehouseCode) DO UPDATE SET QuantityOnHand = ${hasSet ? 'excluded.QuantityOnHand' : 'QuantityOnHand + excluded.QuantityOnHand'},
          DateUpdated = excluded.DateUpdated, TimeK = excluded.TimeK`,
        args: [company, item, wh, value, s.DateUpdated, s.TimeK] },
      { sql: `UPDATE ci_item SET TotalQuantityOnHand = (SELECT COALESCE(SUM(QuantityOnHand), 0) FROM im_itemwarehouse WHERE Company = ?1 AND ItemCode = ?2),
          DateUpdated = ?3, TimeK = ?4 WHERE Company = ?1 AND ItemCode = ?2`, args: [company, item, s.DateUpdated, s.TimeK] },
    ]);
    return view((await ctx.sql.get('SELECT * FROM im_itemwarehouse WHERE Company = ? AND ItemCode = ? AND WarehouseCode = ?', [company, item, wh]))!);
  });
}

export async function changeItem(ctx: SandboxContext, company: string, itemCode: string, body: Rec): Promise<Rec> {
  checkLengths(body, ['ItemCodeDesc']);
  const inactive = codeField(body, 'InactiveItem');
  if (inactive !== undefined && inactive !== 'Y' && inactive !== 'N') throw invalid('InactiveItem', 'InactiveItem must be Y or N');
  const price = body.StandardUnitPrice === undefined ? undefined : numberField(body, 'StandardUnitPrice', 0);
  const code = itemCode.toUpperCase();
  return ctx.writes.run(company, async () => {
    const item = await ctx.sql.get('SELECT * FROM ci_item WHERE Company = ? AND ItemCode = ?', [company, code]);
    if (!item) throw noKey(`Item ${code} is not on file`);
    const s = stampNow(ctx);
    await ctx.sql.run('UPDATE ci_item SET ItemCodeDesc = ?, StandardUnitPrice = ?, InactiveItem = ?, DateUpdated = ?, TimeK = ? WHERE Company = ? AND ItemCode = ?',
      [(body.ItemCodeDesc as string) ?? item.ItemCodeDesc, price ?? item.StandardUnitPrice, inactive ?? item.InactiveItem, s.DateUpdated, s.TimeK, company, code]);
    return view((await ctx.sql.get('SELECT * FROM ci_item WHERE Company = ? AND ItemCode = ?', [company, code]))!);
  });
}

export async function changeCustomerCredit(ctx: SandboxContext, company: string, key: string, body: Rec): Promise<Rec> {
  const [division, customerNo] = parseCustomerKey(key);
  const hold = codeField(body, 'CreditHold');
  if (hold !== undefined && hold !== 'Y' && hold !== 'N') throw invalid('CreditHold', 'CreditHold must be Y or N');
  const status = codeField(body, 'CustomerStatus');
  if (status !== undefined && status !== 'A' && status !== 'I') throw invalid('CustomerStatus', 'CustomerStatus must be A or I');
  return ctx.writes.run(company, async () => {
    const c = await ctx.sql.get('SELECT * FROM ar_customer WHERE Company = ? AND ARDivisionNo = ? AND CustomerNo = ?', [company, division, customerNo]);
    if (!c) throw noKey(`Customer ${division}-${customerNo} is not on file`);
    const s = stampNow(ctx);
    await ctx.sql.run(`UPDATE ar_customer SET CreditHold = ?, CreditLimit = ?, CurrentBalance = ?, CustomerStatus = ?, DateUpdated = ?, TimeK = ?
      WHERE Company = ? AND ARDivisionNo = ? AND CustomerNo = ?`,
      [hold ?? c.CreditHold, numberField(body, 'CreditLimit', Number(c.CreditLimit)), numberField(body, 'CurrentBalance', Number(c.CurrentBalance)),
        status ?? c.CustomerStatus, s.DateUpdated, s.TimeK, company, division, customerNo]);
    return view((await ctx.sql.get('SELECT * FROM ar_customer WHERE Company = ? AND ARDivisionNo = ? AND CustomerNo = ?', [company, division, customerNo]))!);
  });
}
