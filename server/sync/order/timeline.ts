import type { Clock } from '../../core/clock';
import type { SageCall } from '../../connectors/sage100/client';
import type { OrderEventInput } from '../../db/repos/order-events.repo';

/**
 * The order's timeline for one job attempt, buffered: events are written together with the
 * link change they lead to (one transaction), or at the end of the attempt, instead of one
 * write per step on the hot path.
 */
export class Timeline {
  private events: OrderEventInput[] = [];

  constructor(private clock: Clock, private jobId: string | null) {}

  add(step: string, level: OrderEventInput['level'], message: string, detail?: unknown): void {
    this.events.push({ at: this.clock.now(), step, level, message, detail, jobId: this.jobId });
  }
  info(step: string, message: string, detail?: unknown) { this.add(step, 'info', message, detail); }
  warn(step: string, message: string, detail?: unknown) { this.add(step, 'warn', message, detail); }
  error(step: string, message: string, detail?: unknown) { this.add(step, 'error', message, detail); }

  /** Hands over what is buffered; the caller writes it. */
  take(): OrderEventInput[] {
    const out = this.events;
    this.events = [];
    return out;
  }

  get size(): number {
    return this.events.length;
  }

  /** An observer for the Sage client: every gateway call and its answer becomes a timeline step. */
  readonly sageObserver = (call: SageCall): void => {
    const what = `${call.method} ${decodeURIComponent(call.path)}${queryText(call.query)}`;
    const ms = Math.round(call.ms);
    if (call.ok) {
      this.add('sage', 'info', `${what} → ${summarize(call.answer)} (${ms} ms)`, {
        request: call.method === 'GET' ? undefined : call.body,
        answer: trimAnswer(call.answer),
      });
      return;
    }
    const e = call.error;
    const status = e?.status && e.status !== 504 ? `${e.status} ` : '';
    const field = e?.field ? ` (field ${e.field})` : '';
    this.add('sage', e?.errorClass === 'permanent' && e.status === 404 ? 'info' : 'warn',
      `${what} → ${status}${e?.code ?? 'error'}${field}: ${e?.message ?? 'no answer'} (${ms} ms)`,
      { request: call.method === 'GET' ? undefined : call.body, errorClass: e?.errorClass });
  };
}

function queryText(q: SageCall['query']): string {
  if (!q) return '';
  const parts = Object.entries(q).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${v}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

function summarize(answer: unknown): string {
  if (Array.isArray(answer)) return `${answer.length} found`;
  const a = answer as Record<string, unknown> | null;
  if (a && Array.isArray(a.Results)) return `${a.Results.length} found`;
  if (a?.SalesOrderNo) return `sales order ${a.SalesOrderNo} (status ${a.OrderStatus ?? '?'})`;
  if (a?.CustomerNo) return `customer ${a.ARDivisionNo}-${a.CustomerNo}`;
  if (a?.ItemCode) return `item ${a.ItemCode}`;
  return 'ok';
}

/** Long search answers are cut to their first rows: the timeline is for people, not a dump. */
function trimAnswer(answer: unknown): unknown {
  const a = answer as Record<string, unknown> | null;
  if (Array.isArray(answer)) return answer.length > 5 ? [...answer.slice(0, 5), `… ${answer.length - 5} more`] : answer;
  if (a && Array.isArray(a.Results) && a.Results.length > 5) {
    return { ...a, Results: [...a.Results.slice(0, 5), `… ${a.Results.length - 5} more`] };
  }
  return answer;
}
