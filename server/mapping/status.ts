import type { SageHistoryStatus, SageOrderStatus } from '../domain/sage';
import type { MappingConfig, StatusAction } from './config';

/**
 * Order status both ways. Clarity sites add statuses of their own, so matching is on the
 * StatusKey text (case and spacing ignored), never on a numeric id.
 */

const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

export interface ClarityStatusMapping {
  action: StatusAction;
  /** The OrderStatus to write when creating or changing the Sage order ('C' only by Sage itself). */
  orderStatus: SageOrderStatus;
  /** False when the status was not in the map and the configured fallback was used. */
  known: boolean;
  warning?: string;
}

const ORDER_STATUS: Record<StatusAction, SageOrderStatus> = { hold: 'H', open: 'O', complete: 'C', cancel: 'C' };

/** Clarity StatusKey → what the Sage order should be. */
export function clarityToSage(statusKey: string | null | undefined, config: MappingConfig): ClarityStatusMapping {
  const key = norm(statusKey ?? '');
  const map = config.status.clarityToSage;
  const hit = Object.keys(map).find((k) => norm(k) === key);
  if (hit) return { action: map[hit], orderStatus: ORDER_STATUS[map[hit]], known: true };
  const action = config.status.unknownClarityStatus;
  const shown = statusKey?.trim() ? `"${statusKey.trim()}"` : 'an empty status';
  return {
    action,
    orderStatus: ORDER_STATUS[action],
    known: false,
    warning: `Clarity status ${shown} is not in the status mapping; the order is treated as ${action === 'hold' ? 'on hold' : 'open'} in Sage. Add the status to the mapping to choose.`,
  };
}

/** What the connector knows about a Sage order when it looks at it. */
export type SageOrderState =
  | { file: 'open'; OrderStatus: SageOrderStatus; quantityOrdered?: number; quantityShipped?: number }
  | { file: 'history'; OrderStatus: SageHistoryStatus };

export type SageStatusKind = 'open' | 'hold' | 'partiallyShipped' | 'shippedInFull' | 'closed' | 'deleted';

/** Classifies a Sage order into one of the states the mapping speaks of. */
export function sageStatusKind(state: SageOrderState): SageStatusKind | null {
  if (state.file === 'history') {
    if (state.OrderStatus === 'C') return 'closed';
    if (state.OrderStatus === 'X' || state.OrderStatus === 'Z') return 'deleted';
    // A: still active in history means invoiced but not completed; Q is a quote.
    return state.OrderStatus === 'A' ? 'shippedInFull' : null;
  }
  if (state.OrderStatus === 'C') return 'closed';
  if (state.OrderStatus === 'H') return 'hold';
  const ordered = state.quantityOrdered ?? 0;
  const shipped = state.quantityShipped ?? 0;
  if (ordered > 0 && shipped >= ordered) return 'shippedInFull';
  if (shipped > 0) return 'partiallyShipped';
  return 'open';
}

/** Sage state → the Clarity StatusKey to write, or null to leave Clarity's status alone. */
export function sageToClarity(state: SageOrderState, config: MappingConfig): string | null {
  const kind = sageStatusKind(state);
  return kind ? config.status.sageToClarity[kind] : null;
}
