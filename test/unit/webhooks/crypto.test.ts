import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { createSecretBox, keyFingerprint } from '../../../server/core/crypto';

const key = randomBytes(32);
const box = createSecretBox(key);

describe('secret box (AES-256-GCM, versioned)', () => {
  test('round-trips, with a fresh IV every time', () => {
    const a = box.seal('whsec_c2VjcmV0', 'st_1:webhookSecret');
    const b = box.seal('whsec_c2VjcmV0', 'st_1:webhookSecret');
    expect(a).not.toBe(b);
    expect(a.startsWith(`v1.${keyFingerprint(key)}.`)).toBe(true);
    expect(a).not.toContain('c2VjcmV0');
    expect(box.open(a, 'st_1:webhookSecret')).toBe('whsec_c2VjcmV0');
    expect(box.open(b, 'st_1:webhookSecret')).toBe('whsec_c2VjcmV0');
    expect(box.isSealed(a)).toBe(true);
    expect(box.isSealed('whsec_c2VjcmV0')).toBe(false);
  });

  test('unicode and empty values survive', () => {
    for (const v of ['', 'ключ-🔑', 'x'.repeat(5000)]) expect(box.open(box.seal(v))).toBe(v);
  });

  test.each([
    ['ciphertext', 4],
    ['tag', 3],
    ['iv', 2],
  ])('a changed %s is detected', (_name, part) => {
    const parts = box.seal('client-secret-value', 'aad').split('.');
    const bytes = Buffer.from(parts[part], 'base64url');
    bytes[0] ^= 0x01;
    parts[part] = bytes.toString('base64url');
    expect(() => box.open(parts.join('.'), 'aad')).toThrow(/integrity check/);
  });

  test('a value moved to another store or column does not open', () => {
    const sealed = box.seal('s3cret', 'st_1:clientSecret');
    expect(() => box.open(sealed, 'st_2:clientSecret')).toThrow(/integrity check/);
    expect(() => box.open(sealed, 'st_1:webhookSecret')).toThrow(/integrity check/);
    expect(() => box.open(sealed)).toThrow(/integrity check/);
  });

  test('a different key is named as such; a previous key still opens old values', () => {
    const oldKey = randomBytes(32);
    const old = createSecretBox(oldKey).seal('legacy', 'aad');
    expect(() => box.open(old, 'aad')).toThrow(/different ENCRYPTION_KEY/);
    const rotated = createSecretBox(key, [oldKey]);
    expect(rotated.open(old, 'aad')).toBe('legacy');
    expect(rotated.seal('new').split('.')[1]).toBe(keyFingerprint(key));
  });

  test('garbage and truncated values are refused with a clear error', () => {
    expect(() => box.open('plain text')).toThrow(/known format/);
    expect(() => box.open('v2.a.b.c.d')).toThrow(/known format/);
    const parts = box.seal('x').split('.');
    parts[3] = parts[3].slice(0, 4);
    expect(() => box.open(parts.join('.'))).toThrow(/truncated/);
  });

  test('keys must be 32 bytes', () => {
    expect(() => createSecretBox(randomBytes(16))).toThrow(/32 bytes/);
  });
});
