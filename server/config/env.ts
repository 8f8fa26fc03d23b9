import { z } from 'zod';
import {
  DEFAULT_DATABASE_URL, DEFAULT_HOST, DEFAULT_PORT, DEFAULT_SANDBOX_DIR, DEMO_ENCRYPTION_KEY,
} from './defaults';

/**
 * The only reader of process.env. Every variable is validated here; a bad value stops start-up
 * with a message naming the variable and what it expects.
 */
const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');
const positiveInt = z.coerce.number().int().nonnegative();

const base64Key = z.string().refine((v) => {
  try {
    return Buffer.from(v, 'base64').length === 32 && /^[A-Za-z0-9+/_-]+=*$/.test(v);
  } catch {
    return false;
  }
}, 'must be 32 bytes encoded as base64 (e.g. `openssl rand -base64 32`)');

const dbUrl = z.string().refine(
  (v) => /^(file:|libsql:\/\/|https?:\/\/|wss?:\/\/|:memory:$)/.test(v),
  'must be a file: path or a libsql://, http(s):// or ws(s):// URL of a libSQL server',
);

const httpUrl = z.string().url('must be an http(s) URL').refine((v) => /^https?:\/\//.test(v), 'must be an http(s) URL');

const schema = z.object({
  PORT: positiveInt.max(65535).default(DEFAULT_PORT),
  HOST: z.string().min(1).default(DEFAULT_HOST),
  APP_URL: httpUrl.optional(),
  DATABASE_URL: dbUrl.default(DEFAULT_DATABASE_URL),
  DATABASE_AUTH_TOKEN: z.string().optional(),
  CLARITY_APP_SECRET: z.string().regex(/^whsec_[A-Za-z0-9+/=]+$/, 'must look like whsec_<base64>').optional(),
  ENCRYPTION_KEY: base64Key.optional(),
  SAGE100_GATEWAY_URL: httpUrl.optional(),
  SAGE100_API_KEY: z.string().min(1).optional(),
  SAGE100_COMPANY: z.string().regex(/^[A-Z0-9]{3}$/, 'must be a 3-character Sage company code').optional(),
  DEMO: flag.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Added by this project.
  WORKER_CONCURRENCY: positiveInt.min(1).max(256).default(8),
  WORKER_ENABLED: flag.default(true),
  SAGE_WRITE_CONCURRENCY: positiveInt.min(1).max(16).default(1),
  SCHEDULES_ENABLED: flag.default(true),
  DEMO_ORDER_RATE: z.coerce.number().nonnegative().default(0.2),
  SANDBOX_DIR: z.string().min(1).default(DEFAULT_SANDBOX_DIR),
  SANDBOX_SAGE_WRITE_LATENCY_MS: positiveInt.default(0),
  SANDBOX_FAULTS: z.string().optional(),
  SHUTDOWN_TIMEOUT_MS: positiveInt.default(10_000),
  /** Finished jobs (succeeded, cancelled) older than this are deleted daily; held and dead ones never. */
  JOB_RETENTION_DAYS: positiveInt.min(1).max(3650).default(30),
  // Monitoring (server/monitoring/). ALERT_WEBHOOK_URL: when set, every alert that opens or
  // resolves is POSTed there as JSON `{ text, alert }` ("text" is what Slack and most chat
  // webhooks show), by an 'alert.notify' job that the engine retries. Unset: alerts only show in
  // the panel and the API.
  ALERT_WEBHOOK_URL: httpUrl.optional(),
  /** How often each store is checked (exceptions, gateway, queue, webhooks). */
  MONITOR_INTERVAL_MS: positiveInt.min(1000).default(60_000),
  /** A store's Sage gateway failing its health check this long opens an alert. */
  ALERT_GATEWAY_DOWN_MS: positiveInt.default(5 * 60_000),
  /** A job that could run waiting this long to start opens a "stuck queue" alert. */
  ALERT_QUEUE_WAIT_MS: positiveInt.min(1000).default(15 * 60_000),
  /** Window of the webhook check: the order poll found orders no webhook announced, and none arrived. */
  ALERT_WEBHOOK_WINDOW_MS: positiveInt.min(1000).default(30 * 60_000),
});

export type Env = z.infer<typeof schema>;

export interface Config extends Env {
  demo: boolean;
  appUrl: string;
  encryptionKey: Buffer;
}

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}` +
        (i.path.length ? ` (got ${JSON.stringify(cleaned[String(i.path[0])] ?? null)})` : '')),
    );
  }
  const e = parsed.data;
  const demo = e.DEMO ?? e.CLARITY_APP_SECRET === undefined;
  const issues: string[] = [];
  if (!demo && !e.ENCRYPTION_KEY) issues.push('ENCRYPTION_KEY: required outside demo mode (32 bytes, base64)');
  if (!demo && !e.CLARITY_APP_SECRET) issues.push('CLARITY_APP_SECRET: required outside demo mode (whsec_<base64> from the app listing)');
  if (issues.length) throw new ConfigError(issues);
  return {
    ...e,
    demo,
    appUrl: (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    encryptionKey: Buffer.from(e.ENCRYPTION_KEY ?? DEMO_ENCRYPTION_KEY, 'base64'),
  };
}
