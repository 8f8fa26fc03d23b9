import type { z } from 'zod';
import { AppError } from '../../core/errors';
import type { SageHttp, SageRequest } from './http';

/** One request to the gateway and how it ended, for the order's timeline and for counting calls. */
export interface SageCall {
  method: string;
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  ok: boolean;
  /** HTTP status of a refusal; undefined when the call succeeded or got no answer. */
  status?: number;
  ms: number;
  answer?: unknown;
  error?: AppError;
}
export type SageCallObserver = (call: SageCall) => void;

/** Wraps a transport so every call is reported to the observer, success or failure. */
export function observeSageHttp(http: SageHttp, observe: SageCallObserver): SageHttp {
  return async function observed<T>(path: string, req: SageRequest = {}): Promise<T> {
    const started = performance.now();
    const base = { method: req.method ?? 'GET', path, query: req.query, body: req.body };
    try {
      const answer = await http<T>(path, req);
      observe({ ...base, ok: true, ms: performance.now() - started, answer });
      return answer;
    } catch (err) {
      const error = err as AppError;
      observe({ ...base, ok: false, status: error.status, ms: performance.now() - started, error });
      throw err;
    }
  };
}

/** A transport that sends reads only; a write is refused here, before it reaches Sage. */
export function readOnlySageHttp(http: SageHttp): SageHttp {
  return async function readOnly<T>(path: string, req: SageRequest = {}): Promise<T> {
    const method = req.method ?? 'GET';
    if (method !== 'GET') {
      throw new AppError('ReadOnly', `a read-only Sage client does not send ${method} ${path}`, { errorClass: 'permanent', status: 400 });
    }
    return http<T>(path, req);
  };
}

/**
 * Sends a request and validates the answer. A write whose answer we cannot read may still have
 * happened, so it counts as an unknown outcome (reconcile before writing again); a bad answer to
 * a read is retried, since it usually means a gateway mid-restart.
 */
export async function sageCall<S extends z.ZodType>(
  http: SageHttp, schema: S, path: string, req: SageRequest = {},
): Promise<z.output<S>> {
  const answer = await http<unknown>(path, req);
  const parsed = schema.safeParse(answer);
  if (parsed.success) return parsed.data;
  const isWrite = (req.method ?? 'GET') !== 'GET';
  const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  throw new AppError('SageBadAnswer', `Sage 100 gateway gave an unreadable answer to ${req.method ?? 'GET'} ${path}: ${issues}`, {
    errorClass: isWrite ? 'unknown_outcome' : 'transient', status: 502, detail: answer,
  });
}

/** A read by key that answers null for "no such record" (404 CI_NoKey) instead of throwing. */
export async function sageGetOrNull<S extends z.ZodType>(http: SageHttp, schema: S, path: string): Promise<z.output<S> | null> {
  try {
    return await sageCall(http, schema, path);
  } catch (err) {
    if (err instanceof AppError && err.status === 404) return null;
    throw err;
  }
}

/** Encodes one path segment (Sage keys may hold spaces, e.g. ship-via "UPS GROUND"). */
export const seg = (s: string) => encodeURIComponent(s);
