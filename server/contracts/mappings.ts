import { z } from 'zod';
import { orderId } from './common';

/**
 * Mapping settings travel as the mapping config object (server/mapping/config.ts validates it);
 * the API only wraps it with the version it was read at, so two people editing at once do not
 * silently overwrite each other.
 */
export const mappingPutBody = z.object({
  config: z.record(z.string(), z.unknown()),
  /** The version the edit started from; a newer one in force gets 409. */
  baseVersion: z.number().int().nonnegative().optional(),
  reason: z.string().trim().max(500).optional(),
});

/**
 * Preview runs the order flow's dry run (previewStoredOrder) on a stored order with the mapping
 * IN FORCE: the panel saves first, then previews, so what is previewed is what orders will get.
 */
export const mappingPreviewBody = z.object({
  /** Preview on this order; omitted = the most recent order. */
  orderId: orderId.optional(),
});

export interface MappingState {
  version: number;
  config: Record<string, unknown>;
  updatedAt: number | null;
  actor: string | null;
}

export interface RecentOrder {
  orderId: string;
  orderKey: string | null;
  receivedAt: number;
}
