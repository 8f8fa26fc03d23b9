import type { SandboxDb } from './db';
import { randomToken } from './signing';

/** OAuth access tokens: opaque, stored, and dead after their lifetime. */
export interface TokenRow {
  token: string;
  store_id: string;
  scope: string;
  expires_at: number;
}

export function createTokenRepo(db: SandboxDb) {
  return {
    async issue(storeId: string, scope: string, now: number, lifetimeSec: number): Promise<TokenRow> {
      const row: TokenRow = { token: randomToken('cat_', 32), store_id: storeId, scope, expires_at: now + lifetimeSec * 1000 };
      // Expired tokens are dropped as new ones are issued, so the table stays small.
      await db.batch([
        { sql: 'DELETE FROM access_tokens WHERE expires_at <= ?', args: [now] },
        { sql: 'INSERT INTO access_tokens (token, store_id, scope, expires_at) VALUES (?, ?, ?, ?)', args: [row.token, storeId, scope, row.expires_at] },
      ]);
      return row;
    },
    find: (token: string) => db.one<TokenRow>('SELECT * FROM access_tokens WHERE token = ?', [token]),
    revokeStore: (storeId: string) => db.run('DELETE FROM access_tokens WHERE store_id = ?', [storeId]),
  };
}
export type TokenRepo = ReturnType<typeof createTokenRepo>;
