import type { Client } from '@libsql/client';
import type { Clock } from '../../core/clock';
import type { FaultController } from '../faults/index';
import type { Sql } from './db/sql';
import type { CountCache } from './paging';
import type { RecordLocks } from './record-locks';
import { sageStamp, type SageStamp } from './sage-time';
import type { WriteQueue } from './write-queue';

/** Knobs that can change while the sandbox runs (through PUT /_admin/settings). */
export interface SandboxSettings {
  /** Real time every write spends inside the company's write lock. */
  writeLatencyMs: number;
  /** Extra real time a GET /AR/Customer?EmailAddress= scan takes (it reads every customer). */
  emailScanDelayMs: number;
  /** Length of new invoice numbers: 7 by default, up to 20 as Sage allows. */
  invoiceNoLength: number;
}

/** Everything a route or action of the sandbox needs, built once by createSage100Sandbox. */
export interface SandboxContext {
  db: Client;
  sql: Sql;
  clock: Clock;
  apiKey: string;
  companies: string[];
  settings: SandboxSettings;
  writes: WriteQueue;
  locks: RecordLocks;
  faults: FaultController;
  /** TotalCounts of paged reads, valid until the next write. */
  counts: CountCache;
}

/** Hono environment of the sandbox's routes: the company the request is for. */
export type SageEnv = { Variables: { company: string } };

/** The stamp every record written now gets. */
export const stampNow = (ctx: SandboxContext): SageStamp => sageStamp(ctx.clock.now());
