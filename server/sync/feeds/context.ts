import type { Clock } from '../../core/clock';
import type { Logger } from '../../core/logger';
import type { ClarityHttp } from '../../connectors/clarity/http';
import type { SageHttp } from '../../connectors/sage100/http';
import type { Db } from '../../db/client';
import { getInstallation } from '../../db/repos/installations.repo';
import { getMappingConfig } from '../../db/repos/mapping.repo';
import type { MappingConfig } from '../../mapping/config';
import { defaultFeedSettings, feedSettingsSchema, type FeedSettings } from '../../mapping/feed-settings';
import type { EnqueueInput } from '../../queue/types';

/**
 * What the feed handlers need from the composition root: storage, time, and each store's two
 * transports (the store's own Sage gateway or the server's, the store's Clarity API credentials).
 */
export interface FeedDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  sageFor(storeId: string): Promise<SageHttp>;
  clarityFor(storeId: string): Promise<ClarityHttp>;
  /** Adds follow-up jobs (resyncs, orders found by a backfill). */
  enqueue(input: EnqueueInput): Promise<string>;
}

/** One store's view for one run of a feed. */
export interface FeedContext {
  deps: FeedDeps;
  db: Db;
  clock: Clock;
  log: Logger;
  storeId: string;
  /** When the store installed the app (our clock, ms); null if unknown. */
  installedAt: number | null;
  config: MappingConfig;
  settings: FeedSettings;
  sage: SageHttp;
  clarity: ClarityHttp;
  signal?: AbortSignal;
}

export async function feedContext(deps: FeedDeps, storeId: string, opts: { log?: Logger; signal?: AbortSignal } = {}): Promise<FeedContext> {
  const config = await getMappingConfig(deps.db, storeId);
  const installation = await getInstallation(deps.db, storeId);
  const [sage, clarity] = await Promise.all([deps.sageFor(storeId), deps.clarityFor(storeId)]);
  return {
    deps, db: deps.db, clock: deps.clock, log: opts.log ?? deps.log, storeId, installedAt: installation?.installedAt ?? null, config,
    settings: feedSettingsOf(config), sage, clarity, signal: opts.signal,
  };
}

/** The feeds part of a mapping config, completed with defaults (also from a config saved before it existed). */
export function feedSettingsOf(config: MappingConfig): FeedSettings {
  const raw = (config as { feeds?: unknown }).feeds;
  if (raw === undefined) return defaultFeedSettings;
  const parsed = feedSettingsSchema.safeParse(raw);
  return parsed.success ? parsed.data : defaultFeedSettings;
}

/**
 * Where a feed that only concerns the store's own orders (shipments, status) starts on its first
 * poll: at the install, not at the beginning of Sage's history — years of invoices are none of
 * its business. Sage stamps are its wall clock in an unknown zone, so two days earlier covers any
 * zone; those days cost one read, and an order the store never sent is skipped anyway.
 */
export function ordersFeedStart(ctx: FeedContext): number | null {
  return ctx.installedAt === null ? null : Math.floor(ctx.installedAt / 1000) - 2 * 86_400;
}
