import type { Hono } from 'hono';
import { systemClock, type Clock } from '../core/clock';
import { createSecretBox, type SecretBox } from '../core/crypto';
import { filePathOf } from '../core/file-client';
import type { Logger } from '../core/logger';
import type { Config } from '../config/env';
import { DEMO_APP_SECRET } from '../config/defaults';
import { createClarityHttp, type ClarityAuth } from '../connectors/clarity/http';
import { clarityOrders, type ClarityOrders } from '../connectors/clarity/orders';
import type { Database } from '../db/client';
import type { HealthProbe } from '../http/routes/health';
import type { Manifest } from '../manifest';
import type { HandlerMap } from '../queue/types';
import { cancelJobsForStore } from '../queue/uninstall';
import { ORDER_POLL_JOB, orderFeedPollHandler } from '../sync/order-feed-poll';
import { clientBatchWriter, withFallback, type BatchWriter } from './batch-writer';
import { Intake } from './intake';
import { intakeRoutes } from './intake-routes';
import { Lifecycle } from './lifecycle';
import { StoreSecrets } from './store-secrets';
import { startThreadWriter } from './thread-writer';

/**
 * Builds the intake and what hangs off it: the secret box, the per-store secret cache, the
 * committer (writer thread for a database file, the shared client otherwise), the lifecycle, the
 * routes, and the 'order.poll' handler. main.ts mounts `routes`, adds `handlers` to the worker and
 * `probe` to /health, and calls `stop()` on shutdown.
 */
export interface StartIntakeOptions {
  database: Database;
  config: Pick<Config, 'DATABASE_URL' | 'CLARITY_APP_SECRET' | 'demo' | 'encryptionKey'>;
  manifest: Manifest;
  log: Logger;
  clock?: Clock;
  /** 'auto' (default): a writer thread for a database file. 'client': always the shared client. */
  writer?: 'auto' | 'client';
}

export interface IntakeModule {
  routes: Hono;
  intake: Intake;
  lifecycle: Lifecycle;
  secrets: StoreSecrets;
  box: SecretBox;
  handlers: HandlerMap;
  /** For GET /health: the intake's commits, and whether the last one failed. */
  probe: HealthProbe;
  clarityOrdersFor(storeId: string): Promise<ClarityOrders>;
  stop(): Promise<void>;
}

export async function startIntake(opts: StartIntakeOptions): Promise<IntakeModule> {
  const { database, config, log } = opts;
  const clock = opts.clock ?? systemClock;
  // In demo mode the Clarity sandbox signs with the demo secret, whatever else is configured.
  const appSecret = [config.CLARITY_APP_SECRET, config.demo ? DEMO_APP_SECRET : undefined].filter((s): s is string => !!s);
  if (appSecret.length === 0) throw new Error('CLARITY_APP_SECRET is required outside demo mode');

  const box = createSecretBox(config.encryptionKey);
  const secrets = new StoreSecrets(database.db, box, { clock });
  const writer = await chooseWriter(opts);
  log.info({ writer: writer.name }, 'webhook intake ready');
  const intake = new Intake(writer, { clock });
  const lifecycle = new Lifecycle({
    db: database.db, box, secrets, clock, log,
    cancelStoreJobs: (storeId) => cancelJobsForStore(database.db, storeId, { clock, actor: 'clarity', reason: 'app uninstalled' }),
  });

  // One Clarity client per store, rebuilt when the store's credentials change (reinstall).
  const clients = new Map<string, { auth: ClarityAuth; orders: ClarityOrders }>();
  async function clarityOrdersFor(storeId: string): Promise<ClarityOrders> {
    const auth = await secrets.clarityAuth(storeId);
    const hit = clients.get(storeId);
    if (hit?.auth === auth) return hit.orders;
    const orders = clarityOrders(createClarityHttp(auth));
    clients.set(storeId, { auth, orders });
    return orders;
  }

  const routes = intakeRoutes({ manifest: opts.manifest, appSecret, intake, lifecycle, secrets, clock, log });
  const handlers: HandlerMap = {
    [ORDER_POLL_JOB]: orderFeedPollHandler({ db: database.db, intake, clarityFor: clarityOrdersFor, clock }),
  };
  // Health: failing while the last transaction failed (and none succeeded since).
  const probe: HealthProbe = {
    name: 'intake',
    check: async () => {
      const stats = intake.stats();
      return { ok: stats.failing === null, detail: stats };
    },
  };
  return { routes, intake, lifecycle, secrets, box, handlers, probe, clarityOrdersFor, stop: () => intake.stop() };
}

/** SQLite's default: the connection that commits past this many WAL pages checkpoints. */
const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;

async function chooseWriter(opts: StartIntakeOptions): Promise<BatchWriter> {
  const client = clientBatchWriter(opts.database.client);
  const path = opts.database.kind === 'file' ? filePathOf(opts.config.DATABASE_URL) : null;
  if (!path || opts.writer === 'client') return client;
  try {
    const thread = await startThreadWriter(path);
    // The thread checkpoints the file from now on (see its worker): a checkpoint on this
    // connection would run on the event loop. Whenever the thread is gone, this connection
    // takes the job back.
    const autocheckpoint = (pages: number) => opts.database.client.execute(`PRAGMA wal_autocheckpoint = ${pages}`).then(() => undefined, () => undefined);
    await autocheckpoint(0);
    return withFallback(thread, client, (err) => {
      opts.log.error({ err }, 'intake writer thread failed; committing on the main thread from now on');
      void autocheckpoint(DEFAULT_AUTOCHECKPOINT_PAGES);
    }, () => autocheckpoint(DEFAULT_AUTOCHECKPOINT_PAGES));
  } catch (err) {
    // Still correct on the shared client, only slower under load: say so and go on.
    opts.log.warn({ err }, 'intake writer thread unavailable; committing on the main thread');
    return client;
  }
}
