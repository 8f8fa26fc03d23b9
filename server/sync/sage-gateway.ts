import type { Clock } from '../core/clock';
import { systemClock } from '../core/clock';
import { permanent } from '../core/errors';
import type { SecretBox } from '../core/crypto';
import { DEMO_SAGE_API_KEY, DEMO_SAGE_COMPANY } from '../config/defaults';
import { sage100ClientOver, type Sage100Client } from '../connectors/sage100/client';
import { createSageHttp, type SageHttp } from '../connectors/sage100/http';
import type { Db } from '../db/client';
import { getInstallation } from '../db/repos/installations.repo';

/**
 * Which Sage 100 gateway a store uses: the installation's own settings, else the SAGE100_*
 * environment, else (demo mode only) the Sage sandbox mounted on this app. Clients are kept per
 * store for a short while so keep-alive connections are reused; a settings change shows within
 * `cacheMs`, or at once through invalidate().
 */
export interface SageGatewaySettings {
  gatewayUrl: string;
  company: string;
  source: 'store' | 'env' | 'demo';
}

export interface SageGateway {
  settings: SageGatewaySettings;
  client: Sage100Client;
  /** The transport under `client`, for readers of their own (the Sage → Clarity change feeds). */
  http: SageHttp;
  /** Identifies the gateway + company, for caches that must not mix two Sage companies. */
  scope: string;
}

export interface SageGatewayDeps {
  db: Db;
  secrets: SecretBox;
  env: { SAGE100_GATEWAY_URL?: string; SAGE100_API_KEY?: string; SAGE100_COMPANY?: string };
  demo: boolean;
  /** This app's own base URL (demo mode: the sandbox lives under it). */
  appUrl: () => string;
  /** Per-request timeout; a write that times out is an unknown outcome. */
  timeoutMs?: number;
  cacheMs?: number;
  clock?: Clock;
}

export interface SageGateways {
  forStore(storeId: string): Promise<SageGateway>;
  invalidate(storeId?: string): void;
}

/** The AAD a store's Sage API key is sealed with, so a sealed key only opens on its own store. */
export const sageApiKeyAad = (storeId: string) => `${storeId}:sageApiKey`;

export function createSageGateways(d: SageGatewayDeps): SageGateways {
  const clock = d.clock ?? systemClock;
  const cacheMs = d.cacheMs ?? 30_000;
  const cache = new Map<string, { gw: SageGateway; at: number; sig: string }>();

  async function settingsFor(storeId: string): Promise<{ settings: SageGatewaySettings; apiKey: string }> {
    const inst = await getInstallation(d.db, storeId);
    if (inst?.sageGatewayUrl) {
      const apiKey = inst.sageApiKeyEnc ? d.secrets.open(inst.sageApiKeyEnc, sageApiKeyAad(storeId)) : d.env.SAGE100_API_KEY;
      const company = inst.sageCompany ?? d.env.SAGE100_COMPANY;
      if (!apiKey || !company) {
        throw permanent('SageGatewayIncomplete',
          `Store ${storeId} names a Sage gateway (${inst.sageGatewayUrl}) but no ${apiKey ? 'company code' : 'API key'}. Complete the Sage settings, then retry.`,
          { status: 500 });
      }
      return { settings: { gatewayUrl: inst.sageGatewayUrl, company, source: 'store' }, apiKey };
    }
    if (d.env.SAGE100_GATEWAY_URL && d.env.SAGE100_API_KEY && d.env.SAGE100_COMPANY) {
      return { settings: { gatewayUrl: d.env.SAGE100_GATEWAY_URL, company: d.env.SAGE100_COMPANY, source: 'env' }, apiKey: d.env.SAGE100_API_KEY };
    }
    if (d.demo) {
      return { settings: { gatewayUrl: `${d.appUrl()}/sandbox/sage100`, company: DEMO_SAGE_COMPANY, source: 'demo' }, apiKey: DEMO_SAGE_API_KEY };
    }
    throw permanent('NoSageGateway',
      `Store ${storeId} has no Sage 100 gateway: set one in the store's settings, or SAGE100_GATEWAY_URL, SAGE100_API_KEY and SAGE100_COMPANY. Then retry.`,
      { status: 500 });
  }

  return {
    async forStore(storeId) {
      const hit = cache.get(storeId);
      if (hit && clock.now() - hit.at < cacheMs) return hit.gw;
      const { settings, apiKey } = await settingsFor(storeId);
      const sig = `${settings.gatewayUrl}|${settings.company}|${apiKey}`;
      if (hit && hit.sig === sig) {
        hit.at = clock.now();
        return hit.gw;
      }
      const http = createSageHttp({ gatewayUrl: settings.gatewayUrl, apiKey, company: settings.company, timeoutMs: d.timeoutMs });
      const gw: SageGateway = { settings, client: sage100ClientOver(http), http, scope: `${settings.gatewayUrl}|${settings.company}` };
      cache.set(storeId, { gw, at: clock.now(), sig });
      return gw;
    },
    invalidate(storeId) {
      if (storeId === undefined) cache.clear();
      else cache.delete(storeId);
    },
  };
}
