import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { AppError } from './errors';

/**
 * Secrets at rest (store client secrets, webhook secrets, API keys) are sealed with AES-256-GCM.
 *
 * Sealed form, one ASCII string so it fits a text column:
 *   v1.<keyId>.<iv>.<tag>.<ciphertext>        (each part base64url)
 * - `v1` names the format, so a later format can be read beside this one;
 * - `keyId` is a short fingerprint of the key that sealed it: after ENCRYPTION_KEY is rotated the
 *   old key can still open old values, and a wrong key is reported as such, not as tampering;
 * - `aad` (optional, not stored) binds a value to where it belongs, e.g. "st_9f2c:webhookSecret",
 *   so a ciphertext copied into another row or column no longer opens.
 */
const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface SecretBox {
  /** Fingerprint of the key new values are sealed with. */
  readonly keyId: string;
  seal(plaintext: string, aad?: string): string;
  /** Throws AppError 'SecretUnreadable' if the value was altered, bound elsewhere, or sealed by an unknown key. */
  open(sealed: string, aad?: string): string;
  /** True if the string looks like a value this box wrote (any key). */
  isSealed(value: string): boolean;
}

export function keyFingerprint(key: Buffer): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 8);
}

export function createSecretBox(key: Buffer, previousKeys: Buffer[] = []): SecretBox {
  for (const k of [key, ...previousKeys]) {
    if (k.length !== 32) throw new AppError('BadEncryptionKey', 'an encryption key must be 32 bytes');
  }
  const keys = new Map<string, Buffer>();
  for (const k of [key, ...previousKeys]) keys.set(keyFingerprint(k), k);
  const keyId = keyFingerprint(key);

  return {
    keyId,
    seal(plaintext, aad) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      if (aad !== undefined) cipher.setAAD(Buffer.from(aad, 'utf8'));
      const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, keyId, iv.toString('base64url'), tag.toString('base64url'), ct.toString('base64url')].join('.');
    },
    open(sealed, aad) {
      const parts = sealed.split('.');
      if (parts.length !== 5 || parts[0] !== VERSION) {
        throw unreadable('is not a sealed secret of a known format');
      }
      const [, id, ivB64, tagB64, ctB64] = parts;
      const k = keys.get(id);
      if (!k) throw unreadable(`was sealed with a different ENCRYPTION_KEY (key ${id})`);
      const iv = Buffer.from(ivB64, 'base64url');
      const tag = Buffer.from(tagB64, 'base64url');
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw unreadable('is truncated');
      try {
        const decipher = createDecipheriv('aes-256-gcm', k, iv, { authTagLength: TAG_BYTES });
        if (aad !== undefined) decipher.setAAD(Buffer.from(aad, 'utf8'));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(Buffer.from(ctB64, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw unreadable('failed its integrity check (altered, or stored for another record)');
      }
    },
    isSealed(value) {
      return value.startsWith(`${VERSION}.`) && value.split('.').length === 5;
    },
  };
}

function unreadable(why: string): AppError {
  return new AppError('SecretUnreadable', `stored secret ${why}`, { errorClass: 'permanent', status: 500 });
}
