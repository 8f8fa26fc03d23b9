import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock } from '../../../server/core/clock';
import { createLogger } from '../../../server/core/logger';
import { createClarityHttp } from '../../../server/connectors/clarity/http';
import { createSageHttp } from '../../../server/connectors/sage100/http';
import { openDatabase, type Database } from '../../../server/db/client';
import { runMigrations } from '../../../server/db/migrate';
import { saveInstallation } from '../../../server/db/repos/installations.repo';
import { saveMappingConfig } from '../../../server/db/repos/mapping.repo';
import { saveOrderLink } from '../../../server/db/repos/order-links.repo';
import { enqueue } from '../../../server/queue/enqueue';
import type { JobContext } from '../../../server/queue/types';
import type { ClaritySandbox } from '../../../server/sandbox/clarity/index';
import type { Sage100Sandbox } from '../../../server/sandbox/sage100/index';
import { startSandboxPair } from '../../helpers/feed-sandboxes';
import type { FeedDeps } from '../../../server/sync/feeds/context';
import { feedPollHandler } from '../../../server/sync/feeds/poll-handler';
import type { FeedName } from '../../../server/sync/feeds/catalog';

/**
 * Both sandboxes on one real port (test/helpers/feed-sandboxes.ts), the connector's own libSQL
 * file, and the feed dependencies wired to real HTTP transports. One fake clock drives both
 * sandboxes and the feeds.
 */
export const SAGE_KEY = 'feeds-sage-key';
export const STORE = 'st_feeds';

export interface FeedsHarness {
  clock: FakeClock;
  base: string;
  sage: Sage100Sandbox;
  clarity: ClaritySandbox;
  database: Database;
  /** The connector database's URL, for a child process (the CLI). */
  dbUrl: string;
  deps: FeedDeps;
  /** Runs one poll of a feed through the real job handler; answers its result. */
  poll(feed: FeedName): Promise<Record<string, any>>;
  sageCall<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  clarityAdmin<T = any>(path: string): Promise<T>;
  setFeedSettings(feeds: Record<string, unknown>, extra?: Record<string, unknown>): Promise<void>;
  /** A Clarity order and the Sage sales order made from it, linked as the order flow links them. */
  /** `deposit`: the Sage deposit, or 'paid' for what the Clarity order's payments add up to. */
  placeLinkedOrder(lines: Array<{ sku: string; itemCode: string; qty: number }>, o?: { deposit?: number | 'paid'; unitPrice?: number }): Promise<{ orderId: number; salesOrderNo: string; paid: number }>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  clarityTimeoutMs?: number;
  timeoutHoldMs?: number;
  seedClarity?: boolean;
}

export function jobContext<P>(payload: P, storeId = STORE): JobContext<P> {
  return {
    job: {
      id: `job_${Math.random().toString(36).slice(2)}`, seq: 1, kind: 'feed.poll', storeId, orderingKey: null, target: null, payload,
      deliveryId: null, attempt: 1, maxAttempts: 3, previousErrorClass: null, createdAt: Date.now(),
    },
    log: createLogger('silent'),
    signal: new AbortController().signal,
    enqueue: async () => 'unused',
    writeWithEnd: () => { throw new Error('the feed handlers write no records with their end'); },
  };
}

