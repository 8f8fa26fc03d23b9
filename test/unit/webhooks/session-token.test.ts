import { describe, expect, test } from 'vitest';
import { signSessionToken, verifySessionToken, type SessionClaims, type SessionKeys } from '../../../server/connectors/clarity/session-token';

const NOW = Date.UTC(2026, 10, 29, 10, 0, 0);
const nowSec = NOW / 1000;
const keys: Record<string, SessionKeys> = {
  st_a: { active: true, clientId: 'app_123', clientSecret: 'client-secret-a', apiBaseUrl: 'https://acme.example/' },
  st_gone: { active: false, clientId: 'app_123', clientSecret: null, apiBaseUrl: 'https://gone.example/' },
};
const resolve = async (id: string) => keys[id] ?? null;
const claims = (over: Partial<SessionClaims> = {}): SessionClaims => ({
  iss: 'https://acme.example/', aud: 'app_123', sub: 'user_7', store: 'st_a', email: 'dana@acme.example',
  iat: nowSec - 5, nbf: nowSec - 5, exp: nowSec + 55, jti: 'j1', ...over,
});
const verify = (token: string, nowMs = NOW) => verifySessionToken(token, resolve, { nowMs });

describe('session tokens', () => {
  test('a token from the admin verifies and gives the store', async () => {
    const r = await verify(signSessionToken(claims(), 'client-secret-a'));
    expect(r).toMatchObject({ ok: true, claims: { store: 'st_a', sub: 'user_7' } });
  });

  test('issuer compares without the trailing slash', async () => {
    expect((await verify(signSessionToken(claims({ iss: 'https://acme.example' }), 'client-secret-a'))).ok).toBe(true);
  });

  test.each([
    ['expired past the skew', claims({ iat: nowSec - 80, nbf: nowSec - 80, exp: nowSec - 11 }), 'expired', true],
    ['not valid yet past the skew', claims({ iat: nowSec + 11, nbf: nowSec + 11, exp: nowSec + 60 }), 'not_yet_valid', true],
    ['living longer than 60 s', claims({ exp: nowSec + 120 }), 'lifetime_too_long', false],
    ['for another app', claims({ aud: 'app_other' }), 'bad_audience', false],
    ['from another site', claims({ iss: 'https://evil.example/' }), 'bad_issuer', false],
    ['for an unknown store', claims({ store: 'st_nobody' }), 'unknown_store', false],
    ['for an uninstalled store', claims({ store: 'st_gone', iss: 'https://gone.example/' }), 'store_uninstalled', false],
  ])('refused: %s', async (_name, c, reason, retry) => {
    const r = await verify(signSessionToken(c, 'client-secret-a'));
    expect(r).toMatchObject({ ok: false, reason, retry });
  });

  test('10 s of skew is allowed either way', async () => {
    expect((await verify(signSessionToken(claims({ iat: nowSec - 70, nbf: nowSec - 70, exp: nowSec - 10 }), 'client-secret-a'))).ok).toBe(true);
    expect((await verify(signSessionToken(claims({ iat: nowSec + 10, nbf: nowSec + 10, exp: nowSec + 60 }), 'client-secret-a'))).ok).toBe(true);
  });

  test('another secret, alg none and garbage are refused', async () => {
    expect(await verify(signSessionToken(claims(), 'not-the-secret'))).toMatchObject({ ok: false, reason: 'bad_signature' });
    const [, body] = signSessionToken(claims(), 'client-secret-a').split('.');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${body}.`;
    expect(await verify(none)).toMatchObject({ ok: false, reason: 'unsupported_alg' });
    expect(await verify('a.b')).toMatchObject({ ok: false, reason: 'malformed' });
    expect(await verify('x.y.z')).toMatchObject({ ok: false, reason: 'malformed' });
  });

  test('a tampered claim breaks the signature', async () => {
    const [head, , sig] = signSessionToken(claims(), 'client-secret-a').split('.');
    const forged = Buffer.from(JSON.stringify(claims({ sub: 'admin' }))).toString('base64url');
    expect(await verify(`${head}.${forged}.${sig}`)).toMatchObject({ ok: false, reason: 'bad_signature' });
  });
});
