import { describe, expect, it } from 'vitest';
import { defaultMappingConfig, validateMappingConfig } from '../../../server/mapping/config';
import { mapPayments, mapPaymentType } from '../../../server/mapping/payment';
import { mapShipVia } from '../../../server/mapping/ship-via';
import { contractOrderJson, order } from './fixtures';

const config = defaultMappingConfig;

describe('payment type mapping', () => {
  it.each([
    ['Stripe', 'Credit Card', 'Visa', 'VISA'],
    ['Stripe', 'Credit Card', 'MasterCard', 'MC'],
    ['stripe', 'credit card', 'AMERICAN EXPRESS', 'AMEX'],
    ['PayPal', 'PayPal', null, 'PAYPL'],
    ['Authorize.Net', 'Credit Card', 'Visa', 'ANET'],
  ])('%s / %s / %s → %s', (provider, method, card, type) => {
    expect(mapPaymentType({ ProviderKey: provider, PaymentMethodKey: method, CardType: card }, config)).toEqual({ paymentType: type, matched: true });
  });

  it.each([
    ['Stripe', 'Credit Card', 'Discover', 'payment Stripe / Credit Card / Discover is not in the payment mapping; recorded as CC. Add it to the mapping to choose.'],
    ['Braintree', 'Credit Card', 'Visa', 'payment Braintree / Credit Card / Visa is not in the payment mapping; recorded as CC. Add it to the mapping to choose.'],
    [null, null, null, 'payment with no provider or method is not in the payment mapping; recorded as CC. Add it to the mapping to choose.'],
  ])('an unknown %s / %s / %s gets the default with a warning', (provider, method, card, warning) => {
    expect(mapPaymentType({ ProviderKey: provider, PaymentMethodKey: method, CardType: card }, config)).toEqual({ paymentType: 'CC', matched: false, warning });
  });

  it('prefers the rule naming the most, and the first on a tie', () => {
    const r = validateMappingConfig({ payment: { rules: [{ provider: 'Stripe', paymentType: 'STRP' }, { method: 'Credit Card', paymentType: 'CARD' }, { provider: 'Stripe', method: 'Credit Card', paymentType: 'STCC' }] } });
    if (!r.ok) throw new Error(r.problems.join());
    expect(mapPaymentType({ ProviderKey: 'Stripe', PaymentMethodKey: 'Credit Card' }, r.config).paymentType).toBe('STCC');
    expect(mapPaymentType({ ProviderKey: 'Stripe', PaymentMethodKey: 'ACH' }, r.config).paymentType).toBe('STRP');
    expect(mapPaymentType({ ProviderKey: 'Square', PaymentMethodKey: 'credit  card' }, r.config).paymentType).toBe('CARD');
  });
});

describe('payments as deposits', () => {
  it('records the contract payment as a deposit with its ids and last four', () => {
    expect(mapPayments(order(contractOrderJson()), config)).toEqual({
      payments: [{ PaymentType: 'VISA', PaymentTypeCategory: 'D', TransactionAmt: 64.08, CreditCardAuthorizationNo: 'A1B2C3', CreditCardTransactionID: 'pi_3Q8xYz', Last4UnencryptedCreditCardNos: '4242' }],
      paymentType: 'VISA',
      depositCents: 6408,
      warnings: [],
      overflow: [],
    });
  });

  it('keeps an id too long for Sage out of its field and in the order comment', () => {
    const j = contractOrderJson();
    j.SalesOrderPayments[0].Slave.TransactionID = 'txn_' + 'x'.repeat(40);
    const r = mapPayments(order(j), config);
    expect(r.payments[0].CreditCardTransactionID).toBeUndefined();
    expect(r.overflow).toEqual([`payment 1 (Stripe) transaction id: txn_${'x'.repeat(40)}`]);
    expect(r.warnings).toEqual([`payment 1 (Stripe) transaction id "txn_${'x'.repeat(40)}" is longer than Sage's 36 characters; it is in the order comment`]);
  });

  it('splits payments, skips voided ones, uses the largest for the header and sums in cents', () => {
    const j = contractOrderJson();
    j.SalesOrderPayments = [
      { Slave: { Amount: '0.1', ProviderKey: 'PayPal', StatusKey: 'Payment Received' } },
      { Slave: { Amount: 63.98, ProviderKey: 'Stripe', CardType: 'Visa', Last4CardDigits: '**** **** **** 4242' } },
      { Slave: { Amount: 64.08, ProviderKey: 'Stripe', StatusKey: 'Declined' } },
    ];
    const r = mapPayments(order(j), config);
    expect(r.depositCents).toBe(6408);
    expect(r.paymentType).toBe('VISA');
    expect(r.payments.map((p) => [p.PaymentType, p.TransactionAmt, p.Last4UnencryptedCreditCardNos])).toEqual([['PAYPL', 0.1, undefined], ['VISA', 63.98, '4242']]);
    expect(r.warnings).toEqual(['payment 3 (Stripe) is "Declined" in Clarity; it is not recorded in Sage']);
  });

  it('takes the order total for a single payment with no amount, and warns of overpayment', () => {
    const j = contractOrderJson();
    j.SalesOrderPayments = [{ Slave: { ProviderKey: 'Stripe', CardType: 'Visa' } }];
    expect(mapPayments(order(j), config)).toMatchObject({ depositCents: 6408, warnings: ['payment 1 (Stripe) has no amount; the order total $64.08 is recorded'] });
    j.SalesOrderPayments = [{ Slave: { Amount: 70, ProviderKey: 'Stripe', CardType: 'Visa' } }];
    expect(mapPayments(order(j), config).warnings).toEqual(['payments of $70.00 are more than the order total $64.08']);
  });

  it('records nothing for an order paid on account', () => {
    const j = contractOrderJson();
    delete j.SalesOrderPayments;
    expect(mapPayments(order(j), config)).toEqual({ payments: [], paymentType: undefined, depositCents: 0, warnings: [], overflow: [] });
  });
});

describe('ship via', () => {
  it.each([
    ['UPS', 'Ground', 'UPS GROUND'],
    ['ups', ' ground ', 'UPS GROUND'],
    ['UPS', 'Next Day Air', 'UPS NDA'],
    ['FedEx', '2Day', 'FEDEX 2DAY'],
    ['USPS', 'Priority Mail', 'USPS PRI'],
    ['Pickup', 'In Store', 'WILL CALL'],
  ])('%s %s → %s', (carrier, method, code) => {
    expect(mapShipVia({ CarrierName: carrier, CarrierMethodName: method }, config)).toEqual({ shipVia: code, matched: true });
  });

  it('uses the default, with a warning, for a carrier it does not know', () => {
    const r = validateMappingConfig({ shipVia: { defaultShipVia: 'best way' } });
    if (!r.ok) throw new Error(r.problems.join());
    expect(mapShipVia({ CarrierName: 'DHL', CarrierMethodName: 'Express' }, r.config)).toEqual({ shipVia: 'BEST WAY', matched: false, warning: 'shipping "DHL Express" is not in the ship-via mapping; sent as BEST WAY. Add it to the mapping to choose.' });
    expect(mapShipVia(null, r.config)).toEqual({ shipVia: 'BEST WAY', matched: false });
  });

  it("leaves ShipVia to the customer's ship method when there is no default", () => {
    expect(mapShipVia({ CarrierName: 'DHL', CarrierMethodName: 'Express' }, config)).toEqual({ matched: false, warning: 'shipping "DHL Express" is not in the ship-via mapping; Sage will use the customer\'s ship method. Add it to the mapping to choose.' });
    expect(mapShipVia(undefined, config)).toEqual({ matched: false });
  });
});
