import { formatCents as cents } from '../mapping/money';
import type { OrderPreview } from '../sync/order/preview';

/** The preview as a person reads it in a terminal. */
export function formatPreview(p: OrderPreview): string {
  const out: string[] = [];
  if (!p.valid) {
    out.push('The order cannot be read:', ...p.problems.map((x) => `  - ${x}`));
    return out.join('\n');
  }
  out.push(`Order ${p.orderId}${p.orderKey && p.orderKey !== p.orderId ? ` (${p.orderKey})` : ''}: ${p.wouldSend ? 'would be SENT to Sage' : p.holds.length ? 'would be HELD' : 'would not be sent'}`
    + ` — mapping version ${p.mappingVersion || 'defaults'}`);
  if (p.existing) out.push(`Already: ${p.existing.state}${p.existing.salesOrderNo ? ` as sales order ${p.existing.salesOrderNo}` : ''}${p.existing.holdReason ? ` — ${p.existing.holdReason}` : ''}`);
  const c = p.customer;
  if (c) out.push(`Customer: ${c.action}${c.customerNo ? ` ${c.arDivisionNo}-${c.customerNo}` : ''}${c.note ? ` — ${c.note}` : ''}${c.reason ? ` — ${c.reason}` : ''}`);
  if (p.items.length) {
    out.push('Items:');
    for (const i of p.items) {
      out.push(`  ${i.sku} → ${i.itemCode ? `${i.itemCode} (${i.source}${i.inactive ? ', INACTIVE' : ''})` : `? ${i.problem}`}`
        + (i.itemCode && p.availability?.[i.itemCode] !== undefined ? `, ${p.availability[i.itemCode]} available` : ''));
    }
  }
  if (p.credit && !p.credit.ok) out.push(`Credit: ${p.credit.reason}`);
  const so = p.salesOrder;
  if (so) {
    out.push(`Sales order: ${so.ARDivisionNo}-${so.CustomerNo} PO ${so.CustomerPONo}, status ${so.OrderStatus}, date ${so.OrderDate}`
      + `${so.ShipVia ? `, ship via ${so.ShipVia}` : ''}${so.TaxSchedule ? `, tax ${so.TaxSchedule}` : ''}, freight ${so.FreightAmt ?? 0}`);
    out.push(`  ship to: ${[so.ShipToName, so.ShipToAddress1, so.ShipToAddress2, so.ShipToAddress3, so.ShipToCity, so.ShipToState, so.ShipToZipCode, so.ShipToCountryCode].filter(Boolean).join(', ')}`);
    if (so.Comment) out.push(`  comment: ${so.Comment}`);
    for (const l of so.Lines) {
      out.push(l.ItemType === 4
        ? `  [comment] ${l.CommentText}`
        : `  [${l.ItemType}] ${l.ItemCode.padEnd(20)} ${String(l.QuantityOrdered ?? '').padStart(6)} × ${String(l.UnitPrice ?? '').padStart(9)}`
          + `${l.WarehouseCode ? `  wh ${l.WarehouseCode}` : ''}${l.QuantityBackordered ? `  (${l.QuantityBackordered} back-ordered)` : ''}${l.ItemCodeDesc ? `  ${l.ItemCodeDesc}` : ''}`);
    }
  }
  if (p.totals) out.push(`Totals (${p.totals.basis}): Sage ${cents(p.totals.sageCents)}, store ${cents(p.totals.clarityCents)}`);
  if (p.warnings.length) out.push('Warnings:', ...p.warnings.map((w) => `  - ${w}`));
  if (p.holds.length) out.push('Holds:', ...p.holds.map((h) => `  - ${h.field ? `[${h.field}] ` : ''}${h.message}${h.fix ? ` ${h.fix}` : ''}`));
  if (p.steps.length) out.push('Steps (Sage was only read):', ...p.steps.map((s) => `  ${s.level === 'info' ? ' ' : '!'} ${s.step}: ${s.message}`));
  return out.join('\n');
}

