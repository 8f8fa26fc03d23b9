import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock } from '../../../server/core/clock';
import { createSecretBox } from '../../../server/core/crypto';
import { newId } from '../../../server/core/ids';
import { createLogger } from '../../../server/core/logger';
import { signSessionToken, type SessionClaims } from '../../../server/connectors/clarity/session-token';
import { openDatabase, type Database } from '../../../server/db/client';
import { runMigrations } from '../../../server/db/migrate';
import { deliveryInsertStatement } from '../../../server/db/repos/deliveries.repo';
import { saveInstallation } from '../../../server/db/repos/installations.repo';
import { writeBatch } from '../../../server/db/repos/raw-client';
import { createApi } from '../../../server/http/api';
import { jobForDeliveryStatement } from '../../../server/queue/enqueue-sql';
import { createSageGateways } from '../../../server/sync/sage-gateway';
import { StoreSecrets, secretAad } from '../../../server/webhooks/store-secrets';

/**
 * The app's API over a real, migrated libSQL file with two installed stores (A and B), driven
 * through app.request(): real session-token verification, real repos and queue actions. Tokens are
 * signed the way the Clarity admin signs them (HS256 with the store's client secret).
 */
export interface StoreFixture {
  storeId: string;
  clientId: string;
  clientSecret: string;
  apiBaseUrl: string;
}

export const STORE_A: StoreFixture = { storeId: 'st_alpha', clientId: 'app_alpha', clientSecret: 'alpha-client-secret-0123456789', apiBaseUrl: 'https://alpha.example/' };
export const STORE_B: StoreFixture = { storeId: 'st_bravo', clientId: 'app_bravo', clientSecret: 'bravo-client-secret-0123456789', apiBaseUrl: 'https://bravo.example/' };

export interface ApiFixture {
  database: Database;
  clock: FakeClock;
  api: ReturnType<typeof createApi>;
  /** A valid session token for the store (claims may be overridden to make it invalid). */
  token(store: StoreFixture, over?: Partial<SessionClaims>, secret?: string): string;
  /** app.request with the Bearer token of a store. */
  call(store: StoreFixture | null, method: string, path: string, body?: unknown, token?: string): Promise<Response>;
  /** Stores an order's delivery and its order.sync job, as intake does. */
  receiveOrder(store: StoreFixture, orderId: string, order?: Record<string, unknown>): Promise<{ deliveryId: string; jobId: string }>;
  /** Moves a job to a state as the worker would have left it (test setup). */
  setJob(jobId: string, fields: { state: string; errorCode?: string | null; lastError?: string | null; attempts?: number }): Promise<void>;
  close(): Promise<void>;
}

export const USER_EMAIL = 'dana@alpha.example';

export function sampleOrder(id: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  const address = { Company: 'Acme Supply', Street1: '1200 North Lamar Boulevard', Street2: 'Suite 400', City: 'Austin', RegionCode: 'TX', PostalCode: '78703', CountryCode: 'US' };
  return {
    ID: Number(id), CustomKey: `WEB-${id}`, StatusKey: 'Processing', TypeKey: 'Web', CreatedDate: '2026-11-29T09:58:12Z', UpdatedDate: '2026-11-29T09:58:12Z',
    AccountID: 77, AccountKey: 'ACME', UserID: 412, PurchaseOrderNumber: 'PO-5512', CurrencyKey: 'USD', Notes: 'Leave at dock 3',
    BillingContact: { FirstName: 'Dana', LastName: 'Ortiz', Email1: 'dana@acme.example', Phone1: '512-555-0100', Address: address },
    ShippingContact: { FirstName: 'Dana', LastName: 'Ortiz', Email1: 'dana@acme.example', Phone1: '512-555-0100', Address: address },
    SalesItems: [{ ID: 9001, Sku: 'WID-100-BLK', ProductKey: 'WID-100-BLK', Name: 'Widget, black', Quantity: 4, UnitSoldPrice: 12.5, ExtendedPrice: 50, ExtendedTaxAmount: 4.13, ProductUnitOfMeasure: 'EA' }],
    Totals: { SubTotal: 50, Shipping: 9.95, Handling: 0, Fees: 0, Discounts: 0, Tax: 4.13, Total: 64.08 },
    ShippingDetail: { CarrierName: 'UPS', CarrierMethodName: 'Ground' },
    SalesOrderPayments: [{ Slave: { Amount: 64.08, PaymentMethodKey: 'Credit Card', ProviderKey: 'Stripe', StatusKey: 'Payment Received', TransactionID: 'pi_1', AuthCode: 'A1', CardType: 'Visa', Last4CardDigits: '4242' } }],
    SerializableAttributes: {},
    ...over,
  };
}

