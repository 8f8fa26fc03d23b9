import { clarityOrders } from '../../connectors/clarity/orders';
import { saveOrderLink, type OrderLink, type OrderLinkState } from '../../db/repos/order-links.repo';
import { sageStatusKind, sageToClarity, type SageOrderState } from '../../mapping/status';
import type { FeedContext } from './context';

/**
 * A Sage order changed state (hold, release, close, delete) → the Clarity order's status, by the
 * mapping's status map. Acts on transitions only: the link remembers Sage's last status letter,
 * and the same letter seen again (every overlap re-read, every sweep) changes nothing.
 *
 * Clarity's own progress is never undone: a Completed or Void order is left alone, and a Shipped
 * one only moves on to closed or deleted — a hold released in Sage after the goods left must not
 * put a shipped order back to Processing.
 */
const FINAL = new Set(['completed', 'void', 'cancelled', 'canceled']);
const SHIPPED = new Set(['shipped', 'shipped from vendor']);
const norm = (s: string | null | undefined) => (s ?? '').trim().replace(/\s+/g, ' ').toLowerCase();

export type StatusOutcome = 'updated' | 'unchanged' | 'recorded' | 'kept';

export async function applySageState(ctx: FeedContext, link: OrderLink, state: SageOrderState, source: string): Promise<StatusOutcome> {
  const letter = state.OrderStatus;
  // History 'A' only says "invoiced, not yet completed": shipments already told Clarity that.
  if (state.file === 'history' && letter === 'A') return 'unchanged';
  if (link.sageStatus === letter) return 'unchanged';
  const kind = sageStatusKind(state);
  const target = sageToClarity(state, ctx.config);
  const key = { storeId: link.storeId, clarityOrderId: link.clarityOrderId };
  const now = ctx.clock.now();
  const patch = { state: link.state as OrderLinkState, sageStatus: letter };
  const what = describe(state);
  if (!target) {
    await saveOrderLink(ctx.db, key, patch, [{ at: now, step: 'sage-status', level: 'info', message: `Sage: ${what} (the status map leaves the store's status alone)`, detail: { source } }], now);
    return 'recorded';
  }
  const orders = clarityOrders(ctx.clarity);
  const current = (await orders.getOrder(link.clarityOrderId)).StatusKey ?? null;
  const keep = FINAL.has(norm(current)) || (SHIPPED.has(norm(current)) && kind !== 'closed' && kind !== 'deleted');
  if (keep || norm(current) === norm(target)) {
    const message = keep
      ? `Sage: ${what}; the store's status stays ${current} (the order is past that point)`
      : `Sage: ${what}; the store already shows ${current}`;
    await saveOrderLink(ctx.db, key, { ...patch, clarityStatus: current }, [{ at: now, step: 'sage-status', level: 'info', message, detail: { source } }], now);
    return keep ? 'kept' : 'recorded';
  }
  const saved = await orders.patchOrder(link.clarityOrderId, { StatusKey: target });
  await saveOrderLink(ctx.db, key, { ...patch, clarityStatus: saved.StatusKey ?? target }, [{
    at: now, step: 'sage-status', level: 'info', message: `Sage: ${what} → store status ${target} (was ${current ?? 'unset'})`, detail: { source, from: current, to: target },
  }], now);
  return 'updated';
}

function describe(state: SageOrderState): string {
  if (state.file === 'history') return state.OrderStatus === 'C' ? 'order completed' : state.OrderStatus === 'X' ? 'order deleted' : `history status ${state.OrderStatus}`;
  return ({ N: 'order new', O: 'order open (released)', H: 'order on hold', C: 'order closed' } as Record<string, string>)[state.OrderStatus] ?? `status ${state.OrderStatus}`;
}
