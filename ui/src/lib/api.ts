import { hc } from 'hono/client';
import type { ApiErrorBody, ApiIssue } from '../../../server/contracts/common';
import { RETRY_TOKEN_HEADER } from '../../../server/contracts/headers';
import type { ApiType } from '../../../server/http/api';
import { getSessionToken } from './session';

/**
 * The typed client of the app's API. Every call carries the session token; a 401 that asks for a
 * new token (RETRY_TOKEN_HEADER) fetches a fresh one from the host and is tried once more.
 */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly issues: ApiIssue[] = [], readonly field?: string) {
    super(message);
    this.name = 'ApiError';
  }
}

async function authFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const send = async (fresh: boolean) => {
    const headers = new Headers(init?.headers);
    headers.set('Authorization', `Bearer ${await getSessionToken(fresh)}`);
    return fetch(input, { ...init, headers });
  };
  const res = await send(false);
  if (res.status === 401 && res.headers.get(RETRY_TOKEN_HEADER)) return send(true);
  return res;
}

const apiBase = new URL('../api', location.href).href;
export const api = hc<ApiType>(apiBase, { fetch: authFetch });

/** Resolves to the typed JSON body of a 2xx answer; any other answer becomes an ApiError. */
export async function unwrap<T>(call: Promise<{ ok: boolean; status: number; json(): Promise<T> }>): Promise<T> {
  let res;
  try {
    res = await call;
  } catch (err) {
    throw new ApiError(0, 'Network', (err as Error).message || 'The connector could not be reached.');
  }
  if (res.ok) return res.json();
  let body: Partial<ApiErrorBody> = {};
  try {
    body = (await (res as unknown as Response).json()) as ApiErrorBody;
  } catch {
    /* not JSON: keep the status text */
  }
  const e = body.error;
  throw new ApiError(res.status, e?.code ?? `HTTP${res.status}`, e?.message ?? `The connector answered ${res.status}.`, e?.issues ?? [], e?.field);
}
