/** Sage lookup tables the demo company ships with, and how the demo store names the same things. */
export const PAYMENT_TYPES = [
  { PaymentType: 'CHECK', PaymentDesc: 'Check', PaymentMethod: 'C' },
  { PaymentType: 'VISA', PaymentDesc: 'Visa (Stripe)', PaymentMethod: 'R' },
  { PaymentType: 'MC', PaymentDesc: 'MasterCard', PaymentMethod: 'R' },
  { PaymentType: 'AMEX', PaymentDesc: 'American Express', PaymentMethod: 'R' },
  { PaymentType: 'CC', PaymentDesc: 'Credit card (web)', PaymentMethod: 'R' },
  { PaymentType: 'PAYPL', PaymentDesc: 'PayPal', PaymentMethod: 'O' },
  { PaymentType: 'ANET', PaymentDesc: 'Authorize.Net', PaymentMethod: 'R' },
  { PaymentType: 'COD', PaymentDesc: 'Cash on delivery', PaymentMethod: 'D' },
] as const;

export const SHIP_VIA = [
  { ShippingCode: 'UPS GROUND', ShippingCodeDesc: 'UPS Ground', carrier: 'UPS', method: 'Ground' },
  { ShippingCode: 'UPS 2DAY', ShippingCodeDesc: 'UPS 2nd Day Air', carrier: 'UPS', method: '2nd Day Air' },
  { ShippingCode: 'UPS NDA', ShippingCodeDesc: 'UPS Next Day Air', carrier: 'UPS', method: 'Next Day Air' },
  { ShippingCode: 'FEDEX GRND', ShippingCodeDesc: 'FedEx Ground', carrier: 'FedEx', method: 'Ground' },
  { ShippingCode: 'FEDEX 2DAY', ShippingCodeDesc: 'FedEx 2Day', carrier: 'FedEx', method: '2Day' },
  { ShippingCode: 'USPS PRI', ShippingCodeDesc: 'USPS Priority Mail', carrier: 'USPS', method: 'Priority Mail' },
  { ShippingCode: 'WILL CALL', ShippingCodeDesc: 'Customer pickup', carrier: 'Pickup', method: 'Will Call' },
] as const;

/** Payment providers the demo store's checkout uses. */
export const PAYMENT_PROVIDERS = [
  { ProviderKey: 'Stripe', PaymentMethodKey: 'Credit Card', cards: ['Visa', 'MasterCard', 'American Express'] },
  { ProviderKey: 'PayPal', PaymentMethodKey: 'PayPal', cards: [] },
  { ProviderKey: 'Authorize.Net', PaymentMethodKey: 'Credit Card', cards: ['Visa', 'MasterCard'] },
] as const;

export const TAX_SCHEDULES = ['WEB', 'TX', 'NONTAX'] as const;
export const TERMS_CODES = [{ code: '00', desc: 'Prepaid' }, { code: '01', desc: 'Net 30' }] as const;
