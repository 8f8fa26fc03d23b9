import type { Clock } from '../core/clock';
import type { SecretBox } from '../core/crypto';
import type { Logger } from '../core/logger';
import type { Db } from '../db/client';
import type { SageGateways } from '../sync/sage-gateway';

/**
 * What the app's API needs from the composition root. Everything else (repos, queue actions) the
 * routes call directly with `db`, so the API runs the same code in tests as in production.
 */
export interface ApiDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  /** Opens the stores' sealed client secrets (session tokens) and seals Sage API keys. */
  secrets: SecretBox;
  /** Which Sage gateway each store uses (its own settings, the environment, or the demo sandbox). */
  gateways: SageGateways;
  /** The server-wide Sage gateway, shown as the fallback in settings. */
  envGateway: { gatewayUrl?: string; company?: string; apiKeySet: boolean; demo: boolean };
  /** The worker's state for the store-scoped health route; absent when no worker runs here. */
  workerStatus?: () => { running: boolean; [k: string]: unknown };
}
