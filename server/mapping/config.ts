import { z } from 'zod';
import { fieldPath } from '../domain/clarity-order';
import { SAGE_LENGTHS as L } from '../domain/sage';
import { feedSettingsSchema } from './feed-settings';

/**
 * The merchant's mapping: every choice the order transformation makes that differs between
 * businesses. Versioned so a stored config can be upgraded when the shape changes. Every part
 * has a default, so a partial config (what the panel saves) is completed on validation.
 */

const code = (max: number, what: string) =>
  z.string().trim().min(1, `must not be empty`).max(max, `is longer than Sage's ${max} characters for ${what}`);
const itemCode = code(L.ItemCode, 'an item code');
const glAccount = z.string().trim().min(1, 'must not be empty').max(30, 'is longer than 30 characters');
const upper = (s: string) => s.toUpperCase();

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const STATUS_ACTIONS = ['hold', 'open', 'complete', 'cancel'] as const;
export type StatusAction = (typeof STATUS_ACTIONS)[number];

const statusSchema = z.object({
  /** Clarity StatusKey → what the Sage order should be. Keys match case-insensitively. */
  clarityToSage: z.record(z.string(), z.enum(STATUS_ACTIONS)).default({
    Pending: 'hold',
    'On Hold': 'hold',
    Processing: 'open',
    Confirmed: 'open',
    'Full Payment Received': 'open',
    Shipped: 'complete',
    Completed: 'complete',
    Void: 'cancel',
  }),
  /** Sites add statuses of their own; one the map does not know is treated as this, with a warning. */
  unknownClarityStatus: z.enum(['hold', 'open']).default('hold'),
  /** Sage state → Clarity StatusKey; null leaves the Clarity status alone. */
  sageToClarity: z
    .object({
      open: z.string().nullable().default('Processing'),
      hold: z.string().nullable().default('On Hold'),
      partiallyShipped: z.string().nullable().default(null),
      shippedInFull: z.string().nullable().default('Shipped'),
      closed: z.string().nullable().default('Completed'),
      deleted: z.string().nullable().default(null),
    })
    .prefault({}),
});

const paymentRuleSchema = z
  .object({
    provider: z.string().trim().min(1).optional(),
    method: z.string().trim().min(1).optional(),
    cardType: z.string().trim().min(1).optional(),
    paymentType: code(L.PaymentType, 'a payment type').transform(upper),
  })
  .refine((r) => r.provider || r.method || r.cardType, 'needs at least one of provider, method or cardType to match on');

const paymentSchema = z.object({
  rules: z.array(paymentRuleSchema).default([
    { provider: 'Stripe', cardType: 'Visa', paymentType: 'VISA' },
    { provider: 'Stripe', cardType: 'MasterCard', paymentType: 'MC' },
    { provider: 'Stripe', cardType: 'American Express', paymentType: 'AMEX' },
    { provider: 'PayPal', paymentType: 'PAYPL' },
    { provider: 'Authorize.Net', paymentType: 'ANET' },
  ]),
  /** Used, with a warning, when no rule matches. */
  defaultPaymentType: code(L.PaymentType, 'a payment type').transform(upper).default('CC'),
  /** Payment statuses that mean no money is held: such payments are not recorded in Sage. */
  skipStatuses: z.array(z.string()).default(['Void', 'Voided', 'Declined', 'Failed', 'Refunded', 'Cancelled', 'Canceled']),
});

const shipViaSchema = z.object({
  rules: z
    .array(z.object({ carrier: z.string().trim().min(1), method: z.string().trim().min(1).optional(), shipVia: code(L.ShipVia, 'a ship-via code').transform(upper) }))
    .default([
      { carrier: 'UPS', method: 'Ground', shipVia: 'UPS GROUND' },
      { carrier: 'UPS', method: '2nd Day Air', shipVia: 'UPS 2DAY' },
      { carrier: 'UPS', method: 'Next Day Air', shipVia: 'UPS NDA' },
      { carrier: 'FedEx', method: 'Ground', shipVia: 'FEDEX GRND' },
      { carrier: 'FedEx', method: '2Day', shipVia: 'FEDEX 2DAY' },
      { carrier: 'USPS', method: 'Priority Mail', shipVia: 'USPS PRI' },
      { carrier: 'Pickup', shipVia: 'WILL CALL' },
    ]),
  /** Used, with a warning, when no rule matches; null leaves ShipVia to the customer's default. */
  defaultShipVia: code(L.ShipVia, 'a ship-via code').transform(upper).nullable().default(null),
});

