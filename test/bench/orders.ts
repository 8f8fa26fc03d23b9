/**
 * Order benchmark: webhook → Sage sales order → write-back, end to end.
 *
 *   node --import tsx test/bench/orders.ts [orders at 0 ms = 500] [orders at 250 ms = 160] [which = all | 0 | 250]
 *
 * The app runs as its own process (`node server/main.ts`, as in production); the Sage 100 sandbox
 * and a Clarity store run in this process. Orders are placed in the store first; then their real,
 * signed order.created webhooks are delivered at a steady rate, and each order's latency runs from
 * the moment its webhook is sent to the moment the write-back PATCH reaches the store. The
 * write-backs' own order.updated echoes are delivered too, as Clarity would (the app knows them
 * at the door: server/sync/order/write-back.ts). Gateway calls are counted at the Sage sandbox.
 *
 * Two runs:
 *   0 ms Sage writes, 50 orders/s offered      target: p99 ≤ 150 ms
 *   250 ms serialized Sage writes, 5 orders/s  target: ≥ 95 % of the serial limit (240 orders/min)
 * BENCH_CLARITY_PATCH_MS=<n> makes the store take n ms to answer each write-back PATCH (a real
 * store is across the internet; the one here answers at once).
 * Customers are returning ones (their link is known after a warm-up order), one line each, so
 * the calls per order show the design: customer read (credit) + stock read + create = 3.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../server/db/client';
import { saveMappingConfig } from '../../server/db/repos/mapping.repo';
import { catalogItems, people } from '../../server/sandbox/catalog/index';
import { startAppProcess } from '../helpers/app-process';
import { startClarityServer, type ClarityServer } from '../helpers/clarity-server';
import { startSageServer, TEST_SAGE_KEY } from '../helpers/sage-server';
import { BASE_TEST_MAPPING, buyer } from '../helpers/world';

export interface OrdersBenchResult {
  writeLatencyMs: number;
  writeConcurrency: number;
  offeredPerSec: number;
  orders: number;
  ordersPerSec: number;
  ordersPerMin: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  gatewayCallsPerOrder: number;
  callsByRoute: Record<string, number>;
  sageOrdersPerClarityOrder: number;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function benchOrders(o: { writeLatencyMs: number; perSec: number; count: number; writeConcurrency: number }): Promise<OrdersBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-orders-'));
  const sage = await startSageServer({ writeLatencyMs: o.writeLatencyMs, emailScanDelayMs: 150 });
  const app = await startAppProcess({
    DEMO: '1', DATABASE_URL: `file:${join(dir, 'app.db')}`, SANDBOX_DIR: dir, DEMO_ORDER_RATE: '0', SCHEDULES_ENABLED: '0',
    LOG_LEVEL: 'warn', SAGE100_GATEWAY_URL: sage.url, SAGE100_API_KEY: TEST_SAGE_KEY, SAGE100_COMPANY: 'ABC',
    SAGE_WRITE_CONCURRENCY: String(o.writeConcurrency),
  }, { nodeArgs: process.env.BENCH_APP_NODE_ARGS?.split(' ').filter(Boolean) });
  let clarity: ClarityServer | undefined;
  let echoes: Promise<void> | undefined;
  let stopEchoes = false;
  try {
    clarity = await startClarityServer({ appUrl: app.url, storeId: 'st_bench', patchLatencyMs: Number(process.env.BENCH_CLARITY_PATCH_MS ?? 0) });
    const c = clarity;
    const appDb = await openDatabase({ url: `file:${join(dir, 'app.db')}` });
    await saveMappingConfig(appDb.db, c.storeId, BASE_TEST_MAPPING, 'bench');
    appDb.close();

    // Returning customers with no credit limit, and stocked items sold under their own code.
    const buyers = people().filter((p) => p.clarityId && p.sage && p.sage.CreditHold === 'N' && p.sage.CreditLimitCents === 0).slice(0, 8);
    const skus = catalogItems().filter((i) => i.sku === i.itemCode && !i.inactive && i.stock.some((s) => s.warehouseCode === '000' && s.onHand >= 300))
      .slice(0, 8).map((i) => i.sku);
    const orderFor = (n: number) => ({
      ...buyer(buyers[n % buyers.length]), StatusKey: 'Processing', Notes: null, PurchaseOrderNumber: null,
      SalesItems: [{ Sku: skus[n % skus.length], Quantity: 1 }],
    });

    // The write-backs' order.updated echoes, delivered as they appear (Clarity sends them too).
    echoes = (async () => {
      while (!stopEchoes) {
        await c.deliverWaiting('order.updated');
        await sleep(50);
      }
    })();

    // Warm-up: each customer's first order (e-mail search, customer link) and each item once.
    const warm: Array<{ order: { ID: number }; eventId: string }> = [];
    for (let i = 0; i < Math.max(buyers.length, skus.length); i++) warm.push(await c.createOrder(orderFor(i)));
    await Promise.all(warm.map((w) => c.deliver(w.eventId)));
    await waitFor(() => warm.every((w) => c.writeBacks.has(w.order.ID)), 60_000, 'warm-up write-backs');

    const placed: Array<{ order: { ID: number }; eventId: string }> = [];
    for (let i = 0; i < o.count; i++) placed.push(await c.createOrder(orderFor(i)));
    const callsBefore = new Map(sage.calls);
    const sentAt = new Map<number, number>();
    const t0 = Date.now();
    const deliveries: Array<Promise<unknown>> = [];
    for (const [i, p] of placed.entries()) {
      const due = t0 + (i * 1000) / o.perSec;
      const wait = due - Date.now();
      if (wait > 0) await sleep(wait);
      sentAt.set(p.order.ID, Date.now());
      deliveries.push(c.deliver(p.eventId));
    }
    const statuses = await Promise.all(deliveries);
    if (statuses.some((s) => s !== 200)) throw new Error(`some webhooks were refused: ${statuses.filter((s) => s !== 200).join(', ')}`);
    await waitFor(() => placed.every((p) => c.writeBacks.has(p.order.ID)), 120_000 + o.count * (o.writeLatencyMs + 50), 'write-backs');

    const latencies = placed.map((p) => c.writeBacks.get(p.order.ID)! - sentAt.get(p.order.ID)!).sort((a, b) => a - b);
    const ends = placed.map((p) => c.writeBacks.get(p.order.ID)!).sort((a, b) => a - b);
    // Throughput over the steady part: from the first write-back to the last.
    const spanMs = Math.max(1, ends[ends.length - 1] - ends[0]);
    const ordersPerSec = ((placed.length - 1) * 1000) / spanMs;
    const callsByRoute: Record<string, number> = {};
    for (const [k, n] of sage.calls) {
      const d = n - (callsBefore.get(k) ?? 0);
      if (d) callsByRoute[k.replace(/\/(SO\/SalesOrder|AR\/Customer|CI\/Item)\/[^/]+$/, '/$1/{key}')] = (callsByRoute[k.replace(/\/(SO\/SalesOrder|AR\/Customer|CI\/Item)\/[^/]+$/, '/$1/{key}')] ?? 0) + d;
    }
    const calls = Object.values(callsByRoute).reduce((a, b) => a + b, 0);
    const dup = await sage.sandbox.db.execute(`SELECT count(*) AS n, count(DISTINCT CustomerPONo) AS k FROM so_salesorderhistoryheader`);
    return {
      writeLatencyMs: o.writeLatencyMs, writeConcurrency: o.writeConcurrency, offeredPerSec: o.perSec, orders: placed.length,
      ordersPerSec: round(ordersPerSec), ordersPerMin: round(ordersPerSec * 60),
      p50Ms: pct(latencies, 50), p99Ms: pct(latencies, 99), maxMs: latencies[latencies.length - 1],
      gatewayCallsPerOrder: round(calls / placed.length), callsByRoute,
      sageOrdersPerClarityOrder: Number(dup.rows[0].n) / Number(dup.rows[0].k),
    };
  } finally {
    stopEchoes = true;
    await echoes;
    await app.kill('SIGTERM');
    await clarity?.close();
    await sage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function waitFor(ok: () => boolean, ms: number, what: string) {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}
const round = (n: number) => Math.round(n * 10) / 10;

async function main() {
  const [n0 = '500', n250 = '160', which = 'all'] = process.argv.slice(2);
  console.log(`Order benchmark on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`
    + `${process.env.BENCH_CLARITY_PATCH_MS ? `; the store answers write-backs in ${process.env.BENCH_CLARITY_PATCH_MS} ms` : ''}\n`);
  // SAGE_WRITE_CONCURRENCY 1 (the default) lets one order.write at a time talk to Sage; 2 lets the
  // next order's pending-link write overlap the current create while the gateway still runs one
  // write at a time.
  for (const writeConcurrency of which === '250' ? [] : [1, 2]) {
    const fast = await benchOrders({ writeLatencyMs: 0, perSec: 50, count: Number(n0), writeConcurrency });
    report(fast, `p99 ${fast.p99Ms} ms at ${fast.offeredPerSec} orders/s offered (target ≤ 150 ms)`, fast.p99Ms <= 150);
  }
  for (const writeConcurrency of which === '0' ? [] : [1, 2]) {
    const slow = await benchOrders({ writeLatencyMs: 250, perSec: 5, count: Number(n250), writeConcurrency });
    const share = (slow.ordersPerMin / 240) * 100;
    report(slow, `${slow.ordersPerMin} orders/min = ${round(share)} % of the 240/min serial limit (target ≥ 95 %); `
      + `${slow.gatewayCallsPerOrder} gateway calls per order (target ≤ 3)`, share >= 95 && slow.gatewayCallsPerOrder <= 3);
  }
}

function report(r: OrdersBenchResult, verdict: string, ok: boolean) {
  console.log(`Sage writes ${r.writeLatencyMs} ms, SAGE_WRITE_CONCURRENCY ${r.writeConcurrency}, ${r.orders} orders offered at ${r.offeredPerSec}/s`);
  console.log(`  throughput ${r.ordersPerSec} orders/s (${r.ordersPerMin}/min); latency p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, max ${r.maxMs} ms`);
  console.log(`  gateway calls per order ${r.gatewayCallsPerOrder}: ${Object.entries(r.callsByRoute).map(([k, n]) => `${k} ${round(n / r.orders)}`).join(', ')}`);
  console.log(`  Sage orders per Clarity order: ${r.sageOrdersPerClarityOrder}`);
  console.log(`  ${ok ? 'MET' : 'MISSED'}: ${verdict}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) void main().catch((err) => { console.error(err); process.exit(1); });
