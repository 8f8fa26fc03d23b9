import { Hono } from 'hono';
import { gatewaySettingsBody, gatewayTestBody, type GatewaySettings, type GatewayTestResult } from '../../../contracts/settings';
import { AppError } from '../../../core/errors';
import { createSage100Client } from '../../../connectors/sage100/client';
import { saveGatewaySettings } from '../../../db/repos/gateway-settings.repo';
import { getInstallation } from '../../../db/repos/installations.repo';
import { sageApiKeyAad } from '../../../sync/sage-gateway';
import type { ApiDeps } from '../../api-deps';
import type { SessionEnv } from '../../middleware/session-auth';
import { zv } from '../../middleware/validate';
import type { GatewayHealthCache } from '../../../monitoring/gateway-health';

/**
 * The store's Sage gateway settings. The API key is write-only: it is sealed on the way in and
 * never leaves again; reads say only whether one is set. "Test connection" calls the gateway's
 * GET /health (a read) with the saved settings or with the form's unsaved values.
 */
export function settingsRoutes(d: ApiDeps, health: GatewayHealthCache) {
  /** The settings in force, as the order flow resolves them (one source of truth: the gateway resolver). */
  async function current(storeId: string): Promise<GatewaySettings> {
    const inst = await getInstallation(d.db, storeId);
    let gw;
    try {
      gw = await d.gateways.forStore(storeId);
    } catch {
      return { gatewayUrl: inst?.sageGatewayUrl ?? null, company: inst?.sageCompany ?? null, apiKeySet: !!inst?.sageApiKeyEnc, source: 'none', updatedAt: null };
    }
    const { gatewayUrl, company, source } = gw.settings;
    if (source === 'store') return { gatewayUrl, company, apiKeySet: !!inst?.sageApiKeyEnc || d.envGateway.apiKeySet, source, updatedAt: inst?.updatedAt ?? null };
    return { gatewayUrl, company, apiKeySet: source === 'demo' || d.envGateway.apiKeySet, source: source === 'env' ? 'environment' : 'demo', updatedAt: null };
  }

  return new Hono<SessionEnv>()
    .get('/gateway', async (c) => c.json(await current(c.get('session').storeId)))
    .put('/gateway', zv('json', gatewaySettingsBody), async (c) => {
      const s = c.get('session');
      const b = c.req.valid('json');
      const apiKeyEnc = b.clearApiKey ? null : b.apiKey ? d.secrets.seal(b.apiKey, sageApiKeyAad(s.storeId)) : undefined;
      const saved = await saveGatewaySettings(d.db, s.storeId, { gatewayUrl: b.gatewayUrl, company: b.company, apiKeyEnc }, s.actor, d.clock.now());
      if (!saved) throw new AppError('StoreInactive', 'The app is not installed for this store.', { status: 409 });
      d.gateways.invalidate(s.storeId);
      health.forget(s.storeId);
      return c.json(await current(s.storeId));
    })
    .post('/gateway/test', zv('json', gatewayTestBody), async (c) => {
      const { storeId } = c.get('session');
      const b = c.req.valid('json');
      const started = d.clock.now();
      let result: GatewayTestResult;
      try {
        const client = b.gatewayUrl || b.company || b.apiKey
          ? await clientFor(storeId, b)
          : (await d.gateways.forStore(storeId)).client;
        const h = await client.lookups.health();
        result = { ok: h.sage === 'up', sage: h.sage, company: h.company ?? null, version: h.version ?? null,
          latencyMs: d.clock.now() - started, error: h.sage === 'up' ? null : 'The gateway answers, but Sage is down.' };
      } catch (err) {
        if (err instanceof AppError && err.code === 'IncompleteSettings') throw err;
        result = { ok: false, sage: null, company: null, version: null, latencyMs: null, error: (err as Error).message };
      }
      return c.json(result);
    });

  /**
   * A one-off client from the form's values; what the form leaves empty comes from the settings
   * in force (a key the form does not repeat: the store's saved key, else the server's).
   */
  async function clientFor(storeId: string, b: { gatewayUrl?: string; company?: string; apiKey?: string }) {
    const inForce = await current(storeId);
    const saved = await getInstallation(d.db, storeId);
    const gatewayUrl = b.gatewayUrl ?? inForce.gatewayUrl;
    const company = b.company ?? inForce.company;
    let apiKey = b.apiKey;
    if (!apiKey && saved?.sageApiKeyEnc) apiKey = d.secrets.open(saved.sageApiKeyEnc, sageApiKeyAad(storeId));
    if (!gatewayUrl || !company || (!apiKey && !inForce.apiKeySet)) {
      throw new AppError('IncompleteSettings', `Give the gateway URL, company and API key to test (missing: ${[!gatewayUrl && 'URL', !company && 'company', !apiKey && 'API key'].filter(Boolean).join(', ')}).`, { status: 400 });
    }
    // No key given or saved for the store: the resolver's client carries the server's key.
    if (!apiKey) return (await d.gateways.forStore(storeId)).client;
    return createSage100Client({ gatewayUrl, company, apiKey, timeoutMs: 8000 });
  }
}
