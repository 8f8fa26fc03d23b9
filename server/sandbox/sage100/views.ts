import type { Rec } from './db/sql';
import { timeUpdated } from './sage-time';

/** Columns that are the sandbox's bookkeeping, not Sage fields a caller sees. */
const HIDDEN = new Set(['Company', 'Fields', 'InvoicedAmt', 'DepositApplied', 'FreightInvoiced', 'OrderTotal', 'OpenOrderRelief']);

/**
 * A stored row as the gateway answers it: Sage field names only, TimeK shown as the
 * decimal-hour TimeUpdated string, and the JSON Fields block (addresses, UDFs) spread in.
 */
export function view(row: Rec): Rec {
  const out: Rec = {};
  for (const [k, v] of Object.entries(row)) {
    if (HIDDEN.has(k)) continue;
    if (k === 'TimeK') out.TimeUpdated = timeUpdated(Number(v));
    else out[k] = v;
  }
  if (typeof row.Fields === 'string') Object.assign(out, JSON.parse(row.Fields) as Rec);
  return out;
}
