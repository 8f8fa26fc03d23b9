import { clarityOrderId, type ClarityContact, type ClarityOrder } from '../domain/clarity-order';
import { SAGE_LAYOUT_LENGTHS, SAGE_LENGTHS, type SageLine, type SageSalesOrderInput } from '../domain/sage';
import { fitToSage, normalizeAddress, sageAddressFields, type FitResult } from './address';
import type { BuildContext, BuildResult, Hold } from './build-types';
import type { MappingConfig } from './config';
import { centsOrZero, centsToAmount, formatMoney, toCents } from './money';
import { customerName, cutAtWord, tidy } from './names';
import { customerPoNumber } from './order-key';
import { mapPayments } from './payment';
import { buildCharges, discountOf } from './sales-order-charges';
import { buildItemLines } from './sales-order-lines';
import { mapShipVia } from './ship-via';
import { clarityToSage } from './status';

export type { BuildContext, BuildResult, Hold, ResolvedSku, BuildTotals, HoldCode } from './build-types';

/**
 * One Clarity order → the body of Sage's `POST /SO/SalesOrder`, with every warning it produced
 * and every reason it must be held. Pure: the order flow has already found the customer and the
 * items, and decides what to do with the holds (an order with holds is not sent). Bad or messy
 * data never throws; it becomes a hold or a warning. (Only an amount too large to count exactly
 * in cents, beyond 90 trillion, throws the money module's BadAmount.)
 */
export function buildSalesOrder(order: ClarityOrder, ctx: BuildContext, config: MappingConfig): BuildResult {
  const warnings: string[] = [];
  const holds: Hold[] = [];
  const overflow: string[] = [];

  const status = clarityToSage(order.StatusKey, config);
  if (status.warning) warnings.push(status.warning);
  if (status.action === 'complete' || status.action === 'cancel') {
    holds.push({
      code: 'status',
      field: 'StatusKey',
      message: `The order is "${order.StatusKey}" in Clarity, which the status mapping makes ${status.action === 'cancel' ? 'cancelled' : 'complete'}; a new open order in Sage would ${status.action === 'cancel' ? 'ship a cancelled order' : 'ship it a second time'}.`,
      fix: 'If Sage should still get this order, map that status to open or hold in the status mapping and retry; otherwise dismiss it.',
    });
  }
  const currency = order.CurrencyKey?.trim().toUpperCase();
  if (currency && currency !== config.order.currency) {
    holds.push({ code: 'currency', field: 'CurrencyKey', message: `The order is in ${currency}; the Sage company keeps its books in ${config.order.currency}.`, fix: `Enter the order in Sage by hand, or change the company currency in the mapping if it is wrong; then retry.` });
  }
  if (order.SalesItems.length === 0) {
    holds.push({ code: 'no-lines', field: 'SalesItems', message: 'The order has no lines.', fix: 'Check the order in Clarity; an order with nothing on it cannot become a sales order.' });
  }

  const discount = discountOf(order);
  const reduce = config.charges.discount.mode === 'reduce-price' ? discount : 0;
  const items = buildItemLines(order, ctx, config, reduce);
  holds.push(...items.holds);
  warnings.push(...items.warnings);
  const discountLine = config.charges.discount.mode === 'line' ? discount : items.discountLeftCents;
  if (items.discountLeftCents > 0) warnings.push(`the discount of ${formatMoney(discount)} is more than the items; ${formatMoney(items.discountLeftCents)} of it is on a discount line`);
  const charges = buildCharges(order, config, discountLine, ctx.customer.TaxSchedule);

  const shipContact = order.ShippingContact?.Address ? order.ShippingContact : order.BillingContact;
  if (!order.ShippingContact?.Address && order.BillingContact?.Address) warnings.push('the order has no shipping address; the billing address is used to ship');
  const shipTo = addressFor(shipContact, 'ship-to', config);
  const billTo = addressFor(order.BillingContact?.Address ? order.BillingContact : order.ShippingContact, 'bill-to', config);
  for (const p of shipTo.problems) holds.push({ code: 'ship-to-address', field: 'ShippingContact.Address', message: `The ${p}.`, fix: 'Correct the shipping address in Clarity, then retry.' });
  warnings.push(...shipTo.warnings, ...billTo.problems.map((p) => `the ${p}`), ...billTo.warnings);
  overflow.push(...shipTo.overflow, ...billTo.overflow);

  const po = customerPoNumber(order, config);
  if (po.warning) warnings.push(po.warning);
  const shipVia = mapShipVia(order.ShippingDetail, config);
  if (shipVia.warning) warnings.push(shipVia.warning);
  const pay = mapPayments(order, config);
  warnings.push(...pay.warnings);
  overflow.push(...pay.overflow);

  const notes = tidy(order.Notes);
  const comment = notes ? cutAtWord(notes, SAGE_LENGTHS.Comment).head : undefined;
  const commentTexts: string[] = [];
  if (notes && notes !== comment) commentTexts.push(`Notes: ${notes}`);
  const customerPo = tidy(order.PurchaseOrderNumber);
  if (customerPo) commentTexts.push(`Customer PO: ${customerPo}`);
  if (overflow.length) commentTexts.push(overflow.join('\n'));
  const commentLines: SageLine[] = commentTexts.flatMap((t) => chunks(t, SAGE_LAYOUT_LENGTHS.CommentText))
    .map((CommentText) => ({ ItemType: 4, ItemCode: config.charges.commentItemCode, CommentText }));

  const email = emailOf(order, warnings);
  const salesOrder: SageSalesOrderInput = {
    ARDivisionNo: ctx.customer.ARDivisionNo,
    CustomerNo: ctx.customer.CustomerNo,
    OrderDate: orderDate(order, ctx, config),
    OrderType: config.order.orderType,
    OrderStatus: status.orderStatus === 'H' ? 'H' : 'O',
    CustomerPONo: po.value,
    ...sageAddressFields('BillTo', billTo.fields),
    ...sageAddressFields('ShipTo', shipTo.fields),
    ...(shipVia.shipVia && { ShipVia: shipVia.shipVia }),
    ...(charges.taxSchedule && { TaxSchedule: charges.taxSchedule }),
    ...(ctx.customer.TermsCode && { TermsCode: ctx.customer.TermsCode }),
    FreightAmt: centsToAmount(charges.freightCents),
    ...(comment && { Comment: comment }),
    ...(email && { EmailAddress: email }),
    WarehouseCode: config.warehouse.defaultCode,
    ...(pay.paymentType && { PaymentType: pay.paymentType, DepositAmt: centsToAmount(pay.depositCents) }),
    Lines: [...commentLines, ...items.lines, ...charges.lines],
    ...(pay.payments.length > 0 && { Payments: pay.payments }),
  };
  for (const u of config.order.udf) {
    const v = udfValue(u.from, order, po.key, email);
    if (!v) continue;
    // The values a UDF can take are all kept elsewhere on the order too, so a cut here loses nothing.
    if ([...v].length > u.maxLength) warnings.push(`${u.field} holds ${u.maxLength} characters; "${v}" is cut to fit`);
    salesOrder[u.field as `UDF_${string}`] = [...v].slice(0, u.maxLength).join('');
  }

  const taxCents = centsOrZero(order.Totals.Tax);
  const total = toCents(order.Totals.Total);
  const basis = config.tax.mode === 'charge-line' ? 'with-tax' : 'before-tax';
  const clarityCents = basis === 'with-tax' ? total : total - taxCents;
  const sageCents = items.itemsCents + charges.freightCents + charges.chargesCents - charges.discountCents + charges.taxLineCents;
  const itemProblem = holds.some((h) => ['quantity', 'unknown-sku', 'inactive-item', 'no-lines'].includes(h.code));
  if (sageCents !== clarityCents && !itemProblem) {
    const diff = sageCents - clarityCents;
    holds.push({
      code: 'total-mismatch',
      field: 'Totals.Total',
      message: basis === 'before-tax'
        ? `Before tax, Sage's total would be ${formatMoney(sageCents)} but Clarity's is ${formatMoney(clarityCents)} (Total ${formatMoney(total)} − tax ${formatMoney(taxCents)}); ${formatMoney(Math.abs(diff))} ${diff > 0 ? 'more' : 'less'} in Sage.`
        : `Sage's total would be ${formatMoney(sageCents)} but Clarity's Total is ${formatMoney(clarityCents)}; ${formatMoney(Math.abs(diff))} ${diff > 0 ? 'more' : 'less'} in Sage.`,
      fix: "Check the order in Clarity (its lines, shipping, fees and discounts should add up to its total) and the charge and discount mapping; then retry.",
    });
  }
  return {
    salesOrder,
    warnings,
    holds,
    totals: {
      basis,
      clarityCents,
      sageCents,
      clarityTaxCents: taxCents,
      parts: { itemsCents: items.itemsCents, freightCents: charges.freightCents, chargesCents: charges.chargesCents, discountCents: charges.discountCents, taxLineCents: charges.taxLineCents },
    },
  };
}

