import type { SandboxDb } from './db';

/** One installation of the app in a store, with the credentials the platform issued for it. */
export interface StoreRow {
  id: string;
  name: string;
  status: 'installing' | 'installed' | 'uninstalled';
  client_id: string;
  client_secret: string;
  webhook_secret: string;
  prev_webhook_secret: string | null;
  prev_secret_until: number | null;
  api_key: string;
  admin_user_id: string;
  admin_email: string;
  installed_at: number | null;
  updated_at: number;
}

const COLUMNS: Array<keyof StoreRow> = [
  'id', 'name', 'status', 'client_id', 'client_secret', 'webhook_secret', 'prev_webhook_secret',
  'prev_secret_until', 'api_key', 'admin_user_id', 'admin_email', 'installed_at', 'updated_at',
];

export function createStoreRepo(db: SandboxDb) {
  return {
    get: (id: string) => db.one<StoreRow>('SELECT * FROM stores WHERE id = ?', [id]),
    byClientId: (clientId: string) => db.one<StoreRow>('SELECT * FROM stores WHERE client_id = ?', [clientId]),
    byApiKey: (key: string) => db.one<StoreRow>('SELECT * FROM stores WHERE api_key = ?', [key]),
    list: () => db.all<StoreRow>('SELECT * FROM stores ORDER BY installed_at DESC, id'),
    /** The store an unqualified demo action belongs to: the most recently installed one. */
    latestInstalled: () =>
      db.one<StoreRow>(`SELECT * FROM stores WHERE status = 'installed' ORDER BY installed_at DESC, id LIMIT 1`),
    async put(row: StoreRow) {
      await db.run(
        `INSERT INTO stores (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})
         ON CONFLICT (id) DO UPDATE SET ${COLUMNS.slice(1).map((c) => `${c} = excluded.${c}`).join(', ')}`,
        COLUMNS.map((c) => row[c]),
      );
    },
    remove: (id: string) => db.run('DELETE FROM stores WHERE id = ?', [id]),
    async setStatus(id: string, status: StoreRow['status'], now: number) {
      await db.run('UPDATE stores SET status = ?, updated_at = ? WHERE id = ?', [status, now, id]);
    },
  };
}
export type StoreRepo = ReturnType<typeof createStoreRepo>;

/** Secrets a webhook is signed with now: the current one, plus the previous during a rotation. */
export function signingSecrets(store: StoreRow, now: number): string[] {
  const prev = store.prev_webhook_secret && (store.prev_secret_until ?? 0) > now ? [store.prev_webhook_secret] : [];
  return [store.webhook_secret, ...prev];
}
