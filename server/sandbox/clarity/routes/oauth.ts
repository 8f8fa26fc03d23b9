import { Hono } from 'hono';
import type { Clock } from '../../../core/clock';
import { ClarityError } from '../errors';
import type { StoreRepo } from '../stores';
import type { TokenRepo } from '../tokens';

/** RFC 6749 errors, with Clarity's error fields beside them so either kind of client reads them. */
const oauthError = (status: number, error: string, description: string) =>
  new ClarityError(status, [description], status === 401 ? { 'WWW-Authenticate': 'Basic realm="clarity"' } : {},
    { error, error_description: description });

/**
 * `POST /oauth/token`, client credentials grant (form body; the client may also authenticate with
 * HTTP Basic). Tokens expire after `lifetimeSec`; the scope is what was asked for, within what the
 * app's listing was granted.
 */
export function oauthRoutes(d: { stores: StoreRepo; tokens: TokenRepo; clock: Clock; lifetimeSec: () => number; allScopes: string[] }) {
  const app = new Hono();
  app.post('/oauth/token', async (c) => {
    if (!(c.req.header('content-type') ?? '').includes('application/x-www-form-urlencoded')) {
      throw oauthError(400, 'invalid_request', 'The token request must be a form (application/x-www-form-urlencoded)');
    }
    const form = new URLSearchParams(await c.req.text());
    let clientId = form.get('client_id') ?? '';
    let clientSecret = form.get('client_secret') ?? '';
    const basic = /^Basic\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
    if (basic) {
      const [id, ...rest] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
      clientId = decodeURIComponent(id);
      clientSecret = decodeURIComponent(rest.join(':'));
    }
    if (form.get('grant_type') !== 'client_credentials') {
      throw oauthError(400, 'unsupported_grant_type', 'grant_type must be client_credentials');
    }
    const store = clientId ? await d.stores.byClientId(clientId) : undefined;
    if (!store || store.client_secret !== clientSecret || store.status === 'uninstalled') {
      throw oauthError(401, 'invalid_client', 'Unknown client or wrong secret');
    }
    const asked = (form.get('scope') ?? '').split(/\s+/).filter(Boolean);
    const outside = asked.filter((s) => !d.allScopes.includes(s));
    if (outside.length) throw oauthError(400, 'invalid_scope', `Scopes not granted to this app: ${outside.join(' ')}`);
    const scope = (asked.length ? asked : d.allScopes).join(' ');
    const lifetime = d.lifetimeSec();
    const t = await d.tokens.issue(store.id, scope, d.clock.now(), lifetime);
    c.header('Cache-Control', 'no-store');
    return c.json({ access_token: t.token, token_type: 'Bearer', expires_in: lifetime, scope });
  });
  return app;
}
