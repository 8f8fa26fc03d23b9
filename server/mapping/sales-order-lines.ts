import { lineSku, type ClarityOrder } from '../domain/clarity-order';
import { SAGE_LAYOUT_LENGTHS, SAGE_LENGTHS, type SageLine } from '../domain/sage';
import type { BuildContext, Hold, ResolvedSku } from './build-types';
import type { MappingConfig } from './config';
import { allocateCents, centsToAmount, formatMoney, multiplyToCents, sumCents, toCents, unitPricesFor, type Cents } from './money';
import { cutAtWord, tidy } from './names';
import { warehouseFor } from './sku';

/**
 * The item lines: each Clarity line priced in cents so that Sage's own quantity × price lands on
 * Clarity's extension to the cent, unknown and inactive items handled by policy, a price-reducing
 * discount spread over the lines, and the stock policy applied against Sage's availability.
 */

interface Priced {
  index: number;
  sku: string;
  quantity: number;
  extCents: Cents;
  kind: 'item' | 'misc';
  itemCode: string;
  desc?: string;
  comment?: string;
  uom?: string;
}

export interface ItemLines {
  lines: SageLine[];
  itemsCents: Cents;
  /** The part of a reduce-price discount larger than the items themselves; it goes on a discount line. */
  discountLeftCents: Cents;
  holds: Hold[];
  warnings: string[];
}

export function buildItemLines(order: ClarityOrder, ctx: BuildContext, config: MappingConfig, reduceByCents: Cents): ItemLines {
  const holds: Hold[] = [];
  const warnings: string[] = [];
  const priced: Priced[] = [];
  for (const [index, item] of order.SalesItems.entries()) {
    const sku = lineSku(item);
    const field = `SalesItems[${index}]`;
    const name = tidy(item.Name);
    const what = `line ${index + 1} (SKU ${sku})`;
    if (!(item.Quantity > 0)) {
      holds.push({ code: 'quantity', field: `${field}.Quantity`, message: `${what} has a quantity of ${item.Quantity}.`, fix: 'Correct the quantity in Clarity (or remove the line), then retry.' });
      continue;
    }
    const fromUnit = item.UnitSoldPrice != null ? multiplyToCents(item.Quantity, item.UnitSoldPrice) : undefined;
    const extCents = item.ExtendedPrice != null ? toCents(item.ExtendedPrice) : fromUnit!;
    if (fromUnit !== undefined && fromUnit !== extCents) {
      warnings.push(`${what}: ${item.Quantity} × ${item.UnitSoldPrice} is ${formatMoney(fromUnit)} but Clarity's extended price is ${formatMoney(extCents)}; the extended price is used`);
    }
    const resolved = resolve(ctx.items, sku);
    if (resolved?.inactive) {
      holds.push({ code: 'inactive-item', field: `${field}.Sku`, message: `${what} is item ${resolved.itemCode}, which is inactive in Sage.`, fix: `Make item ${resolved.itemCode} active in Sage, or map SKU ${sku} to another item, then retry.` });
      continue;
    }
    const uom = unitOfMeasure(item.ProductUnitOfMeasure, config, what, warnings);
    if (resolved && !resolved.misc && resolved.source !== 'misc') {
      priced.push({ index, sku, quantity: item.Quantity, extCents, kind: 'item', itemCode: resolved.itemCode, uom });
      continue;
    }
    if (!resolved && config.unknownSku.policy === 'hold') {
      holds.push({
        code: 'unknown-sku',
        field: `${field}.Sku`,
        message: `SKU ${sku}${name ? ` (${name})` : ''} on ${`line ${index + 1}`} is not a Sage item, an alias in Sage, or in the item map.`,
        fix: `Add SKU ${sku} to the item map, or make it an alias of an item in Sage, or set unknown SKUs to go on a miscellaneous line; then retry.`,
      });
      continue;
    }
    const itemCode = resolved?.itemCode ?? config.unknownSku.miscItemCode;
    const label = tidy(`${sku} ${name}`);
    const desc = cutAtWord(label, SAGE_LENGTHS.ItemCodeDesc).head;
    if (!resolved) warnings.push(`SKU ${sku} is not a Sage item; sent on miscellaneous item ${itemCode} as "${desc}" (unknown-SKU policy)`);
    priced.push({ index, sku, quantity: item.Quantity, extCents, kind: 'misc', itemCode, desc, comment: desc !== label ? label : undefined, uom });
  }

  let discountLeftCents = 0;
  if (reduceByCents > 0) {
    const base = sumCents(priced.map((p) => p.extCents));
    const spread = Math.min(reduceByCents, base);
    discountLeftCents = reduceByCents - spread;
    allocateCents(spread, priced.map((p) => p.extCents)).forEach((d, i) => (priced[i].extCents -= d));
  }

  const lines: SageLine[] = [];
  const stock = stockTracker(ctx, config, holds, warnings);
  for (const p of priced) {
    const { parts, exact } = unitPricesFor(p.extCents, p.quantity);
    if (parts.length > 1) {
      warnings.push(`line ${p.index + 1} (SKU ${p.sku}): ${formatMoney(p.extCents)} for ${p.quantity} does not divide into whole cents; sent as ${parts.map((x) => `${x.quantity} × ${formatMoney(x.unitCents)}`).join(' and ')} so Sage's total matches`);
    }
    if (!exact) warnings.push(`line ${p.index + 1} (SKU ${p.sku}): ${formatMoney(p.extCents)} for a quantity of ${p.quantity} cannot be matched to the cent with a 2-decimal price`);
    for (const part of parts) {
      const line: SageLine = {
        ItemType: p.kind === 'item' ? 1 : 5,
        ItemCode: p.itemCode,
        ...(p.desc && { ItemCodeDesc: p.desc }),
        QuantityOrdered: part.quantity,
        UnitPrice: centsToAmount(part.unitCents),
        WarehouseCode: warehouseFor(config, p.sku, p.itemCode),
        ...(p.uom && { UnitOfMeasure: p.uom }),
        ...(p.comment && { CommentText: p.comment }),
      };
      if (p.kind === 'item') stock(line, p);
      lines.push(line);
    }
  }
  const itemsCents = sumCents(lines.map((l) => multiplyToCents(l.QuantityOrdered ?? 0, l.UnitPrice ?? 0)));
  return { lines, itemsCents, discountLeftCents, holds, warnings };
}

