import type { Config } from '../config/env';
import type { Logger } from '../core/logger';
import type { Database } from '../db/client';
import type { HandlerMap } from './types';
import { createWorker, type Worker } from './worker';

/**
 * The worker as the composition root runs it: configured from the environment, with a health
 * probe, and a stop that drains within SHUTDOWN_TIMEOUT_MS. WORKER_ENABLED=0 runs an app that
 * only takes webhooks and serves the panel (its jobs wait for a worker elsewhere).
 */
export interface RunningWorker {
  worker: Worker | null;
  /** Shaped like the health route's probes (queue does not import http). */
  probe: { name: string; check(): Promise<{ ok: boolean; detail?: unknown }> };
  stop(): Promise<void>;
}

/** Consecutive failed claims before the probe calls the worker unhealthy. */
const UNHEALTHY_AFTER_ERRORS = 3;

export function startWorker(o: { database: Database; config: Config; log: Logger; handlers: HandlerMap }): RunningWorker {
  if (!o.config.WORKER_ENABLED) {
    return {
      worker: null,
      probe: { name: 'worker', check: async () => ({ ok: true, detail: { enabled: false } }) },
      stop: async () => {},
    };
  }
  const worker = createWorker({
    database: o.database,
    handlers: o.handlers,
    log: o.log,
    concurrency: o.config.WORKER_CONCURRENCY,
    targetLimits: { 'sage-write': o.config.SAGE_WRITE_CONCURRENCY },
  });
  worker.start();
  return {
    worker,
    probe: {
      name: 'worker',
      check: async () => {
        const s = worker.status();
        const ok = s.started && !s.stopping && s.consecutiveErrors < UNHEALTHY_AFTER_ERRORS;
        return { ok, detail: { enabled: true, ...s, kinds: Object.keys(o.handlers).length } };
      },
    },
    stop: () => worker.stop({ deadlineMs: o.config.SHUTDOWN_TIMEOUT_MS }),
  };
}