export async function startFeedsHarness(opts: HarnessOptions = {}): Promise<FeedsHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'feeds-'));
  const clock = new FakeClock(Date.UTC(2026, 10, 29, 15, 0, 0));
  const { base, sage, clarity, creds, close: closeSandboxes } = await startSandboxPair({ dir, clock, sageKey: SAGE_KEY, storeId: STORE, seedClarity: opts.seedClarity });
  if (opts.timeoutHoldMs) clarity.faults.set({ timeoutHoldMs: opts.timeoutHoldMs });

  const dbUrl = `file:${join(dir, 'connector.db')}`;
  const database = await openDatabase({ url: dbUrl });
  await runMigrations(database);
  const db = database.db;
  await saveInstallation(db, {
    storeId: STORE, storeName: 'Feeds Supply', apiBaseUrl: creds.apiBaseUrl, clientId: creds.clientId,
    clientSecretEnc: 'sealed', webhookSecretEnc: 'sealed',
  }, clock.now(), { actor: 'test' });

  const sageHttp = createSageHttp({ gatewayUrl: `${base}/sage`, apiKey: SAGE_KEY, company: 'ABC', timeoutMs: 30_000 });
  const clarityHttp = createClarityHttp({ apiBaseUrl: creds.apiBaseUrl, apiKey: creds.apiKey, timeoutMs: opts.clarityTimeoutMs ?? 30_000 });
  const deps: FeedDeps = {
    db, clock, log: createLogger('silent'),
    sageFor: async () => sageHttp,
    clarityFor: async () => clarityHttp,
    enqueue: (input) => enqueue(db, input, { clock }),
  };
  const pollHandler = feedPollHandler(deps);

  const sageCall = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}/sage${path}`, {
      method, headers: { 'X-Api-Key': SAGE_KEY, 'X-Sage-Company': 'ABC', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  let po = 0;

  return {
    clock, base, sage, clarity, database, dbUrl, deps,
    async poll(feed) {
      const out = await pollHandler(jobContext({ feed }));
      return (out as { result: Record<string, any> }).result;
    },
    sageCall,
    async clarityAdmin(path) {
      return (await fetch(`${base}/clarity/_admin${path}`)).json();
    },
    async setFeedSettings(feeds, extra = {}) {
      await saveMappingConfig(db, STORE, { ...extra, feeds }, 'test');
    },
    async placeLinkedOrder(lines, o = {}) {
      const order = await clarity.createOrder({
        StatusKey: 'Processing', SalesItems: lines.map((l) => ({ Sku: l.sku, Quantity: l.qty })),
        SalesOrderPayments: [{ Slave: { Amount: 1, PaymentMethodKey: 'Credit Card', ProviderKey: 'Stripe', StatusKey: 'Payment Received', TransactionID: `pi_${++po}`, CardType: 'Visa', Last4CardDigits: '4242' } }],
      } as never);
      const paid = Math.round(order.SalesOrderPayments.reduce((sum, p) => sum + p.Slave.Amount, 0) * 100) / 100;
      const deposit = o.deposit === 'paid' ? paid : o.deposit;
      const poNo = `WEB-${order.ID}-${po}`.slice(0, 15);
      const res = await sageCall('POST', '/SO/SalesOrder', {
        ARDivisionNo: '01', CustomerNo: 'TANAKA4', CustomerPONo: poNo, ShipVia: 'UPS GROUND', TaxSchedule: 'WEB',
        ShipToName: 'Zoe Muller', ShipToAddress1: '12 Main Street', ShipToCity: 'AUSTIN', ShipToState: 'TX', ShipToZipCode: '78703',
        ShipToCountryCode: 'USA', FreightAmt: 0,
        Lines: lines.map((l) => ({ ItemCode: l.itemCode, QuantityOrdered: l.qty, UnitPrice: o.unitPrice ?? 10 })),
        ...(deposit ? { DepositAmt: deposit, Payments: [{ PaymentType: 'VISA', PaymentTypeCategory: 'D', TransactionAmt: deposit, CreditCardTransactionID: `pi_${po}` }] } : {}),
      });
      if (res.status !== 201) throw new Error(`Sage refused the order: ${JSON.stringify(res.body)}`);
      await saveOrderLink(db, { storeId: STORE, clarityOrderId: String(order.ID) }, {
        state: 'created', customerPONo: poNo, salesOrderNo: res.body.SalesOrderNo, sageStatus: res.body.OrderStatus, clarityStatus: 'Processing',
      }, [], clock.now());
      return { orderId: order.ID, salesOrderNo: res.body.SalesOrderNo, paid };
    },
    async close() {
      await closeSandboxes();
      database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
