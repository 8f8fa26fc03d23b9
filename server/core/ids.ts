import { randomFillSync } from 'node:crypto';

/**
 * Time-sortable unique id: 10 chars of base36 milliseconds + 12 random chars, with a prefix.
 * Random bytes are drawn about 4 KiB at a time and handed out 9 at a time: one call into the CSPRNG
 * costs microseconds whatever its size, and the webhook intake makes an id per request.
 */
const POOL_BYTES = 9 * 455;
const pool = Buffer.alloc(POOL_BYTES);
let at = POOL_BYTES;

export function newId(prefix: string): string {
  if (at === POOL_BYTES) {
    randomFillSync(pool);
    at = 0;
  }
  const random = pool.toString('base64url', at, at + 9);
  at += 9;
  const time = Date.now().toString(36).padStart(10, '0');
  return `${prefix}_${time}${random}`;
}
