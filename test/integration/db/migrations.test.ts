import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../server/db/client';
import { runMigrations } from '../../../server/db/migrate';

const dir = mkdtempSync(join(tmpdir(), 'connector-migrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('migrations', () => {
  it('apply to an empty database and are a no-op on restart', async () => {
    const url = `file:${join(dir, 'a', 'connector.db')}`;
    const first = await openDatabase({ url });
    await runMigrations(first);
    const tables = await first.client.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    const names = tables.rows.map((r) => String(r.name));
    expect(names).toEqual(expect.arrayContaining(['installations', 'deliveries', 'jobs', 'job_attempts', 'order_links', 'audit_log']));
    const applied = await first.client.execute('SELECT count(*) AS n FROM __drizzle_migrations');
    await first.client.execute("INSERT INTO audit_log (store_id, at, actor, action) VALUES ('s', 1, 'test', 'kept')");
    first.close();

    const second = await openDatabase({ url });
    await runMigrations(second);
    const again = await second.client.execute('SELECT count(*) AS n FROM __drizzle_migrations');
    expect(Number(again.rows[0].n)).toBe(Number(applied.rows[0].n));
    const kept = await second.client.execute("SELECT count(*) AS n FROM audit_log WHERE action = 'kept'");
    expect(Number(kept.rows[0].n)).toBe(1);
    second.close();
  });

  it('holds a file database to WAL, durable commits and foreign keys', async () => {
    const db = await openDatabase({ url: `file:${join(dir, 'b.db')}` });
    const mode = await db.client.execute('PRAGMA journal_mode');
    const sync = await db.client.execute('PRAGMA synchronous');
    const fk = await db.client.execute('PRAGMA foreign_keys');
    expect(String(mode.rows[0].journal_mode)).toBe('wal');
    expect(Number(sync.rows[0].synchronous)).toBe(2); // FULL
    expect(Number(fk.rows[0].foreign_keys)).toBe(1);
    db.close();
  });

  it('stops start-up with a readable error for a bad DATABASE_URL or ENCRYPTION_KEY', () => {
    const run = (env: Record<string, string>) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
        env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 30_000,
      });
    const badUrl = run({ DATABASE_URL: 'mysql://nope' });
    expect(badUrl.status).toBe(2);
    expect(badUrl.stderr).toMatch(/DATABASE_URL: must be a file: path or a libsql/);
    const badKey = run({ CLARITY_APP_SECRET: 'whsec_dGVzdA==', ENCRYPTION_KEY: 'not-a-key' });
    expect(badKey.status).toBe(2);
    expect(badKey.stderr).toMatch(/ENCRYPTION_KEY: must be 32 bytes/);
    const unreachable = run({ DATABASE_URL: 'http://127.0.0.1:9', DEMO: '1' });
    expect(unreachable.status).toBe(2);
    expect(unreachable.stderr).toMatch(/DATABASE_URL: cannot reach/);
  });
});