export async function openApiFixture(opts: { sageGatewayUrl?: string; sageApiKey?: string } = {}): Promise<ApiFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'api-'));
  const database = await openDatabase({ url: `file:${join(dir, 'app.db')}` });
  await runMigrations(database);
  const db = database.db;
  const clock = new FakeClock(Date.UTC(2026, 10, 29, 15, 0, 0));
  const box = createSecretBox(Buffer.alloc(32, 9));
  for (const s of [STORE_A, STORE_B]) {
    await saveInstallation(db, {
      storeId: s.storeId, storeName: s.storeId, apiBaseUrl: s.apiBaseUrl, clientId: s.clientId,
      clientSecretEnc: box.seal(s.clientSecret, secretAad(s.storeId, 'clientSecret')),
      webhookSecretEnc: box.seal('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', secretAad(s.storeId, 'webhookSecret')),
      adminUserEmail: `owner@${s.storeId}.example`,
    }, clock.now(), { actor: 'clarity' });
  }
  const secrets = new StoreSecrets(db, box, { clock });
  const env = { SAGE100_GATEWAY_URL: opts.sageGatewayUrl, SAGE100_API_KEY: opts.sageApiKey, SAGE100_COMPANY: opts.sageGatewayUrl ? 'ABC' : undefined };
  const gateways = createSageGateways({ db, secrets: box, env, demo: false, appUrl: () => 'http://localhost', clock, timeoutMs: 5000 });
  const api = createApi({
    db, clock, log: createLogger('silent'), secrets: box, gateways,
    sessionKeys: (id) => secrets.sessionKeys(id),
    envGateway: { apiKeySet: !!env.SAGE100_API_KEY },
  });

  function token(store: StoreFixture, over: Partial<SessionClaims> = {}, secret = store.clientSecret) {
    const now = Math.floor(clock.now() / 1000);
    return signSessionToken({
      iss: store.apiBaseUrl, aud: store.clientId, sub: 'user-412', store: store.storeId, email: USER_EMAIL,
      iat: now, nbf: now, exp: now + 60, jti: newId('jti'), ...over,
    }, secret);
  }

  return {
    database, clock, api, token,
    call(store, method, path, body, tok) {
      const headers: Record<string, string> = {};
      const t = tok ?? (store ? token(store) : undefined);
      if (t) headers.Authorization = `Bearer ${t}`;
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      return Promise.resolve(api.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }));
    },
    async receiveOrder(store, orderId, order = sampleOrder(orderId)) {
      const deliveryId = newId('dlv');
      const { id: jobId, stmt } = jobForDeliveryStatement({
        kind: 'order.sync', orderingKey: `order:${store.storeId}:${orderId}`,
        payload: { topic: 'order.created', orderId, updatedDate: order.UpdatedDate },
      }, deliveryId);
      await writeBatch(db, [deliveryInsertStatement({
        id: deliveryId, storeId: store.storeId, webhookId: newId('msg'), topic: 'order.created', source: 'webhook',
        subjectType: 'order', subjectId: orderId, subjectVersion: `${order.UpdatedDate}#${deliveryId}`,
        body: JSON.stringify({ type: 'order.created', timestamp: '2026-11-29T10:00:00Z', data: order }), receivedAt: clock.now(),
      }), stmt]);
      return { deliveryId, jobId };
    },
    async setJob(jobId, f) {
      await database.client.execute({
        sql: `UPDATE jobs SET state = ?, error_code = ?, last_error = ?, attempts = ?, updated_at = ?,
              finished_at = CASE WHEN ? IN ('dead','succeeded','cancelled') THEN ? ELSE NULL END WHERE id = ?`,
        args: [f.state, f.errorCode ?? null, f.lastError ?? null, f.attempts ?? 1, clock.now(), f.state, clock.now(), jobId],
      });
    },
    async close() {
      database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
