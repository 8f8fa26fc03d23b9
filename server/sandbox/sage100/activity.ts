import type { Clock } from '../../core/clock';
import { prng } from '../catalog/prng';
import { adjustStock } from './actions/master-data';
import { postInvoices } from './actions/post-invoices';
import { shipOrder } from './actions/ship-order';
import type { SandboxContext } from './context';
import { sageStamp } from './sage-time';

export interface ActivityOptions {
  intervalMs: number;
  clock?: Clock;
  /** Orders shipped per tick at most. */
  shipPerTick?: number;
  onError?: (err: unknown) => void;
}

/**
 * The warehouse at work, for the demo: every tick ships a few open orders that have waited a
 * couple of ticks (sometimes partly, sometimes in several packages), posts invoices older than
 * a few ticks, and now and then receives or counts stock — so shipments and stock changes flow
 * back to the connector. Returns stop().
 */
export function startSageActivity(sandbox: { ctx: SandboxContext }, opts: ActivityOptions): () => void {
  const ctx = sandbox.ctx;
  const clock = opts.clock ?? ctx.clock;
  const r = prng(7);
  let running = false;
  let stopped = false;

  async function shipSome(company: string) {
    const waited = sageStamp(clock.now() - 2 * opts.intervalMs);
    const orders = await ctx.sql.all<{ SalesOrderNo: string }>(
      `SELECT SalesOrderNo FROM so_salesorderheader WHERE Company = ? AND OrderStatus <> 'H' AND OrderType IN ('S', 'B')
         AND (DateUpdated, TimeK) <= (?, ?) ORDER BY DateUpdated, TimeK LIMIT ?`,
      [company, waited.DateUpdated, waited.TimeK, opts.shipPerTick ?? 2]);
    for (const { SalesOrderNo } of orders) {
      if (stopped) return;
      const lines = await ctx.sql.all<{ ItemCode: string; left: number }>(
        `SELECT ItemCode, QuantityOrdered - QuantityShipped AS left FROM so_salesorderdetail
         WHERE Company = ? AND SalesOrderNo = ? AND ItemType = 1 AND QuantityOrdered > QuantityShipped ORDER BY LineSeqNo`, [company, SalesOrderNo]);
      const partial = lines.length > 0 && r.chance(0.3) && (lines.length > 1 || lines[0].left > 1);
      const shipLines = partial
        ? lines.slice(0, Math.max(1, lines.length - 1)).map((l) => ({ ItemCode: l.ItemCode, QuantityShipped: Math.max(1, Math.floor(l.left / 2)) }))
        : undefined;
      await shipOrder(ctx, company, { SalesOrderNo, lines: shipLines, packages: r.chance(0.25) ? r.int(2, 3) : undefined })
        .catch(opts.onError ?? (() => undefined));
    }
  }

  async function adjustSomeStock(company: string) {
    if (!r.chance(0.3)) return;
    const row = await ctx.sql.get<{ ItemCode: string; WarehouseCode: string }>(
      `SELECT ItemCode, WarehouseCode FROM im_itemwarehouse WHERE Company = ? AND ItemCode NOT LIKE 'GEN-%' LIMIT 1 OFFSET ?`,
      [company, r.int(0, 600)]);
    if (!row) return;
    const delta = r.chance(0.7) ? r.int(5, 60) : -r.int(1, 5);
    await adjustStock(ctx, company, { ...row, delta });
  }

  async function tick() {
    if (running || stopped) return;
    running = true;
    try {
      // Checked between steps: stop() may come while a tick is running, just before the sandbox closes.
      for (const company of ctx.companies) {
        if (!stopped) await shipSome(company);
        if (!stopped) await postInvoices(ctx, company, { olderThanMs: 3 * opts.intervalMs });
        if (!stopped) await adjustSomeStock(company);
      }
    } catch (err) {
      opts.onError?.(err);
    } finally {
      running = false;
    }
  }

  const timer = setInterval(() => void tick(), opts.intervalMs);
  timer.unref?.();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
