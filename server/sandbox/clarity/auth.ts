import type { MiddlewareHandler } from 'hono';
import type { Clock } from '../../core/clock';
import { ClarityError } from './errors';
import type { StoreRepo, StoreRow } from './stores';
import type { TokenRepo } from './tokens';

export type ApiEnv = { Variables: { store: StoreRow; scopes: string[] } };

const unauthorized = (message: string, error = 'invalid_token') =>
  new ClarityError(401, [message], { 'WWW-Authenticate': `Bearer error="${error}", error_description="${message}"` });

/**
 * `Authorization: Bearer <access token>` or `X-Api-Key: <key>` (contracts/clarity.md §5). An
 * expired or unknown token is a 401 the client answers by fetching a new token once.
 */
export function apiAuth(deps: { stores: StoreRepo; tokens: TokenRepo; clock: Clock; allScopes: string[] }): MiddlewareHandler<ApiEnv> {
  return async function clarityApiAuth(c, next) {
    const header = c.req.header('authorization');
    const apiKey = c.req.header('x-api-key');
    let store: StoreRow | undefined;
    let scopes: string[];
    if (header) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      if (!m) throw unauthorized('Authorization must be "Bearer <token>"', 'invalid_request');
      const token = await deps.tokens.find(m[1]);
      if (!token) throw unauthorized('Unknown access token');
      if (token.expires_at <= deps.clock.now()) throw unauthorized('The access token expired');
      store = await deps.stores.get(token.store_id);
      scopes = token.scope.split(' ').filter(Boolean);
    } else if (apiKey) {
      store = await deps.stores.byApiKey(apiKey);
      if (!store) throw new ClarityError(401, ['Unknown API key']);
      scopes = deps.allScopes;
    } else {
      throw unauthorized('Authentication required: a Bearer token or an X-Api-Key header', 'invalid_request');
    }
    // 'installing': the app may call back with its new credentials while it handles `installed`.
    if (!store || store.status === 'uninstalled') throw unauthorized('The app is not installed in this store');
    c.set('store', store);
    c.set('scopes', scopes);
    await next();
  };
}

/** 403 unless the caller's token carries the scope the route needs. */
export function requireScope(scope: string): MiddlewareHandler<ApiEnv> {
  return async function clarityScope(c, next) {
    if (!c.get('scopes').includes(scope)) throw new ClarityError(403, [`This call needs the ${scope} scope`]);
    await next();
  };
}
