import { serve, type ServerType } from '@hono/node-server';
import { loadConfig, ConfigError, type Config } from './config/env';
import { createLogger, type Logger } from './core/logger';
import { openDatabase, type Database } from './db/client';
import { runMigrations } from './db/migrate';
import { createHttpApp } from './http/app';
import { healthRoutes, type HealthProbe } from './http/routes/health';
import { loadManifest } from './manifest';
import { startWorker } from './queue/start-worker';
import type { HandlerMap } from './queue/types';
import { startIntake } from './webhooks/start-intake';
import { fileURLToPath } from 'node:url';
import { systemClock } from './core/clock';
import { createApi } from './http/api';
import { manifestRoutes } from './http/routes/manifest/index';
import { staticRoutes } from './http/static';
import { createSageGateways } from './sync/sage-gateway';
import { orderHandlers } from './sync/order/index';
import { customerHandlers } from './sync/customer/index';
import { markFeedActivity } from './monitoring/alerts';
import { createMonitoring } from './monitoring/index';
import { createFeedModule } from './sync/feeds/module';
import { FEED_SCHEDULES, startFeedSchedules } from './schedules/feed-tick';
import { ORDER_POLL_SCHEDULE } from './webhooks/order-poll-schedule';
import { mountDemo } from './wiring/demo';
import { retentionHandlers } from './queue/retention';
import { startRetentionSchedule } from './schedules/retention';
import { DEMO_SAGE_API_KEY, DEMO_SAGE_COMPANY } from './config/defaults';
import { FaultConfigError } from './sandbox/faults/index';

/**
 * Composition root: config → db → migrate → (demo sandboxes) → worker → schedules → serve.
 * The only place that wires concrete implementations together.
 */
export interface RunningApp {
  url: string;
  config: Config;
  database: Database;
  log: Logger;
  stop(): Promise<void>;
}

/** A start-up problem in the environment (a port in use ...), reported without a stack trace. */
class StartupError extends Error {}

export interface StartOptions {
  /** Overrides PORT; 0 picks a free port (tests). */
  port?: number;
}

