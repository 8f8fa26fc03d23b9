import { performance } from 'node:perf_hooks';
import { signatureHeader } from '../signing';

/** How long Clarity waits for an answer before it counts the attempt as failed (§3). */
export const DELIVERY_TIMEOUT_MS = 5_000;

export interface DeliveryResult {
  ok: boolean;
  status: number | null;
  durationMs: number;
  error: string | null;
}

export interface SignedPost {
  url: string;
  id: string;
  body: string;
  secrets: string[];
  storeId: string;
  timestampSec: number;
  timeoutMs?: number;
}

/**
 * One POST signed per Standard Webhooks. 2xx is success; anything else, a redirect, a network
 * error or no complete answer within the timeout is a failure. Never throws.
 */
export async function postSigned(p: SignedPost): Promise<DeliveryResult> {
  const started = performance.now();
  const timeoutMs = p.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  const signal = AbortSignal.timeout(timeoutMs);
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const res = await fetch(p.url, {
      method: 'POST',
      body: p.body,
      redirect: 'manual',
      signal,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Clarity-Webhooks/1.0',
        'webhook-id': p.id,
        'webhook-timestamp': String(p.timestampSec),
        'webhook-signature': signatureHeader(p.secrets, p.id, p.timestampSec, p.body),
        'clarity-store-id': p.storeId,
      },
    });
    // The answer counts only once it has fully arrived, within the same time limit.
    const text = await res.text();
    const ok = res.status >= 200 && res.status < 300;
    return { ok, status: res.status, durationMs: elapsed(), error: ok ? null : `HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}` };
  } catch (err) {
    const timedOut = signal.aborted;
    return {
      ok: false, status: null, durationMs: elapsed(),
      error: timedOut ? `timed out after ${timeoutMs} ms` : `network error: ${(err as Error).cause ?? (err as Error).message}`,
    };
  }
}
