/**
 * Mapping benchmark: how long the pure part of an order takes (parse the webhook's order,
 * normalize and fit both addresses, build the sales order, check the totals), on a mix of clean
 * and messy orders. It is a small slice of the order flow's latency budget (p99 ≤ 150 ms end to
 * end); this shows how small.
 *
 *   node --import tsx test/bench/mapping.ts [orders=20000]
 */
import { parseClarityOrder, lineSku } from '../../server/domain/clarity-order';
import { defaultMappingConfig } from '../../server/mapping/config';
import { buildSalesOrder, type BuildContext } from '../../server/mapping/sales-order';
import { contractOrderJson } from '../unit/mapping/fixtures';

const STREETS = ['1200 North Lamar Boulevard', '100 N. Main St., Ste. 200', 'P.O. Box 123', '742 Peachtree Road Northeast #12',
  '1234 Martin Luther King Junior Parkway Suite 1200', '55 west 34th street apt 4b'];
const STATES = ['TX', 'texas', 'N. Carolina', 'Ohio', 'ca', 'Penna.'];

function variant(i: number): Record<string, any> {
  const j = contractOrderJson();
  j.ID = 100000 + i;
  j.CustomKey = `WEB-${100000 + i}`;
  j.ShippingContact.Address.Street1 = STREETS[i % STREETS.length];
  j.ShippingContact.Address.RegionCode = STATES[i % STATES.length];
  j.ShippingContact.Address.PostalCode = i % 3 === 0 ? '787031234' : '78703';
  const n = 1 + (i % 8);
  j.SalesItems = Array.from({ length: n }, (_, k) => ({ Sku: `SKU-${k}`, Name: `Part ${k}`, Quantity: 1 + (k % 4), UnitSoldPrice: '19.99' }));
  const sub = j.SalesItems.reduce((s: number, l: any) => s + l.Quantity * 1999, 0);
  j.Totals = { SubTotal: sub / 100, Shipping: 9.95, Tax: 0, Total: (sub + 995) / 100 };
  j.SalesOrderPayments[0].Slave.Amount = j.Totals.Total;
  return j;
}

export function runMappingBench(orders = 20_000): { orders: number; perSecond: number; p50us: number; p99us: number; held: number } {
  const raws = Array.from({ length: 200 }, (_, i) => JSON.stringify(variant(i)));
  const items: BuildContext['items'] = Object.fromEntries(Array.from({ length: 8 }, (_, k) => [`SKU-${k}`, { itemCode: `ITEM-${k}`, source: 'same' as const }]));
  const times: number[] = [];
  let held = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < orders; i++) {
    const t0 = process.hrtime.bigint();
    const parsed = parseClarityOrder(JSON.parse(raws[i % raws.length]));
    if (!parsed.ok) throw new Error(parsed.problems.join('; '));
    parsed.order.SalesItems.map(lineSku);
    const r = buildSalesOrder(parsed.order, { customer: { ARDivisionNo: '01', CustomerNo: 'ACME' }, items, today: '20261129' }, defaultMappingConfig);
    if (r.holds.length) held++;
    times.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  times.sort((a, b) => a - b);
  const pct = (p: number) => Math.round(times[Math.min(times.length - 1, Math.floor(times.length * p))]);
  return { orders, perSecond: Math.round(orders / seconds), p50us: pct(0.5), p99us: pct(0.99), held };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = runMappingBench(Number(process.argv[2] ?? 20_000));
  console.log(`mapping: ${r.orders} orders, ${r.perSecond} orders/s on one core, p50 ${r.p50us} µs, p99 ${r.p99us} µs per order (parse + build), ${r.held} held`);
}
