import { randomBytes } from 'node:crypto';

/** Time-sortable unique id: 10 chars of base36 milliseconds + 12 random chars, with a prefix. */
export function newId(prefix: string): string {
  const time = Date.now().toString(36).padStart(10, '0');
  return `${prefix}_${time}${randomBytes(9).toString('base64url')}`;
}
