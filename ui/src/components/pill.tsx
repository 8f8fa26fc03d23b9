import type { OrderAppState } from '../../../server/contracts/orders';

export type Tone = 'ok' | 'pending' | 'warn' | 'error' | 'muted';

export function Pill({ tone, children, title }: { tone: Tone; children: string; title?: string }) {
  return <span className={`pill pill-${tone}`} title={title}>{children}</span>;
}

/** The app's state of an order in plain words, with a colour that never carries meaning alone. */
export const APP_STATE: Record<OrderAppState, { label: string; tone: Tone }> = {
  not_seen: { label: 'Not received yet', tone: 'muted' },
  queued: { label: 'In progress', tone: 'pending' },
  retrying: { label: 'Retrying', tone: 'warn' },
  created: { label: 'In Sage', tone: 'ok' },
  held: { label: 'Needs attention', tone: 'warn' },
  failed: { label: 'Failed', tone: 'error' },
  cancelled: { label: 'Cancelled', tone: 'muted' },
};
