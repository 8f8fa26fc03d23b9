import { z } from 'zod';

/** GET /api/alerts: the store's open alerts, then up to `resolved` recently resolved ones. */
export const alertsQuery = z.object({ resolved: z.coerce.number().int().min(0).max(100).default(20) });

export interface AlertView {
  id: number;
  /** 'exceptions' | 'gateway' | 'queue' | 'webhooks' | 'feed:<feed>'. */
  kind: string;
  title: string;
  message: string;
  /** How often it was seen while open (failed polls, new exceptions ...). */
  count: number;
  openedAt: number;
  lastAt: number;
  resolvedAt: number | null;
}

export interface AlertList {
  open: number;
  items: AlertView[];
}

const TITLES: Record<string, string> = {
  exceptions: 'New exceptions',
  gateway: 'Sage 100 gateway down',
  queue: 'Jobs are not starting',
  webhooks: 'Clarity webhooks stopped',
};

/** A short name for an alert kind, in the panel and in notifications. */
export function alertTitle(kind: string): string {
  if (kind.startsWith('feed:')) return `The ${kind.slice(5)} feed keeps failing`;
  return TITLES[kind] ?? kind;
}