export async function startApp(env: Record<string, string | undefined> = process.env, opts: StartOptions = {}): Promise<RunningApp> {
  const config = loadConfig(env);
  const log = createLogger(config.LOG_LEVEL);
  const database = await openDatabase({ url: config.DATABASE_URL, authToken: config.DATABASE_AUTH_TOKEN });
  await runMigrations(database);

  const stops: Array<() => Promise<void> | void> = [];
  const probes: HealthProbe[] = [
    { name: 'database', check: async () => (await database.client.execute('SELECT 1'), { ok: true }) },
  ];

  const app = createHttpApp(log);
  app.route('/', healthRoutes(() => probes));

  // Demo mode: both sandboxes under /sandbox/ and the simulated Clarity admin at /admin/.
  const demo = config.demo ? await mountDemo(app, { config, log, db: database.db, stops }) : undefined;

  // manifest.json's paths do not depend on the URL; read once here, and again with the real URL
  // (its port) once the server listens, for the copy served at /manifest.json.
  const listing = loadManifest(config.appUrl);

  // Webhook intake on the paths manifest.json names. Its stop commits what was accepted and
  // closes the intake's writer thread.
  const intake = await startIntake({ database, config, log, manifest: listing });
  app.route('/', intake.routes);
  stops.push(() => intake.stop());
  probes.push(intake.probe);

  // The panel: its API under /api (session tokens only), the built ui/ at /ui/, the extension
  // script at the path(s) manifest.json names, and manifest.json itself.
  let baseUrl = config.appUrl;
  let workerProbe: HealthProbe | undefined;
  const gateways = createSageGateways({ db: database.db, secrets: intake.box, env: config, demo: config.demo, appUrl: () => baseUrl });
  // Monitoring: each store's gateway health (shared by /health, the panel and the checks), the
  // periodic checks that open and resolve alerts, and their notices to ALERT_WEBHOOK_URL.
  const monitoring = createMonitoring({
    db: database.db, clock: systemClock, log, gateways, alertWebhookUrl: config.ALERT_WEBHOOK_URL,
    thresholds: {
      intervalMs: config.MONITOR_INTERVAL_MS, gatewayDownMs: config.ALERT_GATEWAY_DOWN_MS,
      queueWaitMs: config.ALERT_QUEUE_WAIT_MS, webhookWindowMs: config.ALERT_WEBHOOK_WINDOW_MS,
    },
  });
  probes.push(...monitoring.probes);
  app.route('/api', createApi({
    db: database.db, clock: systemClock, log, secrets: intake.box, gateways,
    sessionKeys: (storeId) => intake.secrets.sessionKeys(storeId),
    envGateway: { apiKeySet: !!config.SAGE100_API_KEY },
    workerHealth: () => (workerProbe ? workerProbe.check() : Promise.resolve({ ok: true, detail: { starting: true } })),
    gatewayHealth: monitoring.health,
  }));
  app.route('/', staticRoutes({
    distDir: fileURLToPath(new URL('../dist', import.meta.url)),
    extensionScripts: listing.extensions.map((e) => e.script),
  }));
  let servedManifest = listing;
  app.route('/', manifestRoutes(() => servedManifest));

  // Listen first: in demo mode the app's own URL (with the chosen port) is where the sandboxes live.
  const port = opts.port ?? config.PORT;
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port, hostname: config.HOST }, () => resolve(s));
    s.once('error', (err: NodeJS.ErrnoException) => reject(err.code === 'EADDRINUSE'
      ? new StartupError(`PORT: ${config.HOST}:${port} is already in use; stop the other process or set PORT`)
      : err));
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const url = env.APP_URL ? config.appUrl : `http://localhost:${actualPort}`;
  const manifest = loadManifest(url);
  baseUrl = url;
  servedManifest = manifest;

  await demo?.afterListen(url, manifest);

  // The job worker. Job handlers by kind: each flow adds its map here, e.g.
  // { ...orderHandlers, ...feedHandlers }. A worker claims only the kinds it has handlers for;
  // jobs of other kinds wait queued (for a newer version, or for their handler to be added).
  // The Sage → Clarity feeds (shipments, inventory, items, order status, payments) and backfills.
  const feeds = createFeedModule({
    db: database.db, clock: systemClock, log, gateways, clarityAuth: (storeId) => intake.secrets.clarityAuth(storeId), intake: intake.intake,
  });
  const handlers: HandlerMap = {
    // ▼ job handler maps of server/sync/* go here
    ...intake.handlers, // 'order.poll': the Clarity order feed (polling fallback)
    ...orderHandlers({ db: database.db, clock: systemClock, gateways, clarityFor: intake.clarityOrdersFor, markFeedActivity }),
    ...customerHandlers({ db: database.db, clock: systemClock, gateways }),
    ...feeds.handlers, // 'feed.poll', 'feed.resync', 'feed.backfill-orders', 'product.sync'
    ...monitoring.handlers, // 'monitor.check', 'alert.notify'
    ...retentionHandlers({ db: database.db, keepMs: config.JOB_RETENTION_DAYS * 24 * 3600_000 }), // 'jobs.prune'
    // ▲
  };
  // Started once the server listens (demo handlers call the sandboxes on this port); stopped
  // first, so in-flight jobs still reach the sandboxes and the intake while they finish.
  const jobs = startWorker({ database, config, log, handlers });
  stops.push(() => jobs.stop());
  probes.push(jobs.probe);
  workerProbe = jobs.probe;

  // Schedules only enqueue: once a second, one poll job per due feed of each store (the Sage →
  // Clarity feeds and the Clarity order poll), never two of one feed at a time. Stopped first.
  if (config.SCHEDULES_ENABLED) {
    const schedules = startFeedSchedules({ db: database.db, clock: systemClock, log, feeds: [...FEED_SCHEDULES, ORDER_POLL_SCHEDULE] });
    stops.push(() => schedules.stop());
    const monitor = monitoring.startSchedule();
    stops.push(() => monitor.stop());
    const retention = startRetentionSchedule({ db: database.db, clock: systemClock, log });
    stops.push(() => retention.stop());
  }

  let stopped = false;
  async function stop() {
    if (stopped) return;
    stopped = true;
    for (const s of stops.reverse()) await s();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    database.close();
  }
  return { url, config, database, log, stop };
}

async function main() {
  let running: RunningApp;
  try {
    running = await startApp();
  } catch (err) {
    // A configuration the operator can fix gets its message alone, not a stack trace.
    if (err instanceof ConfigError || err instanceof StartupError || err instanceof FaultConfigError
      || /^DATABASE_URL/.test((err as Error).message)) {
      console.error((err as Error).message);
      process.exit(2);
    }
    throw err;
  }
  const { url, config, log } = running;
  log.info({ url, demo: config.demo }, 'connector listening');
  if (config.demo) {
    console.log([
      '', '  Sage 100 connector (demo mode)',
      `  Admin:            ${url}/admin/   ← open this: orders, the Sage panel, Apps → Sage 100 Connector`,
      `  Health:           ${url}/health`,
      `  Clarity sandbox:  ${url}/sandbox/clarity/  (REST under api/v1, admin routes under _admin)`,
      `  Sage 100 sandbox: ${url}/sandbox/sage100/  (X-Api-Key: ${DEMO_SAGE_API_KEY}, X-Sage-Company: ${DEMO_SAGE_COMPANY})`,
      '',
    ].join('\n'));
  }
  const shutdown = (signal: string) => {
    log.info({ signal }, 'stopping');
    const timer = setTimeout(() => process.exit(1), config.SHUTDOWN_TIMEOUT_MS + 5000).unref();
    running.stop().then(() => { clearTimeout(timer); process.exit(0); }, () => process.exit(1));
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

if (import.meta.url === `file://${process.argv[1]}`) void main();
