import { z } from 'zod';

/**
 * The Clarity order as webhooks carry it and `GET /orders/{ID}` returns it (contracts/clarity.md,
 * "The order model"). Real orders are messy, so the schema is lenient where being strict would
 * only refuse good orders: numbers may arrive as numeric strings, ZIPs and phone numbers as
 * numbers, optional parts as null or missing, and unknown keys pass through untouched (a site's
 * own fields stay available to custom mappings). It is strict only where a wrong value would
 * make a wrong Sage order: money, quantities, the order's identity and its lines.
 */

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** "12.50", " 12.5 ", "$1,234.56" → number; anything else is left for z.number to refuse. */
function coerceNumeric(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  let s = v.trim().replace(/^\$/, '');
  if (GROUPED.test(s)) s = s.replace(/,/g, '');
  return NUMERIC.test(s) ? Number(s) : v;
}

const describe = (v: unknown) => (typeof v === 'string' ? `"${v}"` : v === null ? 'null' : JSON.stringify(v) ?? typeof v);

const numberError = (iss: { input?: unknown }) =>
  iss.input === undefined ? 'is missing' : `must be a number or a numeric string (got ${describe(iss.input)})`;

/** A required number: JSON number or numeric string. */
const num = z.preprocess(coerceNumeric, z.number({ error: numberError }));
/** An optional number: missing and null both mean "not given". */
const optNum = z.preprocess(coerceNumeric, z.number({ error: numberError }).nullish());
/** A text field that may arrive as a number (ZIP 78703, phone 5125550100, last four 4242). */
const text = z.preprocess(
  (v) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : v),
  z.string({ error: (iss) => `must be text (got ${describe(iss.input)})` }).nullish(),
);

export const clarityAddressSchema = z.looseObject({
  Company: text,
  Street1: text,
  Street2: text,
  Street3: text,
  City: text,
  RegionCode: text,
  RegionName: text,
  PostalCode: text,
  CountryCode: text,
  CountryName: text,
});

export const clarityContactSchema = z.looseObject({
  FirstName: text,
  LastName: text,
  Email1: text,
  Phone1: text,
  Address: clarityAddressSchema.nullish(),
});

export const claritySalesItemSchema = z
  .looseObject({
    ID: z.union([z.number(), z.string()]).nullish(),
    Sku: text,
    ProductKey: text,
    Name: text,
    Description: text,
    Quantity: num,
    UnitSoldPrice: optNum,
    ExtendedPrice: optNum,
    ExtendedTaxAmount: optNum,
    ProductUnitOfMeasure: text,
  })
  .superRefine((item, ctx) => {
    if (!item.Sku?.trim() && !item.ProductKey?.trim()) {
      ctx.addIssue({ code: 'custom', path: ['Sku'], message: 'is missing (neither Sku nor ProductKey is given)' });
    }
    if (item.UnitSoldPrice == null && item.ExtendedPrice == null) {
      ctx.addIssue({ code: 'custom', path: ['UnitSoldPrice'], message: 'is missing (neither UnitSoldPrice nor ExtendedPrice is given)' });
    }
  });

export const clarityTotalsSchema = z.looseObject({
  SubTotal: optNum,
  Shipping: optNum,
  Handling: optNum,
  Fees: optNum,
  Discounts: optNum,
  Tax: optNum,
  Total: num,
});

export const clarityPaymentSchema = z.looseObject({
  Amount: optNum,
  PaymentMethodKey: text,
  ProviderKey: text,
  StatusKey: text,
  TransactionID: text,
  AuthCode: text,
  CardType: text,
  Last4CardDigits: text,
});

/** Clarity wraps each payment as `{ Slave: {...} }`; some feeds send the payment bare. */
const paymentEntrySchema = z.preprocess(
  (v) => (v && typeof v === 'object' && !('Slave' in v) ? { Slave: v } : v),
  z.looseObject({ Slave: clarityPaymentSchema }),
);

export const clarityOrderSchema = z
  .looseObject({
    ID: z.union([z.number(), z.string().trim().min(1)]).nullish(),
    CustomKey: text,
    StatusKey: text,
    TypeKey: text,
    CreatedDate: text,
    UpdatedDate: text,
    AccountID: z.preprocess(coerceNumeric, z.union([z.number(), z.string()]).nullish()),
    AccountKey: text,
    UserID: z.preprocess(coerceNumeric, z.union([z.number(), z.string()]).nullish()),
    PurchaseOrderNumber: text,
    CurrencyKey: text,
    Notes: text,
    BillingContact: clarityContactSchema.nullish(),
    ShippingContact: clarityContactSchema.nullish(),
    SalesItems: z.array(claritySalesItemSchema, { error: (iss) => (iss.input === undefined ? 'is missing' : 'must be a list of lines') }),
    Totals: clarityTotalsSchema,
    ShippingDetail: z.looseObject({ CarrierName: text, CarrierMethodName: text }).nullish(),
    SalesOrderPayments: z.array(paymentEntrySchema).nullish(),
    SerializableAttributes: z.record(z.string(), z.unknown()).nullish(),
  })
  .superRefine((o, ctx) => {
    if (o.ID == null && !o.CustomKey?.trim()) {
      ctx.addIssue({ code: 'custom', path: ['ID'], message: 'is missing (an order needs an ID or a CustomKey)' });
    }
  });

export type ClarityOrder = z.infer<typeof clarityOrderSchema>;
export type ClarityAddress = z.infer<typeof clarityAddressSchema>;
export type ClarityContact = z.infer<typeof clarityContactSchema>;
export type ClaritySalesItem = ClarityOrder['SalesItems'][number];
export type ClarityPayment = z.infer<typeof clarityPaymentSchema>;

export type ParseOrderResult = { ok: true; order: ClarityOrder } | { ok: false; problems: string[] };

/** "SalesItems[2].Quantity" from a zod path. */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || 'the order';
}

/** Validates an order; problems name the field and say what is wrong, in plain words. */
export function parseClarityOrder(data: unknown): ParseOrderResult {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, problems: [`the order must be a JSON object (got ${Array.isArray(data) ? 'a list' : describe(data)})`] };
  }
  const parsed = clarityOrderSchema.safeParse(data, { reportInput: true });
  if (parsed.success) return { ok: true, order: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((i) => `${fieldPath(i.path)} ${plainMessage(i)}`) };
}

function plainMessage(issue: { code: string; message: string; input?: unknown }): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'is missing';
  if (issue.code === 'invalid_type' && /^Invalid input: expected (\w+)/.test(issue.message)) {
    const expected = /expected (\w+)/.exec(issue.message)?.[1];
    return `must be ${expected === 'object' ? 'an object' : `a ${expected}`} (got ${describe(issue.input)})`;
  }
  return issue.message;
}

/** The order's Clarity ID as text (IDs are numbers on most sites, strings on some). */
export function clarityOrderId(order: ClarityOrder): string {
  return order.ID != null ? String(order.ID) : String(order.CustomKey).trim();
}

/** A guest checkout: no customer account behind the order. */
export function isGuestOrder(order: ClarityOrder): boolean {
  const id = order.AccountID;
  const noId = id == null || id === 0 || id === '' || id === '0';
  return noId && !order.AccountKey?.trim();
}

/** The SKU a line sells, whichever of Sku / ProductKey the site fills. */
export function lineSku(item: ClaritySalesItem): string {
  return (item.Sku?.trim() || item.ProductKey?.trim() || '').toString();
}
