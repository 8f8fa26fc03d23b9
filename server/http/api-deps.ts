import type { Clock } from '../core/clock';
import type { SecretBox } from '../core/crypto';
import type { Logger } from '../core/logger';
import type { Db } from '../db/client';
import type { GatewayHealthCache } from '../monitoring/gateway-health';
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
  /** Whether the server-wide Sage gateway (SAGE100_*) has an API key: settings say "set", never the key. */
  envGateway: { apiKeySet: boolean };
  /** The worker's health probe, for the store's health route; absent when no worker runs here. */
  workerHealth?: () => Promise<{ ok: boolean; detail?: unknown }>;
  /** The gateway health checks, shared with GET /health and the monitor; made here when absent. */
  gatewayHealth?: GatewayHealthCache;
}
