import type { OrderAppState } from './orders';

/**
 * Each order state in plain words, once, for the panel (label) and the list badges (badge), with
 * a tone; colour never carries the meaning alone. Zod-free, so the panel's bundle stays small.
 */
export type Tone = 'ok' | 'pending' | 'warn' | 'error' | 'muted';

export const ORDER_STATE_TEXT: Record<OrderAppState, { label: string; badge: string; tone: Tone }> = {
  not_seen: { label: 'Not received yet', badge: 'Not synced', tone: 'muted' },
  queued: { label: 'In progress', badge: 'Sending…', tone: 'pending' },
  retrying: { label: 'Retrying', badge: 'Retrying', tone: 'warn' },
  created: { label: 'In Sage', badge: 'In Sage', tone: 'ok' },
  held: { label: 'Needs attention', badge: 'On hold', tone: 'warn' },
  failed: { label: 'Failed', badge: 'Failed', tone: 'error' },
  cancelled: { label: 'Cancelled', badge: 'Cancelled', tone: 'muted' },
};
