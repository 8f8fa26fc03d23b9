import type { OrderPanelData } from '../../../contracts/orders';
import type { Db } from '../../../db/client';
import { listSubjectDeliveries } from '../../../db/repos/deliveries.repo';
import { jobsByKey } from '../../../db/repos/jobs.repo';
import { listOrderEvents } from '../../../db/repos/order-events.repo';
import { getOrderLink } from '../../../db/repos/order-links.repo';
import { orderKey } from '../../../queue/keys';
import { orderAppState } from './order-state';

/** Everything the order panel shows, read for one store only. */
export async function loadOrderPanel(db: Db, storeId: string, orderId: string): Promise<OrderPanelData> {
  const [link, events, jobList, dels] = await Promise.all([
    getOrderLink(db, { storeId, clarityOrderId: orderId }),
    listOrderEvents(db, storeId, orderId),
    jobsByKey(db, storeId, orderKey(storeId, orderId)),
    listSubjectDeliveries(db, storeId, 'order', orderId, 20),
  ]);
  const latest = jobList.length ? jobList[jobList.length - 1] : null;
  const appState = orderAppState(link, latest, dels.length > 0);
  const order = latestOrderBody(dels.map((d) => d.body));
  const failedReason = appState === 'failed' || appState === 'held' ? latest?.lastError ?? null : null;
  const updatedAt = Math.max(link?.updatedAt ?? 0, latest?.updatedAt ?? 0, events.at(-1)?.at ?? 0, dels[0]?.receivedAt ?? 0) || null;
  return {
    orderId,
    orderKey: link?.clarityOrderKey ?? str(order?.CustomKey),
    appState,
    salesOrderNo: link?.salesOrderNo ?? null,
    customer: {
      arDivisionNo: link?.arDivisionNo ?? null,
      customerNo: link?.customerNo ?? null,
      display: link?.arDivisionNo && link.customerNo ? `${link.arDivisionNo}-${link.customerNo}` : null,
      name: customerName(order),
    },
    sageStatus: sageStatusText(link?.sageStatus ?? null),
    clarityStatus: link?.clarityStatus ?? str(order?.StatusKey),
    holdReason: link?.holdReason ?? failedReason,
    warnings: Array.isArray(link?.warnings) ? link.warnings.map(String) : [],
    writtenBackAt: link?.writtenBackAt ?? null,
    timeline: events.map((e) => ({ id: e.id, at: e.at, step: e.step, level: e.level, message: e.message, detail: e.detail ?? null })),
    jobs: jobList.slice(-10).reverse().map((j) => ({
      jobId: j.id, kind: j.kind, state: j.state, attempts: j.attempts, lastError: j.lastError, updatedAt: j.updatedAt,
    })),
    canResend: dels.length > 0,
    updatedAt,
  };
}

type Obj = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : null);

/** The order as last received: a delivery body is `{ type, timestamp, data }` or the order itself. */
export function latestOrderBody(bodies: string[]): Obj | null {
  for (const b of bodies) {
    try {
      const parsed = JSON.parse(b) as Obj;
      const order = (parsed && typeof parsed.data === 'object' ? parsed.data : parsed) as Obj;
      if (order && typeof order === 'object') return order;
    } catch {
      /* a body that is not JSON tells us nothing: try the next */
    }
  }
  return null;
}

function customerName(order: Obj | null): string | null {
  const bill = (order?.BillingContact ?? null) as Obj | null;
  if (!bill) return null;
  const company = str((bill.Address as Obj | undefined)?.Company);
  const person = [str(bill.FirstName), str(bill.LastName)].filter(Boolean).join(' ');
  return [company, person].filter(Boolean).join(' · ') || null;
}

/** Sage's one-letter OrderStatus in words (contracts/sage100.md), keeping the code for people who know it. */
const SAGE_STATUS: Record<string, string> = { N: 'New', O: 'Open', C: 'Closed', H: 'On hold', A: 'Active (history)', X: 'Deleted', Q: 'Quote' };
export function sageStatusText(code: string | null): string | null {
  if (!code) return null;
  const words = SAGE_STATUS[code.trim().toUpperCase()];
  return words ? `${words} (${code})` : code;
}
