import { AppError } from '../../core/errors';
import type { SalesOrderPatch } from '../../connectors/sage100/orders';
import { saveOrderLink } from '../../db/repos/order-links.repo';
import { fitToSage, normalizeAddress, sageAddressFields } from '../../mapping/address';
import { cutAtWord, customerName, tidy } from '../../mapping/names';
import { SAGE_LENGTHS } from '../../domain/sage';
import { clarityToSage } from '../../mapping/status';
import type { HandlerOutcome } from '../../queue/types';
import { fingerprintOf, parseFingerprint } from './fingerprint';
import type { FlowRun } from './flow-run';
import { finish, orderFields } from './sync-new-order';

const SHIP_TO_KEYS = ['ShipToName', 'ShipToAddress1', 'ShipToAddress2', 'ShipToAddress3', 'ShipToCity', 'ShipToState', 'ShipToZipCode', 'ShipToCountryCode'];

/**
 * order.updated for an order Sage already has: change that order, never create another. What
 * the gateway can change is changed (hold / release per the status map, the ship-to block, the
 * Comment from the store's note);
 * what it cannot (lines, prices, totals) is put on the order's warnings for a person. A hold
 * a rule placed in Sage (credit, totals) is not released by the store's status: a person
 * releases it in Sage. Our own write-back comes back as an order.updated that changes nothing.
 */
export async function updateOrder(run: FlowRun): Promise<HandlerOutcome> {
  const link = run.link!;
  const { timeline } = run;
  const salesOrderNo = link.salesOrderNo!;
  const { patch, notes, warnings, linesChanged } = changesFor(run);
  if (linesChanged) timeline.warn('update', linesChanged);

  let sageStatus = link.sageStatus;
  if (Object.keys(patch).length) {
    const sage = await run.sage();
    try {
      sageStatus = (await sage.orders.patch(salesOrderNo, patch)).OrderStatus;
      timeline.info('update', `sales order ${salesOrderNo}: ${notes.join('; ')}`);
    } catch (err) {
      if (!(err instanceof AppError) || err.status !== 422) throw err;
      const reason = `Sage refused to change sales order ${salesOrderNo} (${notes.join('; ')}): ${err.message}${err.field ? ` [field ${err.field}]` : ''}. Change it in Sage by hand, or correct the order in the store.`;
      await saveOrderLink(run.db, run.key, { state: 'created', warnings: [...warnings, reason] }, [...timeline.take(), { at: run.now(), step: 'update', level: 'error', message: reason, jobId: run.job.id }], run.now());
      return { status: 'held', reason };
    }
  } else if (notes.length) {
    timeline.info('update', notes.join('; '));
  }
  const fields = orderFields(run);
  // Our own write-back comes back as an update that changes nothing the flow keeps: no write at all.
  const unchanged = !Object.keys(patch).length && !notes.length && warnings.length === (link.warnings ?? []).length
    && fields.clarityStatus === link.clarityStatus && fields.payloadHash === link.payloadHash;
  if (unchanged && link.writtenBackAt) return { status: 'succeeded', result: { action: 'unchanged', salesOrderNo } };
  const updated = await saveOrderLink(run.db, run.key, { ...fields, state: 'created', sageStatus, warnings }, timeline.take(), run.now());
  if (!updated.writtenBackAt) return finish(run, updated, 'updated');
  return { status: 'succeeded', result: { action: 'updated', salesOrderNo, changed: Object.keys(patch) } };
}

/** Whether the update calls for a write to Sage (order.sync hands those to the write slot). */
export function updateNeedsSage(run: FlowRun): boolean {
  return Object.keys(changesFor(run).patch).length > 0;
}

/**
 * What the update changes, decided from the link and the order alone (no Sage call): the patch
 * for Sage, the notes that explain it, the link's warnings after it, and a warning when lines or
 * totals changed (the gateway cannot change those).
 */
function changesFor(run: FlowRun): { patch: SalesOrderPatch; notes: string[]; warnings: string[]; linesChanged: string | null } {
  const link = run.link!;
  const order = run.order!;
  const { config } = run;
  const salesOrderNo = link.salesOrderNo!;
  const patch: SalesOrderPatch = {};
  const notes: string[] = [];

  const status = clarityToSage(order.StatusKey, config);
  if (status.action === 'hold' && link.sageStatus !== 'H') {
    patch.OrderStatus = 'H';
    notes.push(`put on hold: the store status is "${order.StatusKey}"`);
  } else if (status.action === 'open' && link.sageStatus === 'H') {
    if (link.holdReason) notes.push(`stays on hold in Sage although the store status is "${order.StatusKey}": ${link.holdReason}`);
    else {
      patch.OrderStatus = 'O';
      notes.push(`released: the store status is "${order.StatusKey}"`);
    }
  }

  const before = parseFingerprint(link.payloadHash);
  const now = fingerprintOf(order);
  const warnings = [...(link.warnings ?? [])];
  if (before && before.shipTo !== now.shipTo) {
    const shipTo = shipToFields(run);
    Object.assign(patch, shipTo);
    notes.push(`ship-to changed to ${[shipTo.ShipToName, shipTo.ShipToAddress1, shipTo.ShipToCity, shipTo.ShipToState, shipTo.ShipToZipCode].filter(Boolean).join(', ')}`);
  }
  if (before && before.notes !== now.notes) {
    const text = tidy(order.Notes);
    const comment = text ? cutAtWord(text, SAGE_LENGTHS.Comment).head : '';
    if (link.holdReason && link.sageStatus === 'H') {
      // The Comment explains a rule's hold; the store's note must not hide it.
      warnings.push(`The store's note changed to "${text}"; Sage's Comment keeps the hold reason, so the note was not written there.`);
    } else {
      patch.Comment = comment;
      notes.push(text ? `comment set from the store's note "${comment}"` : 'comment cleared (the store removed its note)');
      if (comment !== text) warnings.push(`The store's note is longer than Sage's 30-character Comment; Sage has "${comment}". Full note: ${text}`);
    }
  }
  let linesChanged: string | null = null;
  if (before && before.lines !== now.lines) {
    const w = `The order's lines or totals changed in the store after it reached Sage as sales order ${salesOrderNo}; the gateway cannot change lines, so change the Sage order by hand.`;
    if (!warnings.includes(w)) warnings.push(w);
    linesChanged = w;
  }
  return { patch, notes, warnings, linesChanged };
}

/** The ship-to block as the builder writes it, with every field present (an emptied line is cleared). */
function shipToFields(run: FlowRun): Record<string, string> {
  const order = run.order!;
  const contact = order.ShippingContact?.Address ? order.ShippingContact : order.BillingContact;
  const fit = fitToSage(normalizeAddress(contact?.Address, 'ship-to'),
    customerName(contact?.Address?.Company, contact?.FirstName, contact?.LastName), { label: 'ship-to', countryCodes: run.config.order.countryCodes });
  const fields = sageAddressFields('ShipTo', fit.fields);
  return Object.fromEntries(SHIP_TO_KEYS.map((k) => [k, fields[k] ?? '']));
}
