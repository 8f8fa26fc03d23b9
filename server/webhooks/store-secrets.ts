import type { Clock } from '../core/clock';
import type { SecretBox } from '../core/crypto';
import type { ClarityAuth } from '../connectors/clarity/http';
import type { SessionKeys } from '../connectors/clarity/session-token';
import { decodeWebhookSecret } from '../connectors/clarity/webhook-signature';
import type { Db } from '../db/client';
import { getInstallation, type Installation } from '../db/repos/installations.repo';

/**
 * Decrypted per-store secrets, cached in memory so a webhook costs no database read and no AES
 * before its HMAC. Entries are dropped at once on install/uninstall in this process (invalidate),
 * and live at most `ttlMs` otherwise, which bounds how long a change made by another process goes
 * unseen here. (An uninstall by another process is also enforced inside the intake transaction.)
 */
export type SecretField = 'clientSecret' | 'webhookSecret' | 'apiKey';

/** Where a sealed secret belongs: a ciphertext copied to another store or column will not open. */
export const secretAad = (storeId: string, field: SecretField) => `${storeId}:${field}`;

export type StoreState =
  | { status: 'unknown' }
  | { status: 'uninstalled' }
  | { status: 'active'; webhookKey: Buffer; session: SessionKeys; auth: ClarityAuth };

interface Entry {
  state: StoreState;
  loadedAt: number;
  expiresAt: number;
}

export interface StoreSecretsOptions {
  clock: Clock;
  ttlMs?: number;
  /** Unknown stores are remembered for less time: an install elsewhere should show up soon. */
  unknownTtlMs?: number;
  maxEntries?: number;
  sessionMaxAgeMs?: number;
}

export class StoreSecrets {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<StoreState>>();
  /** Bumped by invalidate(), so a read that started before an install/uninstall is not cached. */
  private readonly generation = new Map<string, number>();
  private readonly ttlMs: number;
  private readonly unknownTtlMs: number;
  private readonly maxEntries: number;

  constructor(private readonly db: Db, private readonly box: SecretBox, private readonly opts: StoreSecretsOptions) {
    this.ttlMs = opts.ttlMs ?? 60_000;
    this.unknownTtlMs = opts.unknownTtlMs ?? 5_000;
    this.maxEntries = opts.maxEntries ?? 10_000;
  }

  /**
   * The store's state; `fresh` skips the cache (e.g. after a signature mismatch: maybe a rotation).
   * `maxAgeMs` asks for an entry read at most that long ago.
   */
  async get(storeId: string, fresh = false, maxAgeMs = Infinity): Promise<StoreState> {
    const hit = fresh ? undefined : this.cached(storeId, maxAgeMs);
    if (hit) return hit;
    const pending = this.loading.get(storeId);
    if (pending) return pending;
    const p: Promise<StoreState> = this.load(storeId).finally(() => {
      if (this.loading.get(storeId) === p) this.loading.delete(storeId);
    });
    this.loading.set(storeId, p);
    return p;
  }

  /** The cached state if it is still good, without waiting: the webhook's hot path skips a turn. */
  cached(storeId: string, maxAgeMs = Infinity): StoreState | undefined {
    const hit = this.entries.get(storeId);
    const now = this.opts.clock.now();
    return hit && hit.expiresAt > now && now - hit.loadedAt <= maxAgeMs ? hit.state : undefined;
  }

  /**
   * For verifySessionToken: null for a store never installed; inactive keys for an uninstalled one.
   * Read again after `sessionMaxAgeMs` (5 s), so an uninstall by another process revokes sessions
   * here within seconds (this process's own uninstall does at once).
   */
  async sessionKeys(storeId: string): Promise<SessionKeys | null> {
    const s = await this.get(storeId, false, this.opts.sessionMaxAgeMs ?? 5_000);
    if (s.status === 'unknown') return null;
    if (s.status === 'uninstalled') return { active: false, clientId: '', clientSecret: null, apiBaseUrl: '' };
    return s.session;
  }

  /** Credentials for the store's Clarity REST API (createClarityHttp). Throws for a store not active. */
  async clarityAuth(storeId: string): Promise<ClarityAuth> {
    const s = await this.get(storeId);
    if (s.status !== 'active') throw new Error(`store ${storeId} is ${s.status === 'unknown' ? 'not installed' : 'uninstalled'}`);
    return s.auth;
  }

  invalidate(storeId: string): void {
    this.entries.delete(storeId);
    this.loading.delete(storeId);
    this.generation.set(storeId, (this.generation.get(storeId) ?? 0) + 1);
  }

  private async load(storeId: string): Promise<StoreState> {
    const gen = this.generation.get(storeId) ?? 0;
    const row = await getInstallation(this.db, storeId);
    const state = this.decrypt(storeId, row);
    if ((this.generation.get(storeId) ?? 0) !== gen) return state;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    const ttl = state.status === 'unknown' ? this.unknownTtlMs : this.ttlMs;
    const now = this.opts.clock.now();
    this.entries.set(storeId, { state, loadedAt: now, expiresAt: now + ttl });
    return state;
  }

  private decrypt(storeId: string, row: Installation | null): StoreState {
    if (!row) return { status: 'unknown' };
    if (row.status !== 'active' || !row.webhookSecretEnc || !row.clientSecretEnc) return { status: 'uninstalled' };
    const webhookSecret = this.box.open(row.webhookSecretEnc, secretAad(storeId, 'webhookSecret'));
    const clientSecret = this.box.open(row.clientSecretEnc, secretAad(storeId, 'clientSecret'));
    const apiKey = row.apiKeyEnc ? this.box.open(row.apiKeyEnc, secretAad(storeId, 'apiKey')) : undefined;
    return {
      status: 'active',
      webhookKey: ownedCopy(decodeWebhookSecret(webhookSecret)),
      session: { active: true, clientId: row.clientId, clientSecret, apiBaseUrl: row.apiBaseUrl },
      auth: { apiBaseUrl: row.apiBaseUrl, clientId: row.clientId, clientSecret, apiKey },
    };
  }
}

/**
 * A Buffer with memory of its own. Small Buffers are slices of a shared 8 KB pool, and the intake
 * sends the webhook key to its writer thread with each batch: a slice would take the whole pool
 * along each time.
 */
function ownedCopy(bytes: Buffer): Buffer {
  const own = Buffer.alloc(bytes.length);
  bytes.copy(own);
  return own;
}
