import { codeField, numberField } from '../body';
import type { Rec, Sql } from '../db/sql';
import { money } from '../db/sql';
import { badRequest, invalid } from '../errors';
import { checkLengths } from '../lengths';
import { assertOnFile, unknownFieldWarnings } from '../lookups';
import { PAYMENT_FIELDS, PAYMENT_TEXT_FIELDS } from './order-fields';

export interface PaymentDraft {
  PaymentSeqNo: string;
  PaymentType: string;
  PaymentTypeCategory: string;
  TransactionAmt: number;
  CreditCardAuthorizationNo: string | null;
  CreditCardTransactionID: string | null;
  Last4UnencryptedCreditCardNos: string | null;
}

export function checkPaymentShape(p: unknown, n: number): asserts p is Rec {
  if (!p || typeof p !== 'object' || Array.isArray(p)) throw badRequest(`Payment ${n} must be an object`, 'Payments');
  checkLengths(p as Rec, PAYMENT_TEXT_FIELDS, `Payment ${n}: `);
}

/**
 * A payment on the order: a deposit (category D — how web payments are recorded, with the card's
 * authorization and transaction ids) or a payment (P). Sage keeps only the last four digits.
 */
export async function resolvePayment(sql: Sql, company: string, p: Rec, n: number, warnings: string[]): Promise<PaymentDraft> {
  warnings.push(...unknownFieldWarnings(p, PAYMENT_FIELDS).map((w) => `Payment ${n}: ${w}`));
  const type = codeField(p, 'PaymentType');
  if (!type) throw badRequest(`Payment ${n}: PaymentType is required`, 'PaymentType');
  await assertOnFile(sql, company, 'PaymentType', type);
  const category = codeField(p, 'PaymentTypeCategory') ?? 'D';
  if (category !== 'D' && category !== 'P') throw invalid('PaymentTypeCategory', `Payment ${n}: PaymentTypeCategory must be D (deposit) or P (payment)`);
  const amount = numberField(p, 'TransactionAmt', 0);
  if (amount < 0) throw invalid('TransactionAmt', `Payment ${n}: TransactionAmt cannot be negative`);
  const last4 = p.Last4UnencryptedCreditCardNos;
  if (last4 !== undefined && last4 !== null && last4 !== '' && !/^\d{4}$/.test(String(last4))) {
    throw invalid('Last4UnencryptedCreditCardNos', `Payment ${n}: Last4UnencryptedCreditCardNos must be 4 digits`);
  }
  const text = (k: string) => (typeof p[k] === 'string' && p[k] !== '' ? (p[k] as string) : null);
  return {
    PaymentSeqNo: String(n).padStart(6, '0'),
    PaymentType: type,
    PaymentTypeCategory: category,
    TransactionAmt: money(amount),
    CreditCardAuthorizationNo: text('CreditCardAuthorizationNo'),
    CreditCardTransactionID: text('CreditCardTransactionID'),
    Last4UnencryptedCreditCardNos: text('Last4UnencryptedCreditCardNos'),
  };
}
