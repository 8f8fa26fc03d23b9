import { z } from 'zod';
import { orderId, reasonField } from './common';

/** The order panel (admin.order.detail) and the list badges (admin.order.list). */
export const orderParams = z.object({ id: orderId });
export const badgesQuery = z.object({
  ids: z.string().transform((s) => [...new Set(s.split(',').map((x) => x.trim()).filter(Boolean))])
    .pipe(z.array(orderId).min(1, 'give at least one order ID').max(200, 'at most 200 orders at once')),
});
export const resendBody = z.object({ reason: reasonField });

/**
 * Where the order is from the app's point of view:
 *   not_seen  no delivery for it yet       queued     waiting for or in the worker
 *   retrying  a transient failure, retried created    a Sage sales order exists
 *   held      stopped by a rule: fix, retry failed     on the exception list
 *   cancelled a person or uninstall stopped it
 */
export type OrderAppState = 'not_seen' | 'queued' | 'retrying' | 'created' | 'held' | 'failed' | 'cancelled';

export interface TimelineEntry {
  id: number;
  at: number;
  step: string;
  level: 'info' | 'warn' | 'error';
  message: string;
  detail: unknown;
}

export interface OrderJobSummary {
  jobId: string;
  kind: string;
  state: string;
  attempts: number;
  lastError: string | null;
  updatedAt: number;
}

export interface OrderPanelData {
  orderId: string;
  orderKey: string | null;
  appState: OrderAppState;
  salesOrderNo: string | null;
  customer: { arDivisionNo: string | null; customerNo: string | null; display: string | null; name: string | null };
  sageStatus: string | null;
  clarityStatus: string | null;
  holdReason: string | null;
  warnings: string[];
  writtenBackAt: number | null;
  timeline: TimelineEntry[];
  jobs: OrderJobSummary[];
  /** Whether a stored delivery exists that a resend can replay. */
  canResend: boolean;
  updatedAt: number | null;
}

export interface OrderBadge {
  orderId: string;
  appState: OrderAppState;
  label: string;
  tone: 'ok' | 'pending' | 'warn' | 'error' | 'muted';
  salesOrderNo: string | null;
  title: string | null;
}
