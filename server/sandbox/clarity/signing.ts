import { createHmac, randomBytes } from 'node:crypto';

/**
 * Standard Webhooks signing, written here rather than shared with the connector: the sandbox is
 * the other side of the wire, and sharing one implementation would hide a mistake in both.
 */
export function secretKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
}

/** `v1,<base64 HMAC-SHA256 over id.timestamp.body>` keyed with the base64 part of the secret. */
export function signatureFor(secret: string, id: string, timestampSec: number, body: string): string {
  const mac = createHmac('sha256', secretKey(secret)).update(`${id}.${timestampSec}.${body}`).digest('base64');
  return `v1,${mac}`;
}

/** The signature header: one entry per secret (two while a secret rotates), space-separated. */
export function signatureHeader(secrets: string[], id: string, timestampSec: number, body: string): string {
  return secrets.map((s) => signatureFor(s, id, timestampSec, body)).join(' ');
}

/** `whsec_` + base64 of 32 random bytes, the form every Standard Webhooks library reads. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export const randomToken = (prefix: string, bytes = 24) => `${prefix}${randomBytes(bytes).toString('base64url')}`;

/** Event ids look like the reference vector's: `msg_` + 24 url-safe characters. */
export const newMessageId = () => `msg_${randomBytes(18).toString('base64url')}`;