/** Clarity's unit of measure, only when the mapping says Sage uses the same codes. */
function unitOfMeasure(raw: string | null | undefined, config: MappingConfig, what: string, warnings: string[]): string | undefined {
  const uom = raw?.trim().toUpperCase();
  if (!config.order.sendUnitOfMeasure || !uom) return undefined;
  if (uom.length <= SAGE_LAYOUT_LENGTHS.UnitOfMeasure) return uom;
  warnings.push(`${what}: unit of measure "${uom}" is longer than Sage's ${SAGE_LAYOUT_LENGTHS.UnitOfMeasure} characters; Sage's own unit for the item is used`);
  return undefined;
}

function resolve(items: Record<string, ResolvedSku>, sku: string): ResolvedSku | undefined {
  if (Object.hasOwn(items, sku)) return items[sku];
  const want = sku.toUpperCase();
  const key = Object.keys(items).find((k) => k.trim().toUpperCase() === want);
  return key === undefined ? undefined : items[key];
}

/** Applies the stock policy line by line; several lines of one item draw on the same availability. */
function stockTracker(ctx: BuildContext, config: MappingConfig, holds: Hold[], warnings: string[]) {
  const used = new Map<string, number>();
  const unknown = new Set<string>();
  const policy = config.stock.policy;
  return (line: SageLine, p: Priced) => {
    if (!ctx.availability) return;
    const code = line.ItemCode;
    const qty = line.QuantityOrdered ?? 0;
    const avail = ctx.availability[code];
    if (avail === undefined) {
      if (!unknown.has(code)) warnings.push(`Sage's availability of item ${code} is not known; its stock was not checked`);
      unknown.add(code);
      return;
    }
    const before = used.get(code) ?? 0;
    used.set(code, before + qty);
    const left = Math.max(0, avail - before);
    const short = qty - left;
    if (short <= 0) return;
    const what = `item ${code} (SKU ${p.sku}): ${qty} ordered, ${left} available in Sage`;
    if (policy === 'hold') {
      holds.push({ code: 'stock-short', field: `SalesItems[${p.index}].Quantity`, message: `Not enough stock for ${what}.`, fix: 'Retry when the stock has arrived, or change the stock policy to back-order or send all, or release the order by hand.' });
    } else if (policy === 'backorder') {
      line.QuantityBackordered = short;
      warnings.push(`${what}; ${short} on back order (stock policy)`);
    } else warnings.push(`${what}; sent in full anyway (stock policy: send all)`);
  };
}
