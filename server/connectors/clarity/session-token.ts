import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Session tokens from the Clarity admin (contracts/clarity.md §4): a JWT, HS256, signed with the
 * store's clientSecret, `aud` = clientId, `iss` = the store's apiBaseUrl, at most 60 s long,
 * 10 s of clock skew allowed. The result says why a token was refused and whether fetching a
 * fresh token can help (the API answers 401 with a retry hint then).
 */
export interface SessionClaims {
  iss: string;
  aud: string | string[];
  sub: string;
  store: string;
  email?: string;
  exp: number;
  nbf?: number;
  iat: number;
  jti?: string;
}

/** What the verifier needs of an installation. A store whose secrets were erased has none. */
export interface SessionKeys {
  active: boolean;
  clientId: string;
  clientSecret: string | null;
  apiBaseUrl: string;
}

export type SessionRejectReason =
  | 'malformed'
  | 'unsupported_alg'
  | 'unknown_store'
  | 'store_uninstalled'
  | 'bad_signature'
  | 'expired'
  | 'not_yet_valid'
  | 'lifetime_too_long'
  | 'bad_audience'
  | 'bad_issuer';

export type SessionVerification =
  | { ok: true; claims: SessionClaims }
  | { ok: false; reason: SessionRejectReason; message: string; /** a fresh token may succeed */ retry: boolean };

export interface SessionVerifyOptions {
  nowMs: number;
  skewSec?: number;
  maxLifetimeSec?: number;
}

export const SESSION_SKEW_SEC = 10;
export const SESSION_MAX_LIFETIME_SEC = 60;

const fail = (reason: SessionRejectReason, message: string, retry = false): SessionVerification =>
  ({ ok: false, reason, message, retry });

function decodeJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

const trimSlash = (s: string) => s.replace(/\/+$/, '');
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export async function verifySessionToken(
  token: string,
  resolveStore: (storeId: string) => Promise<SessionKeys | null | undefined>,
  opts: SessionVerifyOptions,
): Promise<SessionVerification> {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) return fail('malformed', 'not a JWT');
  const header = decodeJson(parts[0]) as { alg?: unknown } | undefined;
  const claims = decodeJson(parts[1]) as Partial<SessionClaims> | undefined;
  if (!header || typeof header !== 'object' || !claims || typeof claims !== 'object') return fail('malformed', 'JWT parts are not JSON');
  // Only HS256: refusing everything else closes the "alg: none" and algorithm-confusion doors.
  if (header.alg !== 'HS256') return fail('unsupported_alg', `alg must be HS256, got ${String(header.alg)}`);
  if (typeof claims.store !== 'string' || !claims.store) return fail('malformed', 'store claim missing');
  if (typeof claims.sub !== 'string' || !isNum(claims.exp) || !isNum(claims.iat)) {
    return fail('malformed', 'sub, exp and iat claims are required');
  }

  const keys = await resolveStore(claims.store);
  if (!keys) return fail('unknown_store', 'no installation for this store');
  if (!keys.active || !keys.clientSecret) return fail('store_uninstalled', 'the app is not installed for this store');

  const expected = createHmac('sha256', keys.clientSecret).update(`${parts[0]}.${parts[1]}`).digest();
  const given = Buffer.from(parts[2], 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return fail('bad_signature', 'signature does not match');

  const now = opts.nowMs / 1000;
  const skew = opts.skewSec ?? SESSION_SKEW_SEC;
  const maxLife = opts.maxLifetimeSec ?? SESSION_MAX_LIFETIME_SEC;
  if (now > claims.exp + skew) return fail('expired', 'session token expired', true);
  if (claims.iat > now + skew || (isNum(claims.nbf) && claims.nbf > now + skew)) {
    return fail('not_yet_valid', 'session token is not valid yet (clock skew?)', true);
  }
  if (claims.exp - Math.min(claims.iat, claims.nbf ?? claims.iat) > maxLife) {
    return fail('lifetime_too_long', `session tokens may live at most ${maxLife} s`);
  }
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!aud.includes(keys.clientId)) return fail('bad_audience', 'token was issued for another app');
  if (typeof claims.iss !== 'string' || trimSlash(claims.iss) !== trimSlash(keys.apiBaseUrl)) {
    return fail('bad_issuer', 'token was issued by another site');
  }
  return { ok: true, claims: claims as SessionClaims };
}

/** Signs a session token the way the Clarity admin does (tests, and the demo admin host). */
export function signSessionToken(claims: SessionClaims, clientSecret: string): string {
  const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const head = `${enc({ alg: 'HS256', typ: 'JWT' })}.${enc(claims)}`;
  return `${head}.${createHmac('sha256', clientSecret).update(head).digest('base64url')}`;
}
