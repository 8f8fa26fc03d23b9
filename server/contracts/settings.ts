import { z } from 'zod';
import type { GatewayHealth } from './dashboard';

/** Sage gateway settings. The API key is write-only: reads say only whether one is set. */
const isHttpUrl = (v: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(v).protocol);
  } catch {
    return false;
  }
};
const gatewayUrl = z.string().trim().refine(isHttpUrl, 'must be an http(s) URL like https://sage-gateway.example:8443');
const company = z.string().trim().toUpperCase().regex(/^[A-Z0-9]{3}$/, 'must be the 3-character Sage company code');

export const gatewaySettingsBody = z.object({
  gatewayUrl,
  company,
  /** Omit (or leave empty) to keep the stored key; a new value replaces it. */
  apiKey: z.string().max(500).optional(),
  /** Remove the store's own key (fall back to the server's). */
  clearApiKey: z.boolean().optional(),
});

/** Test connection, with the saved settings or with values not saved yet (the form's). */
export const gatewayTestBody = z.object({
  gatewayUrl: gatewayUrl.optional(),
  company: company.optional(),
  apiKey: z.string().max(500).optional(),
});

export interface GatewaySettings {
  gatewayUrl: string | null;
  company: string | null;
  apiKeySet: boolean;
  /** Where the values in force come from: the store's own, the server's environment, the demo's Sage sandbox. */
  source: 'store' | 'environment' | 'demo' | 'none';
  updatedAt: number | null;
}

/** What "test connection" answers: the same as a gateway health check, without its time. */
export type GatewayTestResult = Omit<GatewayHealth, 'checkedAt'>;
