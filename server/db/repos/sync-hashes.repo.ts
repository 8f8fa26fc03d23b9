import type { InStatement } from '@libsql/client';
import type { Db } from '../client';
import { clientOf, writeBatch } from './raw-client';

/**
 * The stable hash of what was last pushed for each record (sync_hashes), so a feed pushes only
 * what changed. Read and written per page by key — a feed never loads a whole store's hashes —
 * with raw SQL, since the inventory feed does this for 100,000 rows.
 */
const CHUNK = 400;

export async function loadHashes(db: Db, storeId: string, feed: string, keys: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const unique = [...new Set(keys)];
  const client = clientOf(db);
  for (let i = 0; i < unique.length; i += CHUNK) {
    const chunk = unique.slice(i, i + CHUNK);
    const rs = await client.execute({
      sql: `SELECT record_key, hash FROM sync_hashes WHERE store_id = ? AND feed = ? AND record_key IN (${chunk.map(() => '?').join(',')})`,
      args: [storeId, feed, ...chunk],
    });
    for (const r of rs.rows) out.set(String(r.record_key), String(r.hash));
  }
  return out;
}

/** Upsert statements for some hashes, unsent, so they can join the batch of the change they record. */
export function hashUpsertStatements(storeId: string, feed: string, entries: Array<[key: string, hash: string]>, now: number): InStatement[] {
  const stmts: InStatement[] = [];
  for (let i = 0; i < entries.length; i += CHUNK) {
    const chunk = entries.slice(i, i + CHUNK);
    stmts.push({
      sql: `INSERT INTO sync_hashes (store_id, feed, record_key, hash, updated_at) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?)').join(',')}
            ON CONFLICT (store_id, feed, record_key) DO UPDATE SET hash = excluded.hash, updated_at = excluded.updated_at`,
      args: chunk.flatMap(([key, hash]) => [storeId, feed, key, hash, now]),
    });
  }
  return stmts;
}

export async function saveHashes(db: Db, storeId: string, feed: string, entries: Array<[key: string, hash: string]>, now: number): Promise<void> {
  if (entries.length) await writeBatch(db, hashUpsertStatements(storeId, feed, entries, now));
}

export async function deleteHashes(db: Db, storeId: string, feed: string, keys: string[]): Promise<void> {
  const stmts: InStatement[] = [];
  for (let i = 0; i < keys.length; i += CHUNK) {
    const chunk = keys.slice(i, i + CHUNK);
    stmts.push({
      sql: `DELETE FROM sync_hashes WHERE store_id = ? AND feed = ? AND record_key IN (${chunk.map(() => '?').join(',')})`,
      args: [storeId, feed, ...chunk],
    });
  }
  if (stmts.length) await writeBatch(db, stmts);
}

export async function countHashes(db: Db, storeId: string, feed: string): Promise<number> {
  const rs = await clientOf(db).execute({ sql: 'SELECT COUNT(*) AS n FROM sync_hashes WHERE store_id = ? AND feed = ?', args: [storeId, feed] });
  return Number(rs.rows[0]?.n ?? 0);
}
