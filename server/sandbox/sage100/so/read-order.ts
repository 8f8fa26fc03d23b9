import type { Rec, Sql } from '../db/sql';
import { marks } from '../db/sql';
import { view } from '../views';

const LINE_COLUMNS = `LineKey, LineSeqNo, ItemType, ItemCode, ItemCodeDesc, WarehouseCode, UnitOfMeasure, QuantityOrdered,
  QuantityShipped, QuantityBackordered, UnitPrice, ExtensionAmt, TaxClass, CommentText`;
const PAYMENT_COLUMNS = `PaymentSeqNo, PaymentType, PaymentTypeCategory, TransactionAmt, CreditCardAuthorizationNo,
  CreditCardTransactionID, Last4UnencryptedCreditCardNos`;

/** Open orders with their Lines and Payments, in the order of `headers`; three queries in all. */
export async function withLines(sql: Sql, company: string, headers: Rec[]): Promise<Rec[]> {
  if (!headers.length) return [];
  const nos = headers.map((h) => h.SalesOrderNo as string);
  const lines = await sql.all(`SELECT SalesOrderNo, ${LINE_COLUMNS} FROM so_salesorderdetail WHERE Company = ? AND SalesOrderNo IN (${marks(nos.length)}) ORDER BY SalesOrderNo, LineSeqNo`, [company, ...nos]);
  const pays = await sql.all(`SELECT SalesOrderNo, ${PAYMENT_COLUMNS} FROM so_salesorderpayment WHERE Company = ? AND SalesOrderNo IN (${marks(nos.length)}) ORDER BY SalesOrderNo, PaymentSeqNo`, [company, ...nos]);
  const group = (rows: Rec[]) => {
    const m = new Map<string, Rec[]>();
    for (const { SalesOrderNo, ...rest } of rows) {
      const k = SalesOrderNo as string;
      if (!m.has(k)) m.set(k, []);
      m.get(k)!.push(rest);
    }
    return m;
  };
  const byLine = group(lines);
  const byPay = group(pays);
  return headers.map((h) => ({ ...view(h), Lines: byLine.get(h.SalesOrderNo as string) ?? [], Payments: byPay.get(h.SalesOrderNo as string) ?? [] }));
}

export async function loadOrder(sql: Sql, company: string, salesOrderNo: string): Promise<Rec | undefined> {
  const h = await sql.get('SELECT * FROM so_salesorderheader WHERE Company = ? AND SalesOrderNo = ?', [company, salesOrderNo]);
  return h ? (await withLines(sql, company, [h]))[0] : undefined;
}
