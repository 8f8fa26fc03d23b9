import type { ClarityOrder, ClarityPayment } from '../domain/clarity-order';
import { SAGE_LAYOUT_LENGTHS, type SagePayment } from '../domain/sage';
import type { MappingConfig } from './config';
import { centsToAmount, formatMoney, sumCents, toCents, type Cents } from './money';

/**
 * Payments: gateway (ProviderKey), method (PaymentMethodKey) and card type → Sage PaymentType,
 * recorded as deposits on the sales order with the authorization and transaction ids, the way
 * web payments are kept in Sage. A payment no rule knows gets the default type and a warning;
 * a voided, declined or refunded one is not recorded at all.
 */

const norm = (s: string | null | undefined) => (s ?? '').trim().replace(/\s+/g, ' ').toLowerCase();

export interface PaymentTypeMapping {
  paymentType: string;
  matched: boolean;
  warning?: string;
}

export function mapPaymentType(p: Pick<ClarityPayment, 'ProviderKey' | 'PaymentMethodKey' | 'CardType'>, config: MappingConfig): PaymentTypeMapping {
  let best: { paymentType: string; score: number } | undefined;
  for (const r of config.payment.rules) {
    const checks = [[r.provider, p.ProviderKey], [r.method, p.PaymentMethodKey], [r.cardType, p.CardType]] as const;
    if (checks.some(([want, got]) => want !== undefined && norm(want) !== norm(got))) continue;
    // The rule that names the most of provider, method and card wins; the first one on a tie.
    const score = checks.filter(([want]) => want !== undefined).length;
    if (!best || score > best.score) best = { paymentType: r.paymentType, score };
  }
  if (best) return { paymentType: best.paymentType, matched: true };
  const def = config.payment.defaultPaymentType;
  const what = [p.ProviderKey, p.PaymentMethodKey, p.CardType].filter((s) => s?.trim()).join(' / ') || 'with no provider or method';
  return { paymentType: def, matched: false, warning: `payment ${what} is not in the payment mapping; recorded as ${def}. Add it to the mapping to choose.` };
}

export interface MappedPayments {
  payments: SagePayment[];
  /** The header PaymentType: the type of the largest payment. */
  paymentType?: string;
  depositCents: Cents;
  warnings: string[];
  /** Payment references too long for Sage's fields, for the order comment. */
  overflow: string[];
}

const lastFour = (s: string | null | undefined) => {
  const digits = (s ?? '').replace(/\D/g, '');
  return digits.length >= 4 ? digits.slice(-4) : undefined;
};

export function mapPayments(order: ClarityOrder, config: MappingConfig): MappedPayments {
  const entries = (order.SalesOrderPayments ?? []).map((e) => e.Slave);
  const skip = new Set(config.payment.skipStatuses.map(norm));
  const warnings: string[] = [];
  const overflow: string[] = [];
  const kept: Array<{ payment: SagePayment; cents: Cents }> = [];
  // An id longer than Sage's field is left out of it, and kept in the comment, not cut.
  const ref = (value: string | null | undefined, field: keyof typeof SAGE_LAYOUT_LENGTHS, label: string, what: string) => {
    const v = value?.trim();
    if (!v) return undefined;
    if (v.length <= SAGE_LAYOUT_LENGTHS[field]) return v;
    overflow.push(`${label} ${what}: ${v}`);
    warnings.push(`${label} ${what} "${v}" is longer than Sage's ${SAGE_LAYOUT_LENGTHS[field]} characters; it is in the order comment`);
    return undefined;
  };
  for (const [i, p] of entries.entries()) {
    const label = `payment ${i + 1}${p.ProviderKey ? ` (${p.ProviderKey})` : ''}`;
    if (skip.has(norm(p.StatusKey))) {
      warnings.push(`${label} is "${p.StatusKey}" in Clarity; it is not recorded in Sage`);
      continue;
    }
    let cents = p.Amount == null ? undefined : toCents(p.Amount);
    if (cents === undefined && entries.length === 1) {
      cents = toCents(order.Totals.Total);
      warnings.push(`${label} has no amount; the order total ${formatMoney(cents)} is recorded`);
    }
    if (cents === undefined || cents <= 0) {
      warnings.push(`${label} has ${cents === undefined ? 'no amount' : `an amount of ${formatMoney(cents)}`}; it is not recorded in Sage`);
      continue;
    }
    const type = mapPaymentType(p, config);
    if (type.warning) warnings.push(type.warning);
    const auth = ref(p.AuthCode, 'CreditCardAuthorizationNo', label, 'authorization');
    const txn = ref(p.TransactionID, 'CreditCardTransactionID', label, 'transaction id');
    kept.push({
      cents,
      payment: {
        PaymentType: type.paymentType,
        PaymentTypeCategory: 'D',
        TransactionAmt: centsToAmount(cents),
        ...(auth && { CreditCardAuthorizationNo: auth }),
        ...(txn && { CreditCardTransactionID: txn }),
        ...(lastFour(p.Last4CardDigits) && { Last4UnencryptedCreditCardNos: lastFour(p.Last4CardDigits) }),
      },
    });
  }
  const depositCents = sumCents(kept.map((k) => k.cents));
  const total = toCents(order.Totals.Total);
  if (depositCents > total) warnings.push(`payments of ${formatMoney(depositCents)} are more than the order total ${formatMoney(total)}`);
  const largest = [...kept].sort((a, b) => b.cents - a.cents)[0];
  return { payments: kept.map((k) => k.payment), paymentType: largest?.payment.PaymentType, depositCents, warnings, overflow };
}