function addressFor(contact: ClarityContact | null | undefined, label: string, config: MappingConfig): FitResult & { problems: string[] } {
  const normalized = normalizeAddress(contact?.Address, label);
  const name = customerName(contact?.Address?.Company, contact?.FirstName, contact?.LastName);
  const fit = fitToSage(normalized, name, { label, countryCodes: config.order.countryCodes });
  return { ...fit, warnings: [...normalized.warnings, ...fit.warnings], problems: normalized.problems };
}

function emailOf(order: ClarityOrder, warnings: string[]): string | undefined {
  const email = (order.BillingContact?.Email1?.trim() || order.ShippingContact?.Email1?.trim() || '');
  if (!email) return undefined;
  if (email.length > SAGE_LENGTHS.EmailAddress || !/^[^\s@]+@[^\s@]+$/.test(email)) {
    warnings.push(`e-mail "${email.slice(0, 60)}" is not an address Sage can keep; the order has no e-mail`);
    return undefined;
  }
  return email;
}

/** Sage's OrderDate: today in the merchant's zone, or the Clarity creation date in the configured zone. */
function orderDate(order: ClarityOrder, ctx: BuildContext, config: MappingConfig): string {
  if (config.order.orderDate !== 'clarity-created' || !order.CreatedDate) return ctx.today;
  const at = new Date(order.CreatedDate);
  if (Number.isNaN(at.getTime())) return ctx.today;
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: config.order.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  return parts.replace(/-/g, '');
}

function udfValue(from: MappingConfig['order']['udf'][number]['from'], order: ClarityOrder, key: string, email?: string): string | undefined {
  switch (from) {
    case 'clarity-id': return clarityOrderId(order);
    case 'clarity-key': return key;
    case 'purchase-order-number': return tidy(order.PurchaseOrderNumber) || undefined;
    case 'customer-email': return email;
    case 'currency': return order.CurrencyKey?.trim().toUpperCase() || undefined;
  }
}

function chunks(text: string, max: number): string[] {
  const out: string[] = [];
  for (let rest = text; rest; ) {
    const { head, tail } = cutAtWord(rest, max);
    out.push(head);
    rest = tail;
  }
  return out;
}
