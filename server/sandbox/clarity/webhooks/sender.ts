import type { Clock } from '../../../core/clock';
import type { Logger } from '../../../core/logger';
import { newMessageId } from '../signing';
import { signingSecrets, type StoreRepo } from '../stores';
import { iso } from '../types';
import { postSigned, DELIVERY_TIMEOUT_MS } from './deliver';
import type { EventRepo, EventRow } from './events-repo';

/** Delays after each failed attempt (contracts/clarity.md §3): 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
export const DEFAULT_RETRY_SCHEDULE = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];

export interface SenderOptions {
  events: EventRepo;
  stores: StoreRepo;
  clock: Clock;
  /** The app's webhook endpoint: appUrl + manifest webhooks.path. */
  url: string;
  /** Topics the app subscribed to in its manifest; other events are not sent. */
  topics: string[];
  schedule?: number[];
  timeoutMs?: number;
  /** Deliveries in flight at once. */
  concurrency?: number;
  log?: Logger;
}

export interface AttemptOutcome { eventId: string; topic: string; attemptNo: number; ok: boolean; status: number | null; error: string | null }

/**
 * Clarity's webhook sender. Events are rows; a due event is attempted, the attempt recorded, and
 * a failure rescheduled on the retry schedule with the same webhook-id. Time comes from the
 * injected clock, so `processDue()` can be driven on a fake clock; `start()` runs a real loop.
 */
export function createWebhookSender(o: SenderOptions) {
  const schedule = o.schedule ?? DEFAULT_RETRY_SCHEDULE;
  const concurrency = o.concurrency ?? 8;
  const inFlight = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;

  async function enqueue(storeId: string, topic: string, data: unknown): Promise<string | null> {
    if (!o.topics.includes(topic)) return null;
    const now = o.clock.now();
    const id = newMessageId();
    const body = JSON.stringify({ type: topic, timestamp: iso(now), data });
    await o.events.insert({ id, store_id: storeId, kind: 'webhook', topic, url: o.url, body, created_at: now, status: 'pending', next_attempt_at: now });
    if (timer) setImmediate(tick);
    return id;
  }

  async function attempt(e: EventRow): Promise<AttemptOutcome | undefined> {
    const store = await o.stores.get(e.store_id);
    const at = o.clock.now();
    // After an uninstall only the uninstall notice itself still goes out.
    if (!store || (store.status !== 'installed' && e.topic !== 'app.uninstalled')) {
      await o.events.cancel(e.id, at);
      return undefined;
    }
    const r = await postSigned({
      url: e.url, id: e.id, body: e.body, secrets: signingSecrets(store, at), storeId: e.store_id,
      timestampSec: Math.floor(at / 1000), timeoutMs: o.timeoutMs ?? DELIVERY_TIMEOUT_MS,
    });
    const delay = schedule[Number(e.attempt_count)];
    const next = r.ok ? { status: 'delivered' as const, nextAt: null }
      : delay === undefined ? { status: 'failed' as const, nextAt: null }
      : { status: 'pending' as const, nextAt: at + delay };
    const attemptNo = await o.events.recordAttempt(e, at, r, next);
    if (!r.ok) o.log?.debug({ id: e.id, topic: e.topic, attemptNo, error: r.error }, 'webhook attempt failed');
    return { eventId: e.id, topic: e.topic, attemptNo, ok: r.ok, status: r.status, error: r.error };
  }

  /** Attempts every event due at `now`, a few at a time; returns what happened. */
  async function processDue(now = o.clock.now()): Promise<AttemptOutcome[]> {
    const due = (await o.events.due(now, 500)).filter((e) => !inFlight.has(e.id));
    due.forEach((e) => inFlight.add(e.id));
    const outcomes: AttemptOutcome[] = [];
    let i = 0;
    const worker = async () => {
      while (i < due.length) {
        const e = due[i++];
        try {
          const r = await attempt(e);
          if (r) outcomes.push(r);
        } finally {
          inFlight.delete(e.id);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, due.length) }, worker));
    return outcomes;
  }

  /** Attempts one event right away, whatever its schedule (e.g. the uninstall notice). */
  async function deliverNow(id: string): Promise<AttemptOutcome | undefined> {
    const e = await o.events.get(id);
    if (!e || e.status !== 'pending' || inFlight.has(id)) return undefined;
    inFlight.add(id);
    try {
      return await attempt(e);
    } finally {
      inFlight.delete(id);
    }
  }

  function tick() {
    // A tick queued by enqueue() may fire after stop(): the loop is over, and the db may be closed.
    if (running || !timer) return;
    running = processDue()
      .catch((err) => o.log?.error({ err }, 'webhook sender tick failed'))
      .finally(() => (running = undefined));
  }

  return {
    enqueue,
    processDue,
    deliverNow,
    start(opts: { intervalMs?: number } = {}) {
      if (timer) return;
      timer = setInterval(tick, opts.intervalMs ?? 1000);
      timer.unref();
      setImmediate(tick);
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
    /** Resolves when the current loop pass (if any) has finished. */
    async idle() {
      await running;
    },
    events: o.events,
  };
}
export type WebhookSender = ReturnType<typeof createWebhookSender>;
