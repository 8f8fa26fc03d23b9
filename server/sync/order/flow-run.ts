import type { InStatement } from '@libsql/client';
import type { Clock } from '../../core/clock';
import type { Logger } from '../../core/logger';
import type { ClarityOrders } from '../../connectors/clarity/orders';
import type { Sage100Client } from '../../connectors/sage100/client';
import type { Db } from '../../db/client';
import type { LinkKey, OrderLink } from '../../db/repos/order-links.repo';
import type { ClarityOrder } from '../../domain/clarity-order';
import type { MappingConfig } from '../../mapping/config';
import type { EnqueueInput, JobRecord } from '../../queue/types';
import type { SageGateway, SageGateways } from '../sage-gateway';
import type { CarriedPlan } from './hand-over';
import type { ItemCache } from './item-cache';
import type { OrderSyncPayload, OrderTopic } from './load-event';
import type { ResolvedItem } from './resolve-items';
import type { Timeline } from './timeline';

/** What the order flow needs from the rest of the app; main.ts wires the real ones. */
export interface OrderFlowDeps {
  db: Db;
  clock: Clock;
  gateways: SageGateways;
  /** The Clarity orders API of one store (auth from its installation). */
  clarityFor(storeId: string): Promise<ClarityOrders>;
  /** Kept across jobs; see ItemCache for why that is safe. */
  itemCache: ItemCache<ResolvedItem>;
  /** Tells shipment polling that an order just went to Sage, so it looks sooner. */
  markFeedActivity?(db: Db, storeId: string, feed?: string): Promise<void>;
}

/** One attempt of one order job: who, which order, and the handles it works through. */
export interface FlowRun {
  /** 'plan': order.sync, outside the Sage write slot; 'write': order.write, in it (hand-over.ts). */
  phase: 'plan' | 'write';
  /** The plan order.sync made, when this is the order.write it handed over to. */
  carried?: CarriedPlan;
  deps: OrderFlowDeps;
  db: Db;
  job: JobRecord<OrderSyncPayload>;
  signal: AbortSignal;
  log: Logger;
  topic: OrderTopic;
  key: LinkKey;
  /** The link as it was when the attempt started. */
  link: OrderLink | null;
  order: ClarityOrder | null;
  config: MappingConfig;
  mappingVersion: number;
  timeline: Timeline;
  /** The store's Sage client, every call recorded on the timeline. Resolved on first use. */
  sage(): Promise<Sage100Client>;
  gateway(): Promise<SageGateway>;
  /** Follow-up work, committed together with this attempt's end (nothing is queued by a failed attempt). */
  enqueue(input: EnqueueInput): Promise<string>;
  /** A record committed with this attempt's end (JobContext.writeWithEnd). */
  writeWithEnd(stmt: InStatement): void;
  now(): number;
}
