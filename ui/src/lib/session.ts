import { requestSessionToken } from './bridge';

/**
 * Session tokens live at most 60 s. One is reused until a few seconds before its `exp`, and
 * concurrent callers share one request to the host.
 */
let cached: { token: string; exp: number } | null = null;
let inflight: Promise<string> | null = null;

function expiryOf(token: string): number {
  try {
    const part = token.split('.')[1] ?? '';
    const json = JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/')));
    return typeof json.exp === 'number' ? json.exp * 1000 : 0;
  } catch {
    return 0;
  }
}

export function getSessionToken(fresh = false): Promise<string> {
  if (!fresh && cached && cached.exp - Date.now() > 8000) return Promise.resolve(cached.token);
  if (fresh) cached = null;
  inflight ??= requestSessionToken()
    .then((token) => {
      cached = { token, exp: expiryOf(token) };
      return token;
    })
    .finally(() => {
      inflight = null;
    });
  return inflight;
}
