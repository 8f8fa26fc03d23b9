import { ORDER_STATE_TEXT } from '../../../contracts/order-states';
import type { OrderAppState, OrderBadge } from '../../../contracts/orders';
import type { OrderLink } from '../../../db/repos/order-links.repo';

/**
 * Where an order stands, from its link (what is in Sage) and its newest job (what the app is
 * doing about it now). A job at work wins: a resend of an order already in Sage shows as
 * "in progress" until it ends.
 */
export interface JobBrief {
  state: string;
  lastError: string | null;
}

export function orderAppState(link: OrderLink | null, latest: JobBrief | null | undefined, received: boolean): OrderAppState {
  if (latest && (latest.state === 'queued' || latest.state === 'running')) return 'queued';
  if (latest?.state === 'retrying') return 'retrying';
  if (link) {
    switch (link.state) {
      case 'created': return 'created';
      case 'held': return 'held';
      case 'failed': return 'failed';
      case 'cancelled': return 'cancelled';
      default: break;
    }
  }
  if (latest?.state === 'held') return 'held';
  if (latest?.state === 'dead') return 'failed';
  if (latest?.state === 'cancelled') return 'cancelled';
  if (link || latest || received) return 'queued';
  return 'not_seen';
}

export function orderBadge(orderId: string, state: OrderAppState, link: OrderLink | null, latest: JobBrief | null | undefined): OrderBadge {
  const b = ORDER_STATE_TEXT[state];
  const so = link?.salesOrderNo ?? null;
  const label = state === 'created' && so ? `SO ${so}` : b.badge;
  const title = state === 'created' && so ? `Sage sales order ${so}`
    : state === 'held' || state === 'failed' ? (link?.holdReason ?? latest?.lastError ?? null) : null;
  return { orderId, appState: state, label, tone: b.tone, salesOrderNo: so, title };
}
