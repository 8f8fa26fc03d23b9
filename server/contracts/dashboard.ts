import { z } from 'zod';

export const dashboardQuery = z.object({ range: z.enum(['24h', '7d']).default('24h') });

export interface SeriesPoint {
  at: number;
  succeeded: number;
  failed: number;
}

export interface FeedStatus {
  feed: string;
  lastPollAt: number | null;
  lastSuccessAt: number | null;
  consecutiveFailures: number;
  lastError: string | null;
}

export interface GatewayHealth {
  ok: boolean;
  sage: string | null;
  company: string | null;
  version: string | null;
  latencyMs: number | null;
  error: string | null;
  checkedAt: number;
}

export interface DashboardData {
  syncedToday: number;
  openExceptions: number;
  held: number;
  queueDepth: number;
  running: number;
  oldestQueuedAt: number | null;
  feeds: FeedStatus[];
  gateway: GatewayHealth;
  alerts: Array<{ kind: string; message: string; count: number; openedAt: number; lastAt: number }>;
  series: { range: '24h' | '7d'; bucketMs: number; points: SeriesPoint[] };
}