const warehouseSchema = z.object({
  defaultCode: code(L.WarehouseCode, 'a warehouse code').transform(upper).default('000'),
  /** First matching rule wins; a rule matches on a SKU prefix and/or an ItemCode prefix. */
  rules: z
    .array(
      z
        .object({ skuPrefix: z.string().min(1).optional(), itemCodePrefix: z.string().min(1).optional(), warehouseCode: code(L.WarehouseCode, 'a warehouse code').transform(upper) })
        .refine((r) => r.skuPrefix || r.itemCodePrefix, 'needs skuPrefix or itemCodePrefix'),
    )
    .default([]),
});

const chargeLine = (item: string) => z.object({ itemCode: itemCode.default(item), glAccount: glAccount.optional() });

const chargesSchema = z.object({
  freight: z
    .object({ mode: z.enum(['header', 'charge-line']).default('header'), itemCode: itemCode.default('/FREIGHT'), glAccount: glAccount.optional() })
    .prefault({}),
  /** 'freight' adds handling to FreightAmt instead of a line of its own. */
  handling: chargeLine('/HANDLING').extend({ mode: z.enum(['charge-line', 'freight']).default('charge-line') }).prefault({}),
  fees: chargeLine('/FEE').prefault({}),
  /**
   * 'line': one negative line; 'reduce-price': spread over the item lines' prices. Sage fixes
   * each "/" code's type in its item file: a discount code set up as a miscellaneous item is
   * type 5, as a miscellaneous charge type 3; the line must say the same.
   */
  discount: chargeLine('/DISCOUNT')
    .extend({ mode: z.enum(['line', 'reduce-price']).default('line'), itemType: z.union([z.literal(3), z.literal(5)]).default(5) })
    .prefault({}),
  /** Sage's comment line item code. */
  commentItemCode: itemCode.default('/C'),
});

const taxSchema = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('sage-schedule'),
    /** Schedule stamped on the order; empty uses the customer's own schedule. */
    taxSchedule: code(L.TaxSchedule, 'a tax schedule').transform(upper).optional(),
  }),
  z.object({
    mode: z.literal('charge-line'),
    itemCode: itemCode.default('/TAX'),
    glAccount: glAccount,
    /** A non-taxable schedule, so Sage adds no tax of its own on top of the charge line. */
    taxSchedule: code(L.TaxSchedule, 'a tax schedule').transform(upper).default('NONTAX'),
  }),
]);

const customerSchema = z.object({
  division: z.string().regex(/^\d{2}$/, 'must be two digits, "00" to "99"').default('01'),
  termsCode: code(L.TermsCode, 'a terms code').optional(),
  taxSchedule: code(L.TaxSchedule, 'a tax schedule').transform(upper).optional(),
  /** How new customers are numbered: Sage's next number, or derived from the e-mail, name or Clarity account. */
  numbering: z.enum(['auto', 'from-email', 'from-name', 'from-account']).default('auto'),
  /** Put before derived numbers ("W" + "ACME" → "WACME"). */
  prefix: z.string().regex(/^[A-Z0-9]*$/, 'must be upper-case letters and digits').max(6).default(''),
  guest: z
    .discriminatedUnion('mode', [
      z.object({ mode: z.literal('shared'), division: z.string().regex(/^\d{2}$/).optional(), customerNo: code(L.CustomerNo, 'a customer number').transform(upper) }),
      z.object({ mode: z.literal('create') }),
    ])
    .default({ mode: 'create' }),
  /** A customer found nowhere: create it, or hold the order for someone to pick the right one. */
  unknown: z.enum(['create', 'hold']).default('create'),
  /**
   * A ZIP code Sage's ZIP table does not have: hold the order (Sage's table feeds city names and
   * tax jurisdictions, and is the merchant's to curate), or add it with the order's city and state.
   */
  unknownZip: z.enum(['hold', 'add']).default('hold'),
  creditLimit: z.number().nonnegative().optional(),
  shipMethod: code(L.ShipVia, 'a ship-via code').transform(upper).optional(),
});

