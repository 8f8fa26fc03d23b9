import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../server/db/client';
import { runMigrations } from '../../server/db/migrate';
import { createLogger } from '../../server/core/logger';

/** A migrated database in a fresh temp directory, for queue (and intake) tests. */
export async function openQueueDb(prefix = 'queue-'): Promise<{ database: Database; dir: string; path: string; url: string; close(): void }> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const path = join(dir, 'jobs.db');
  const url = `file:${path}`;
  const database = await openDatabase({ url });
  await runMigrations(database);
  return {
    database,
    dir,
    path,
    url,
    close() {
      database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const quietLog = createLogger(process.env.QUEUE_TEST_LOG ?? 'silent', 'queue-test');
