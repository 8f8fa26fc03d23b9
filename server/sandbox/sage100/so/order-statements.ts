import type { InStatement } from '@libsql/client';
import type { SageStamp } from '../sage-time';
import type { HeaderDraft } from './header-rules';
import type { LineDraft } from './line-rules';
import type { PaymentDraft } from './payment-rules';
import type { Totals } from '../tax';

export interface OrderDraft {
  no: string;
  header: HeaderDraft;
  lines: LineDraft[];
  payments: PaymentDraft[];
  totals: Totals;
  total: number;
  deposit: number;
  commits: boolean;
}

/**
 * The writes of one new order, committed together: header, lines, payments, the history row
 * (A active, Q quote), and — for orders that commit — QuantityOnSalesOrder raised per
 * item-warehouse and the customer's OpenOrderAmt raised by the order total.
 */
export function orderInsertStatements(company: string, d: OrderDraft, s: SageStamp): InStatement[] {
  const h = d.header;
  const stmts: InStatement[] = [{
    sql: `INSERT INTO so_salesorderheader (Company, SalesOrderNo, OrderDate, OrderType, OrderStatus, ARDivisionNo, CustomerNo,
      CustomerPONo, ShipVia, TaxSchedule, TermsCode, WarehouseCode, PaymentType, Comment, EmailAddress, FreightAmt, DiscountAmt,
      DepositAmt, TaxableAmt, NonTaxableAmt, SalesTaxAmt, Fields, DateCreated, DateUpdated, TimeK)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    args: [company, d.no, h.OrderDate, h.OrderType, h.OrderStatus, h.ARDivisionNo, h.CustomerNo, h.CustomerPONo, h.ShipVia,
      h.TaxSchedule, h.TermsCode, h.WarehouseCode, h.PaymentType, h.Comment, h.EmailAddress, h.FreightAmt, h.DiscountAmt,
      d.deposit, d.totals.TaxableAmt, d.totals.NonTaxableAmt, d.totals.SalesTaxAmt, JSON.stringify(h.fields),
      s.DateUpdated, s.DateUpdated, s.TimeK],
  }, {
    sql: `INSERT INTO so_salesorderhistoryheader (Company, SalesOrderNo, OrderStatus, OrderType, OrderDate, ARDivisionNo, CustomerNo,
      CustomerPONo, OrderTotal, DateCreated, DateUpdated, TimeK) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    args: [company, d.no, h.OrderType === 'Q' ? 'Q' : 'A', h.OrderType, h.OrderDate, h.ARDivisionNo, h.CustomerNo, h.CustomerPONo,
      d.total, s.DateUpdated, s.DateUpdated, s.TimeK],
  }];
  for (const l of d.lines) {
    stmts.push({
      sql: `INSERT INTO so_salesorderdetail (Company, SalesOrderNo, LineKey, LineSeqNo, ItemType, ItemCode, ItemCodeDesc, WarehouseCode,
        UnitOfMeasure, QuantityOrdered, UnitPrice, ExtensionAmt, TaxClass, CommentText) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      args: [company, d.no, l.LineKey, l.LineSeqNo, l.ItemType, l.ItemCode, l.ItemCodeDesc, l.WarehouseCode, l.UnitOfMeasure,
        l.QuantityOrdered, l.UnitPrice, l.ExtensionAmt, l.TaxClass, l.CommentText],
    });
    if (d.commits && l.ItemType === 1) stmts.push(raiseOnSalesOrder(company, l.ItemCode!, l.WarehouseCode!, l.QuantityOrdered, s));
  }
  for (const p of d.payments) {
    stmts.push({
      sql: `INSERT INTO so_salesorderpayment (Company, SalesOrderNo, PaymentSeqNo, PaymentType, PaymentTypeCategory, TransactionAmt,
        CreditCardAuthorizationNo, CreditCardTransactionID, Last4UnencryptedCreditCardNos) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      args: [company, d.no, p.PaymentSeqNo, p.PaymentType, p.PaymentTypeCategory, p.TransactionAmt, p.CreditCardAuthorizationNo,
        p.CreditCardTransactionID, p.Last4UnencryptedCreditCardNos],
    });
  }
  if (d.commits) stmts.push(changeOpenOrderAmt(company, h.ARDivisionNo, h.CustomerNo, d.total, s));
  return stmts;
}

/** QuantityOnSalesOrder += qty (negative to lower), creating the item-warehouse row Sage would. */
export function raiseOnSalesOrder(company: string, itemCode: string, warehouse: string, qty: number, s: SageStamp): InStatement {
  return {
    sql: `INSERT INTO im_itemwarehouse (Company, ItemCode, WarehouseCode, QuantityOnSalesOrder, DateUpdated, TimeK) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (Company, ItemCode, WarehouseCode) DO UPDATE SET QuantityOnSalesOrder = max(0, QuantityOnSalesOrder + excluded.QuantityOnSalesOrder),
      DateUpdated = excluded.DateUpdated, TimeK = excluded.TimeK`,
    args: [company, itemCode, warehouse, qty, s.DateUpdated, s.TimeK],
  };
}

/** OpenOrderAmt += delta, never below zero (rounding of partial invoices must not leave -0.01). */
export function changeOpenOrderAmt(company: string, division: string, customerNo: string, delta: number, s: SageStamp): InStatement {
  return {
    sql: `UPDATE ar_customer SET OpenOrderAmt = max(0, round(OpenOrderAmt + ?, 2)), DateUpdated = ?, TimeK = ?
      WHERE Company = ? AND ARDivisionNo = ? AND CustomerNo = ?`,
    args: [delta, s.DateUpdated, s.TimeK, company, division, customerNo],
  };
}