const orderSchema = z.object({
  orderType: z.enum(['S', 'Q']).default('S'),
  /** Which Clarity value becomes CustomerPONo, the key that makes retries find the order again. */
  keySource: z.enum(['CustomKey', 'ID']).default('CustomKey'),
  orderDate: z.enum(['today', 'clarity-created']).default('today'),
  /** Time zone for turning Clarity's UTC CreatedDate into Sage's local OrderDate. */
  timeZone: z.string().refine(isTimeZone, 'is not a time zone (use a name like "America/Chicago")').default('UTC'),
  /** The Sage company's currency; an order in another currency is held. */
  currency: z.string().length(3).transform(upper).default('USD'),
  /** Sage's country codes: 'iso3' ("USA", Sage's own SY_Country codes) or 'iso2' ("US"). */
  countryCodes: z.enum(['iso3', 'iso2']).default('iso3'),
  /** Send the Clarity unit of measure on item lines (only when Sage uses the same codes). */
  sendUnitOfMeasure: z.boolean().default(false),
  udf: z
    .array(z.object({
      field: z.string().regex(/^UDF_[A-Z0-9_]+$/, 'must be a Sage UDF name like UDF_WEB_ORDER'),
      from: z.enum(['clarity-id', 'clarity-key', 'purchase-order-number', 'customer-email', 'currency']),
      /** The UDF's length as set up in Sage. */
      maxLength: z.number().int().min(1).max(2048).default(30),
    }))
    .default([]),
});

export const mappingConfigSchema = z.object({
  version: z.literal(1).default(1),
  status: statusSchema.prefault({}),
  payment: paymentSchema.prefault({}),
  shipVia: shipViaSchema.prefault({}),
  /** Clarity SKU → Sage ItemCode, checked before Sage's aliases. */
  skuOverrides: z.record(z.string().min(1), itemCode.transform(upper)).default({}),
  warehouse: warehouseSchema.prefault({}),
  charges: chargesSchema.prefault({}),
  tax: taxSchema.default({ mode: 'sage-schedule' }),
  customer: customerSchema.prefault({}),
  unknownSku: z.object({ policy: z.enum(['hold', 'misc-line']).default('hold'), miscItemCode: itemCode.default('/MISC') }).prefault({}),
  credit: z.object({ policy: z.enum(['sage-hold', 'app-hold', 'ignore']).default('sage-hold') }).prefault({}),
  stock: z.object({ policy: z.enum(['hold', 'backorder', 'send-all']).default('backorder'), includeOnPurchaseOrder: z.boolean().default(false) }).prefault({}),
  order: orderSchema.prefault({}),
  /** Settings of the Sage → Clarity feeds (./feed-settings.ts). */
  feeds: feedSettingsSchema.prefault({}),
});

export type MappingConfig = z.infer<typeof mappingConfigSchema>;
export type MappingConfigInput = z.input<typeof mappingConfigSchema>;

export const defaultMappingConfig: MappingConfig = mappingConfigSchema.parse({});

export type ValidateConfigResult = { ok: true; config: MappingConfig } | { ok: false; problems: string[] };

/** Completes a partial config with defaults; problems name the setting and what is wrong. */
export function validateMappingConfig(raw: unknown): ValidateConfigResult {
  const parsed = mappingConfigSchema.safeParse(raw ?? {});
  if (parsed.success) return { ok: true, config: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((i) => {
      const where = i.path.length ? fieldPath(i.path) : 'the mapping';
      const msg = i.code === 'invalid_type' && i.input === undefined ? 'is missing' : i.message.replace(/^Invalid input: /, 'invalid: ');
      return `${where} ${msg}`;
    }),
  };
}
