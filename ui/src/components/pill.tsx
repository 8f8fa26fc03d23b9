import type { Tone } from '../../../server/contracts/order-states';

export type { Tone };

export function Pill({ tone, children, title }: { tone: Tone; children: string; title?: string }) {
  return <span className={`pill pill-${tone}`} title={title}>{children}</span>;
}
