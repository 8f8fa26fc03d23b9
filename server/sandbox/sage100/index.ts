import type { Client } from '@libsql/client';
import type { Hono } from 'hono';
import { systemClock, type Clock } from '../../core/clock';
import { createFaultController, type FaultController } from '../faults/index';
import { buildSageApp } from './app';
import type { SageEnv, SandboxContext, SandboxSettings } from './context';
import { openSandboxDb } from './db/open';
import { sqlHelpers } from './db/sql';
import { CountCache } from './paging';
import { RecordLocks } from './record-locks';
import { sageStamp } from './sage-time';
import { seedCompany } from './seed/seed';
import { WriteQueue } from './write-queue';

export interface Sage100SandboxOptions {
  /** libSQL URL of the sandbox's own database (never the connector's). */
  dbUrl: string;
  apiKey: string;
  /** Company codes this installation has; ['ABC'] by default. */
  companies?: string[];
  clock?: Clock;
  /** Real time every write spends inside its company's write lock (0 by default). */
  writeLatencyMs?: number;
  /** Extra time a search by e-mail takes (a full scan in Sage); 150 ms by default. */
  emailScanDelayMs?: number;
  /** Length of new invoice numbers, 7 to 20; 7 by default. */
  invoiceNoLength?: number;
  faults?: FaultController;
  /** Seed items and customers into an empty company (setup tables are always created); true by default. */
  seed?: boolean;
  /** Where unexpected errors are reported. */
  log?: (err: unknown) => void;
}

export interface Sage100Sandbox {
  app: Hono<SageEnv>;
  faults: FaultController;
  db: Client;
  /** The sandbox's internals, for its demo activity and for tests that act as a Sage user. */
  ctx: SandboxContext;
  close(): Promise<void>;
}

/**
 * A working stand-in for a Sage 100 installation behind its HTTP gateway
 * (contracts/sage100.md): state in libSQL, Sage's rules enforced, faults injectable.
 * Mount `app` wherever you like; its routes are relative (/health, /SO/SalesOrder, ...).
 */
export async function createSage100Sandbox(opts: Sage100SandboxOptions): Promise<Sage100Sandbox> {
  const clock = opts.clock ?? systemClock;
  const companies = (opts.companies ?? ['ABC']).map((c) => c.toUpperCase());
  const db = await openSandboxDb(opts.dbUrl);
  const sql = sqlHelpers(db);
  const settings: SandboxSettings = {
    writeLatencyMs: opts.writeLatencyMs ?? 0,
    emailScanDelayMs: opts.emailScanDelayMs ?? 150,
    invoiceNoLength: opts.invoiceNoLength ?? 7,
  };
  const faults = opts.faults ?? createFaultController({}, { clock });
  const writes = new WriteQueue(() => settings.writeLatencyMs);
  const ctx: SandboxContext = {
    db, sql, clock, apiKey: opts.apiKey, companies, settings, faults, writes,
    locks: new RecordLocks(clock),
    counts: new CountCache(() => writes.version),
  };
  for (const company of companies) await seedCompany(sql, company, sageStamp(clock.now()), opts.seed ?? true);
  const app = buildSageApp(ctx, opts.log);
  let closed = false;
  return {
    app, faults, db, ctx,
    async close() {
      if (closed) return;
      closed = true;
      faults.abortHeld();
      await ctx.writes.drain();
      db.close();
    },
  };
}

export { startSageActivity } from './activity';
export type { SandboxContext, SandboxSettings } from './context';
