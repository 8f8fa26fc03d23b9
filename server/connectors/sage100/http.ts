import { ofetch, type FetchError, type FetchOptions } from 'ofetch';
import { AppError, type ErrorClass } from '../../core/errors';
import { noAnswerError, retryAfterMs } from '../http-errors';

export interface SageGatewayConfig {
  gatewayUrl: string;
  apiKey: string;
  company: string;
  /** Per-request timeout; a write that times out has an unknown outcome. */
  timeoutMs?: number;
}

export interface SageRequest {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Record<string, string | number | undefined>;
  body?: unknown;
}

/** What the gateway answers for a refused request (contracts/sage100.md, Transport). */
interface SageErrorBody {
  error?: { code?: string; message?: string; field?: string };
}

const classByCode: Record<string, ErrorClass> = {
  BadRequest: 'permanent',
  Unauthorized: 'permanent',
  CI_NoKey: 'permanent',
  RecordInUse: 'transient',
  Throttled: 'rate_limited',
  SessionUnavailable: 'transient',
};

/** Low-level transport to a Sage 100 gateway: auth headers, timeouts and error classification. */
export type SageHttp = <T>(path: string, req?: SageRequest) => Promise<T>;

export function createSageHttp(cfg: SageGatewayConfig, fetchImpl?: typeof fetch): SageHttp {
  const base = cfg.gatewayUrl.replace(/\/$/, '');
  return async function sageRequest<T>(path: string, req: SageRequest = {}): Promise<T> {
    const method = req.method ?? 'GET';
    try {
      return await ofetch<T>(`${base}${path}`, {
        method,
        query: req.query,
        body: req.body as Record<string, unknown> | undefined,
        headers: { 'X-Api-Key': cfg.apiKey, 'X-Sage-Company': cfg.company },
        timeout: cfg.timeoutMs ?? 15_000,
        retry: 0,
        ...(fetchImpl ? { fetch: fetchImpl } : {}),
      } as FetchOptions<'json'>);
    } catch (err) {
      throw toSageError(method, path, err);
    }
  };
}

export function toSageError(method: string, path: string, err: unknown): AppError {
  const fe = err as FetchError<SageErrorBody>;
  const status = fe?.response?.status;
  if (!status) return noAnswerError('Sage 100 gateway', method, path, err);
  const e = fe.data?.error ?? {};
  const code = e.code ?? `HTTP${status}`;
  const errorClass: ErrorClass = classByCode[code] ?? (status === 429 ? 'rate_limited' : status >= 500 ? 'transient' : 'permanent');
  return new AppError(code, e.message ?? `Sage 100 gateway answered ${status} to ${method} ${path}`, {
    errorClass,
    status,
    field: e.field,
    retryAfterMs: retryAfterMs(fe.response?.headers.get('retry-after')) ?? (code === 'RecordInUse' ? 2000 : undefined),
    cause: err,
  });
}
