import type { Prng } from '../../catalog/prng';
import { money, type Payment } from '../types';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const chars = (r: Prng, n: number, alphabet = ALNUM) => Array.from({ length: n }, () => alphabet[r.int(0, alphabet.length - 1)]).join('');
const digits = (r: Prng, n: number) => chars(r, n, '0123456789');
const mixed = (r: Prng, n: number) => chars(r, n, `${ALNUM}abcdefghijklmnopqrstuvwxyz`);

const LAST4: Record<string, string[]> = { Visa: ['4242', '1881', '0077'], MasterCard: ['4444', '5100', '8210'], 'American Express': ['0005', '8431'] };

export type PaymentKind = 'stripe' | 'paypal' | 'authnet' | 'account';

/** What each gateway's records really look like: ids, auth codes, card brand and last four. */
export function paymentFor(r: Prng, kind: PaymentKind, amount: number, captured: boolean): Payment {
  const status = captured ? 'Payment Received' : 'Authorized';
  switch (kind) {
    case 'stripe': {
      const card = r.pick(['Visa', 'MasterCard', 'American Express']);
      return { Amount: amount, PaymentMethodKey: 'Credit Card', ProviderKey: 'Stripe', StatusKey: status,
        TransactionID: `pi_3${mixed(r, 23)}`, AuthCode: chars(r, 6), CardType: card, Last4CardDigits: r.pick(LAST4[card]) };
    }
    case 'authnet': {
      const card = r.pick(['Visa', 'MasterCard']);
      return { Amount: amount, PaymentMethodKey: 'Credit Card', ProviderKey: 'Authorize.Net', StatusKey: status,
        TransactionID: `6${digits(r, 10)}`, AuthCode: chars(r, 6), CardType: card, Last4CardDigits: r.pick(LAST4[card]) };
    }
    case 'paypal':
      return { Amount: amount, PaymentMethodKey: 'PayPal', ProviderKey: 'PayPal', StatusKey: 'Payment Received',
        TransactionID: chars(r, 17), AuthCode: null, CardType: null, Last4CardDigits: null };
    case 'account':
      return { Amount: amount, PaymentMethodKey: 'Purchase Order', ProviderKey: null, StatusKey: 'Pending',
        TransactionID: null, AuthCode: null, CardType: null, Last4CardDigits: null };
  }
}

/** Now and then part of the total is paid with a gift card and the rest by card. */
export function splitWithGiftCard(r: Prng, card: Payment, total: number): Payment[] {
  const gift = money(Math.min(total - 1, r.pick([10, 25, 50])));
  if (gift <= 0) return [card];
  return [
    { Amount: gift, PaymentMethodKey: 'Gift Card', ProviderKey: 'Clarity', StatusKey: 'Payment Received',
      TransactionID: `GC-${digits(r, 12)}`, AuthCode: null, CardType: null, Last4CardDigits: null },
    { ...card, Amount: money(total - gift) },
  ];
}
