import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { systemClock } from '../../../server/core/clock';
import { createSecretBox } from '../../../server/core/crypto';
import { signSessionToken, verifySessionToken } from '../../../server/connectors/clarity/session-token';
import { jobInsertStatement } from '../../../server/queue/enqueue-sql';
import { StoreSecrets } from '../../../server/webhooks/store-secrets';
import {
  APP_SECRET, count, install, installBody, manifest, newWebhookSecret, orderEvent, postWebhook, signedHeaders,
  startTestApp, uninstall, type TestApp,
} from './support';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

const installation = async (storeId: string) =>
  (await t.app.database.client.execute({ sql: 'SELECT * FROM installations WHERE store_id = ?', args: [storeId] })).rows[0];
const audits = async (storeId: string) =>
  (await t.app.database.client.execute({ sql: 'SELECT action, detail FROM audit_log WHERE store_id = ? ORDER BY id', args: [storeId] }))
    .rows.map((r) => r.action);
const at = () => new Date().toISOString();

async function queueJob(storeId: string, state = 'queued') {
  const { stmt } = jobInsertStatement({ kind: 'order.sync', storeId, payload: {} }, Date.now());
  await t.app.database.client.execute(stmt);
  if (state !== 'queued') await t.app.database.client.execute({ sql: 'UPDATE jobs SET state = ? WHERE seq = last_insert_rowid()', args: [state] });
}

describe('install', () => {
  test('stores the installation with its secrets sealed, never in plain text on disk', async () => {
    const secret = newWebhookSecret();
    const res = await install(t.url, 'st_sealed', secret);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, storeId: 'st_sealed', reinstalled: false });
    const row = await installation('st_sealed');
    expect(row).toMatchObject({ status: 'active', client_id: 'app_st_sealed', api_base_url: 'https://acme.example/' });
    expect(String(row.client_secret_enc)).toMatch(/^v1\./);
    expect(String(row.webhook_secret_enc)).toMatch(/^v1\./);
    expect(await audits('st_sealed')).toEqual(['app.installed']);
    // Look at the bytes of the database and its WAL for either secret, in any form they were sent.
    await t.app.database.client.execute('PRAGMA wal_checkpoint(PASSIVE)');
    const files = [t.dbPath, `${t.dbPath}-wal`].filter(existsSync).map((f) => readFileSync(f));
    for (const needle of [secret, secret.slice(6), 'client-secret-of-st_sealed']) {
      for (const bytes of files) expect(bytes.includes(Buffer.from(needle))).toBe(false);
    }
    // ...and the sealed values do open with the app's key.
    const box = createSecretBox(t.app.config.encryptionKey);
    expect(box.open(String(row.webhook_secret_enc), 'st_sealed:webhookSecret')).toBe(secret);
  });

  test('the same install twice changes nothing but the audit trail', async () => {
    const secret = newWebhookSecret();
    await install(t.url, 'st_twice', secret);
    const again = await install(t.url, 'st_twice', secret);
    expect(await again.json()).toMatchObject({ reinstalled: true });
    expect(await count(t, 'installations', "store_id = 'st_twice'")).toBe(1);
    expect((await postWebhook(t.url, secret, 'st_twice', orderEvent(1, at()))).status).toBe(200);
  });

  test('reinstall rotates secrets and keeps mappings and history', async () => {
    const oldSecret = newWebhookSecret();
    await install(t.url, 'st_rot', oldSecret);
    await t.app.database.client.execute(`INSERT INTO mapping_versions (store_id, version, config, actor, created_at)
      VALUES ('st_rot', 1, '{"warehouse":"000"}', 'owner@acme.example', 0)`);
    expect((await postWebhook(t.url, oldSecret, 'st_rot', orderEvent(10, at()))).status).toBe(200);
    const newSecret = newWebhookSecret();
    expect((await install(t.url, 'st_rot', newSecret, { clientSecret: 'rotated-client-secret' })).status).toBe(200);
    const stale = await postWebhook(t.url, oldSecret, 'st_rot', orderEvent(11, at()));
    expect(stale.status).toBe(401);
    expect((await postWebhook(t.url, newSecret, 'st_rot', orderEvent(12, at()))).status).toBe(200);
    expect(await count(t, 'mapping_versions', "store_id = 'st_rot'")).toBe(1);
    expect(await count(t, 'deliveries', "store_id = 'st_rot'")).toBe(2);
    expect(await audits('st_rot')).toEqual(['app.installed', 'app.reinstalled']);
  });

  test.each([
    ['signed with another secret', (b: string) => signedHeaders(APP_SECRET, b, { secret: newWebhookSecret() }), 401],
    ['signed 6 minutes ago', (b: string) => signedHeaders(APP_SECRET, b, { timestampSec: Math.floor(Date.now() / 1000) - 360 }), 401],
    ['unsigned', () => ({ 'content-type': 'application/json' }), 400],
    ['for another store than its header says', (b: string) => signedHeaders(APP_SECRET, b, { storeId: 'st_other' }), 400],
  ])('an install %s is refused and stores nothing', async (_name, headers, status) => {
    const body = installBody('st_refused', newWebhookSecret());
    const res = await fetch(t.url + manifest.lifecycle.installed, { method: 'POST', headers: headers(body), body });
    expect(res.status).toBe(status);
    expect(await count(t, 'installations', "store_id = 'st_refused'")).toBe(0);
    expect(await count(t, 'audit_log', "store_id = 'st_refused'")).toBe(0);
  });

  test('an install body missing its secrets is refused', async () => {
    const body = JSON.stringify({ type: 'app.installed', timestamp: at(), data: { storeId: 'st_bad', storeName: 'x' } });
    const res = await fetch(t.url + manifest.lifecycle.installed, { method: 'POST', headers: signedHeaders(APP_SECRET, body), body });
    expect(res.status).toBe(400);
    expect((await res.json() as { error: { code: string } }).error.code).toBe('BadEnvelope');
    expect(await count(t, 'installations', "store_id = 'st_bad'")).toBe(0);
  });
});

