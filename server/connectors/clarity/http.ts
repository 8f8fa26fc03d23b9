import { ofetch, type FetchError, type FetchOptions } from 'ofetch';
import { AppError, type ErrorClass } from '../../core/errors';
import { noAnswerError, retryAfterMs } from '../http-errors';

export interface ClarityAuth {
  /** Store's API base URL, ending in "/" (e.g. https://acme.example/). */
  apiBaseUrl: string;
  clientId?: string;
  clientSecret?: string;
  apiKey?: string;
  scope?: string;
  timeoutMs?: number;
}

export interface ClarityRequest {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Record<string, string | number | undefined>;
  body?: unknown;
}

interface ClarityErrorBody {
  ActionSucceeded?: boolean;
  Messages?: string[];
}

export type ClarityHttp = <T>(path: string, req?: ClarityRequest) => Promise<T>;

/**
 * Transport to one store's Clarity REST API (contracts/clarity.md §5): OAuth client credentials
 * with a cached token refreshed once on 401 (or an API key), and errors classified for retries.
 */
export function createClarityHttp(auth: ClarityAuth): ClarityHttp {
  const root = auth.apiBaseUrl.endsWith('/') ? auth.apiBaseUrl : `${auth.apiBaseUrl}/`;
  let token: { value: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: auth.clientId ?? '',
      client_secret: auth.clientSecret ?? '',
      ...(auth.scope ? { scope: auth.scope } : {}),
    });
    try {
      const res = await ofetch<{ access_token: string; expires_in: number }>(`${root}oauth/token`, {
        method: 'POST', body, timeout: auth.timeoutMs ?? 15_000, retry: 0,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      // Renew 30 s early so a token never expires in flight.
      token = { value: res.access_token, expiresAt: Date.now() + Math.max(0, res.expires_in - 30) * 1000 };
      return token.value;
    } catch (err) {
      throw toClarityError('POST', 'oauth/token', err);
    }
  }

  async function bearer(force = false): Promise<string> {
    if (!force && token && token.expiresAt > Date.now()) return token.value;
    pending ??= fetchToken().finally(() => (pending = undefined));
    return pending;
  }

  async function send<T>(path: string, req: ClarityRequest, headers: Record<string, string>): Promise<T> {
    return ofetch<T>(`${root}api/v1${path}`, {
      method: req.method ?? 'GET',
      query: req.query,
      body: req.body as Record<string, unknown> | undefined,
      headers,
      timeout: auth.timeoutMs ?? 15_000,
      retry: 0,
    } as FetchOptions<'json'>);
  }

  return async function clarityRequest<T>(path: string, req: ClarityRequest = {}): Promise<T> {
    const method = req.method ?? 'GET';
    try {
      if (auth.apiKey) return await send<T>(path, req, { 'X-Api-Key': auth.apiKey });
      try {
        return await send<T>(path, req, { Authorization: `Bearer ${await bearer()}` });
      } catch (err) {
        if ((err as FetchError)?.response?.status !== 401) throw err;
        return await send<T>(path, req, { Authorization: `Bearer ${await bearer(true)}` });
      }
    } catch (err) {
      throw err instanceof AppError ? err : toClarityError(method, path, err);
    }
  };
}

export function toClarityError(method: string, path: string, err: unknown): AppError {
  const fe = err as FetchError<ClarityErrorBody>;
  const status = fe?.response?.status;
  if (!status) return noAnswerError('Clarity', method, path, err);
  const errorClass: ErrorClass = status === 429 ? 'rate_limited' : status >= 500 || status === 408 ? 'transient' : 'permanent';
  const message = fe.data?.Messages?.join('; ') || `Clarity answered ${status} to ${method} ${path}`;
  return new AppError(status === 429 ? 'Throttled' : `Clarity${status}`, message, {
    errorClass, status, retryAfterMs: retryAfterMs(fe.response?.headers.get('retry-after')), detail: fe.data, cause: err,
  });
}
