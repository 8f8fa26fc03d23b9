import type { MiddlewareHandler } from 'hono';
import type { Clock } from '../../core/clock';
import { verifySessionToken, type SessionKeys } from '../../connectors/clarity/session-token';
import { RETRY_TOKEN_HEADER } from '../../contracts/headers';

/**
 * The panel's only way in: `Authorization: Bearer <session token>` (contracts/clarity.md §4).
 * A verified token puts the session (store, user) on the context; every route scopes its queries
 * to `session.storeId` and nothing else. A refused token gets 401 with
 * `WWW-Authenticate: Bearer error="invalid_token"`, plus RETRY_TOKEN_HEADER when a fresh token can
 * help (expired, not yet valid), which is the panel's cue to ask the host for one and retry once.
 */
export interface Session {
  storeId: string;
  userId: string;
  email: string | null;
  /** Who the audit trail names: the user's e-mail, else their id. */
  actor: string;
}

export type SessionEnv = { Variables: { session: Session } };

export interface SessionAuthOptions {
  resolveStore(storeId: string): Promise<SessionKeys | null>;
  clock: Clock;
}

export function sessionAuth(opts: SessionAuthOptions): MiddlewareHandler<SessionEnv> {
  return async function sessionAuthMiddleware(c, next) {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) return refuse(c, 'missing_token', 'send the session token as Authorization: Bearer <token>', true);
    const result = await verifySessionToken(match[1], opts.resolveStore, { nowMs: opts.clock.now() });
    if (!result.ok) return refuse(c, result.reason, result.message, result.retry);
    const { claims } = result;
    c.set('session', {
      storeId: claims.store,
      userId: claims.sub,
      email: claims.email ?? null,
      actor: claims.email || `user:${claims.sub}`,
    });
    await next();
  };
}

function refuse(c: Parameters<MiddlewareHandler>[0], reason: string, message: string, retry: boolean) {
  const desc = message.replace(/["\\]/g, '');
  c.header('WWW-Authenticate', `Bearer error="invalid_token", error_description="${desc}"`);
  if (retry) c.header(RETRY_TOKEN_HEADER, '1');
  c.header('Cache-Control', 'no-store');
  return c.json({ error: { code: 'InvalidSessionToken', message: `Session token refused: ${message}`, reason } }, 401);
}
