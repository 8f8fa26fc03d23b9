import type { Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import type { Db } from '../db/client';
import type { HandlerMap } from '../queue/types';
import type { SageGateways } from '../sync/sage-gateway';
import { gatewayHealthCache, type GatewayHealthCache, type GatewayHealthOptions } from './gateway-health';
import { gatewaysProbe, queueProbe } from './health-probes';
import { MONITOR_JOB } from './kinds';
import { monitorCheckHandler } from './monitor-check';
import { alertNotifyHandler } from './notify';
import { startMonitorSchedule } from './schedule';
import { DEFAULT_THRESHOLDS, type MonitorThresholds } from './verdicts';

/**
 * The monitoring piece, built once by the composition root: the gateway health cache (shared with
 * the panel's API), the job handlers ('monitor.check', 'alert.notify'), the non-critical /health
 * probes, and the schedule that enqueues the checks.
 */
export interface MonitoringOptions {
  db: Db;
  clock: Clock;
  log: Logger;
  gateways: SageGateways;
  /** ALERT_WEBHOOK_URL; unset: no notifications. */
  alertWebhookUrl?: string;
  thresholds?: Partial<MonitorThresholds>;
  gatewayHealth?: GatewayHealthOptions;
}

export interface Monitoring {
  health: GatewayHealthCache;
  handlers: HandlerMap;
  probes: ReturnType<typeof gatewaysProbe | typeof queueProbe>[];
  startSchedule(): { stop(): void; tick(): Promise<number> };
}

export function createMonitoring(o: MonitoringOptions): Monitoring {
  const thresholds: MonitorThresholds = { ...DEFAULT_THRESHOLDS, ...o.thresholds };
  const health = gatewayHealthCache(o.gateways, o.clock, o.gatewayHealth);
  return {
    health,
    handlers: {
      [MONITOR_JOB.check]: monitorCheckHandler({ db: o.db, clock: o.clock, health, thresholds, notifications: !!o.alertWebhookUrl }),
      [MONITOR_JOB.notify]: alertNotifyHandler({ db: o.db, url: o.alertWebhookUrl }),
    },
    probes: [
      gatewaysProbe({ db: o.db, health }),
      queueProbe({ db: o.db, clock: o.clock, maxWaitMs: thresholds.queueWaitMs }),
    ],
    startSchedule: () => startMonitorSchedule({ db: o.db, clock: o.clock, log: o.log, intervalMs: thresholds.intervalMs }),
  };
}
