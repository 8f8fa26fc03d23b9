import type { ClarityOrder } from '../../../server/domain/clarity-order';
import { parseClarityOrder } from '../../../server/domain/clarity-order';

/** The contract's example order (contracts/clarity.md §5), as a webhook carries it. */
export function contractOrderJson(): Record<string, any> {
  return {
    ID: 100234, CustomKey: 'WEB-100234', StatusKey: 'Processing', TypeKey: 'Web',
    CreatedDate: '2026-11-29T09:58:12Z', UpdatedDate: '2026-11-29T09:58:12Z',
    AccountID: 77, AccountKey: 'ACME', UserID: 412, PurchaseOrderNumber: 'PO-5512',
    CurrencyKey: 'USD', Notes: 'Leave at dock 3',
    BillingContact: {
      FirstName: 'Dana', LastName: 'Ortiz', Email1: 'dana@acme.example', Phone1: '512-555-0100',
      Address: { Company: 'Acme Supply', Street1: '1200 North Lamar Boulevard', Street2: 'Suite 400', City: 'Austin', RegionCode: 'TX', PostalCode: '78703', CountryCode: 'US' },
    },
    ShippingContact: {
      FirstName: 'Dana', LastName: 'Ortiz', Email1: 'dana@acme.example', Phone1: '512-555-0100',
      Address: { Company: 'Acme Supply', Street1: '1200 North Lamar Boulevard', Street2: 'Suite 400', City: 'Austin', RegionCode: 'TX', PostalCode: '78703', CountryCode: 'US' },
    },
    SalesItems: [{ ID: 9001, Sku: 'WID-100-BLK', ProductKey: 'WID-100-BLK', Name: 'Widget, black', Quantity: 4, UnitSoldPrice: 12.5, ExtendedPrice: 50.0, ExtendedTaxAmount: 4.13, ProductUnitOfMeasure: 'EA' }],
    Totals: { SubTotal: 50.0, Shipping: 9.95, Handling: 0, Fees: 0, Discounts: 0, Tax: 4.13, Total: 64.08 },
    ShippingDetail: { CarrierName: 'UPS', CarrierMethodName: 'Ground' },
    SalesOrderPayments: [{ Slave: { Amount: 64.08, PaymentMethodKey: 'Credit Card', ProviderKey: 'Stripe', StatusKey: 'Payment Received', TransactionID: 'pi_3Q8xYz', AuthCode: 'A1B2C3', CardType: 'Visa', Last4CardDigits: '4242' } }],
    SerializableAttributes: { SageSalesOrderNo: { Key: 'SageSalesOrderNo', Value: '0001234' } },
  };
}

/** Parses JSON that a test built; fails the test loudly if the fixture itself is wrong. */
export function order(json: unknown): ClarityOrder {
  const r = parseClarityOrder(json);
  if (!r.ok) throw new Error(`fixture does not parse: ${r.problems.join('; ')}`);
  return r.order;
}
