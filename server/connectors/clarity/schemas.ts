import { z } from 'zod';

/**
 * Wire shapes of the Clarity side that intake and polling depend on (contracts/clarity.md §2, §3,
 * §5). Records are loose objects: only the fields the connector relies on are checked here, the
 * rest passes through untouched for the mapping layer.
 */

export const WEBHOOK_TOPICS = [
  'order.created', 'order.updated', 'order.cancelled',
  'customer.created', 'customer.updated', 'product.updated', 'app.uninstalled',
] as const;
export type WebhookTopic = (typeof WEBHOOK_TOPICS)[number];

/**
 * One spelling per instant: "2026-11-29T09:58:12Z" from a webhook and "2026-11-29T09:58:12.000Z"
 * from a list must compare equal, or one order version would count as two. Clarity dates without
 * an offset are UTC (ServiceStack's default). Returns null for what is not a date.
 */
export function canonicalIso(value: unknown): string | null {
  if (typeof value !== 'string' || !value) return null;
  // Every webhook carries two dates, mostly spelled canonically already: those are checked
  // field by field, which costs a fraction of a Date round trip, and returned as they are.
  if (isCanonicalIso(value)) return value;
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(value);
  const ms = Date.parse(hasZone || !value.includes('T') ? value : `${value}Z`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** Exactly what toISOString() makes for a real instant of years 0000-9999: "YYYY-MM-DDTHH:mm:ss.sssZ". */
function isCanonicalIso(v: string): boolean {
  if (v.length !== 24 || v[4] !== '-' || v[7] !== '-' || v[10] !== 'T' || v[13] !== ':' || v[16] !== ':' || v[19] !== '.' || v[23] !== 'Z') {
    return false;
  }
  const year = digits(v, 0, 4);
  const month = digits(v, 5, 2);
  const day = digits(v, 8, 2);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
    && inRange(digits(v, 11, 2), 23) && inRange(digits(v, 14, 2), 59) && inRange(digits(v, 17, 2), 59) && inRange(digits(v, 20, 3), 999);
}

/** The decimal number in v[from, from + count), or -1 if a character there is not a digit. */
function digits(v: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const d = v.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

const inRange = (n: number, max: number) => n >= 0 && n <= max;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const isoDate = z.string().min(1).refine((v) => canonicalIso(v) !== null, 'must be an ISO-8601 date');
/** Clarity IDs are integers; a few sites send them as strings. Either way they become text keys. */
const recordId = z.union([z.number().int().nonnegative(), z.string().min(1).max(64)]);

export const webhookEnvelopeSchema = z.object({
  type: z.string().min(1).max(100),
  timestamp: isoDate,
  data: z.record(z.string(), z.unknown()),
});
export type WebhookEnvelope = z.infer<typeof webhookEnvelopeSchema>;

const whsec = z.string().regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, 'must be whsec_<base64>');

export const appInstalledSchema = z.object({
  type: z.literal('app.installed'),
  timestamp: isoDate,
  data: z.object({
    storeId: z.string().min(1).max(100),
    storeName: z.string().min(1).max(300),
    apiBaseUrl: z.string().url().refine((v) => /^https?:\/\//.test(v), 'must be an http(s) URL'),
    clientId: z.string().min(1).max(300),
    clientSecret: z.string().min(1).max(1000),
    webhookSecret: whsec,
    adminUserEmail: z.string().max(320).optional(),
  }),
});
export type AppInstalled = z.infer<typeof appInstalledSchema>;

export const appUninstalledSchema = z.object({
  type: z.literal('app.uninstalled'),
  timestamp: isoDate,
  data: z.looseObject({ storeId: z.string().min(1).max(100) }),
});

/** What intake needs of an order: its ID and the version (UpdatedDate) the event describes. */
export const clarityOrderSchema = z.looseObject({
  ID: recordId,
  UpdatedDate: isoDate,
  StatusKey: z.string().nullish(),
  CustomKey: z.string().nullish(),
});
export type ClarityOrderRecord = z.infer<typeof clarityOrderSchema>;

export const clarityCustomerRefSchema = z.looseObject({ ID: recordId, UpdatedDate: isoDate.nullish() });
export const clarityProductRefSchema = z.looseObject({ Sku: z.string().min(1), ID: recordId.nullish(), UpdatedDate: isoDate.nullish() });

/** A page of a `?modifiedSince` search: oldest change first, 1-based page numbers. */
export function listPageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    Results: z.array(item),
    TotalCount: z.number().int().nonnegative(),
    TotalPages: z.number().int().nonnegative(),
    CurrentPage: z.number().int().nonnegative(),
  });
}
export const orderListPageSchema = listPageSchema(clarityOrderSchema);
export type OrderListPage = z.infer<typeof orderListPageSchema>;

export const patchOrderSchema = z.object({
  StatusKey: z.string().min(1).optional(),
  SerializableAttributes: z.record(z.string(), z.object({ Key: z.string(), Value: z.string().nullable() })).optional(),
});
export type PatchOrderBody = z.infer<typeof patchOrderSchema>;
