import { createHmac, randomBytes } from 'node:crypto';

/** HS256 JWT signing for admin session tokens (contracts/clarity.md §4); the sandbox's own code. */
export interface SessionClaims {
  iss: string;
  aud: string;
  sub: string;
  store: string;
  email: string;
  exp: number;
  nbf: number;
  iat: number;
  jti: string;
}

const b64url = (v: string | Buffer) => Buffer.from(v).toString('base64url');

export function signHs256(claims: object, secret: string): string {
  const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = b64url(JSON.stringify(claims));
  const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

export function sessionClaims(o: {
  apiBaseUrl: string; clientId: string; storeId: string; userId: string; email: string; nowMs: number; ttlSec: number;
}): SessionClaims {
  const iat = Math.floor(o.nowMs / 1000);
  return {
    iss: o.apiBaseUrl, aud: o.clientId, sub: o.userId, store: o.storeId, email: o.email,
    exp: iat + Math.min(60, Math.max(1, o.ttlSec)), nbf: iat, iat, jti: randomBytes(12).toString('base64url'),
  };
}