describe('uninstall', () => {
  test('stops the store at once: jobs cancelled, secrets erased, sessions refused, webhooks refused', async () => {
    const secret = newWebhookSecret();
    await install(t.url, 'st_bye', secret);
    await queueJob('st_bye');
    await queueJob('st_bye', 'retrying');
    await queueJob('st_keep');
    const box = createSecretBox(t.app.config.encryptionKey);
    const secrets = new StoreSecrets(t.app.database.db, box, { clock: systemClock });
    const nowSec = Math.floor(Date.now() / 1000);
    const token = signSessionToken({ iss: 'https://acme.example/', aud: 'app_st_bye', sub: 'u1', store: 'st_bye', iat: nowSec, exp: nowSec + 50 }, 'client-secret-of-st_bye');
    const verify = () => verifySessionToken(token, (id) => secrets.sessionKeys(id), { nowMs: Date.now() });
    expect((await verify()).ok).toBe(true);

    const res = await uninstall(t.url, 'st_bye');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, uninstalled: true, repeat: false });
    expect(await installation('st_bye')).toMatchObject({
      status: 'uninstalled', client_secret_enc: null, webhook_secret_enc: null, api_key_enc: null, sage_api_key_enc: null,
    });
    expect(await count(t, 'jobs', "store_id = 'st_bye' AND state = 'cancelled'")).toBe(2);
    expect(await count(t, 'jobs', "store_id = 'st_keep' AND state = 'queued'")).toBe(1);
    secrets.invalidate('st_bye');
    expect(await verify()).toMatchObject({ ok: false, reason: 'store_uninstalled' });
    expect((await postWebhook(t.url, secret, 'st_bye', orderEvent(1, at()))).status).toBe(401);
    // The job engine records its own part (how many jobs it stopped) beside ours.
    expect(await audits('st_bye')).toEqual(['app.installed', 'app.uninstalled', 'jobs.cancel_all']);
  });

  test('is idempotent: repeats answer 200 and change nothing', async () => {
    const secret = newWebhookSecret();
    await install(t.url, 'st_rep', secret);
    await uninstall(t.url, 'st_rep');
    const before = await installation('st_rep');
    const again = await uninstall(t.url, 'st_rep');
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ repeat: true });
    expect(await installation('st_rep')).toEqual(before);
    // The app.uninstalled webhook may come too, after the store's secret is gone.
    const body = JSON.stringify({ type: 'app.uninstalled', timestamp: at(), data: { storeId: 'st_rep' } });
    expect((await postWebhook(t.url, secret, 'st_rep', body)).status).toBe(200);
    expect(await count(t, 'deliveries', "store_id = 'st_rep'")).toBe(0);
    // A store never installed: nothing to do, nothing recorded.
    expect((await uninstall(t.url, 'st_never')).status).toBe(200);
    expect(await count(t, 'audit_log', "store_id = 'st_never'")).toBe(0);
  });

  test('the app.uninstalled webhook topic uninstalls too', async () => {
    const secret = newWebhookSecret();
    await install(t.url, 'st_hook', secret);
    const body = JSON.stringify({ type: 'app.uninstalled', timestamp: at(), data: { storeId: 'st_hook' } });
    const res = await postWebhook(t.url, secret, 'st_hook', body);
    expect(res.status).toBe(200);
    expect(await installation('st_hook')).toMatchObject({ status: 'uninstalled', webhook_secret_enc: null });
  });

  test('an uninstall not signed with the app secret is refused', async () => {
    await install(t.url, 'st_stay', newWebhookSecret());
    const res = await uninstall(t.url, 'st_stay', { secret: newWebhookSecret() });
    expect(res.status).toBe(401);
    expect(await installation('st_stay')).toMatchObject({ status: 'active' });
  });

  test('installing again after an uninstall brings the store back with new secrets', async () => {
    const secret = newWebhookSecret();
    await install(t.url, 'st_back', secret);
    await uninstall(t.url, 'st_back');
    const newSecret = newWebhookSecret();
    const res = await install(t.url, 'st_back', newSecret);
    expect(await res.json()).toMatchObject({ reinstalled: true });
    expect(await installation('st_back')).toMatchObject({ status: 'active', uninstalled_at: null });
    expect((await postWebhook(t.url, newSecret, 'st_back', orderEvent(1, at()))).status).toBe(200);
    expect(await audits('st_back')).toEqual(['app.installed', 'app.uninstalled', 'jobs.cancel_all', 'app.reinstalled']);
  });
});
