import type { Rec, Sql } from '../db/sql';

/**
 * The key Sage looks a ZIP up by: a US ZIP+4 ("78703-1234") by its first five digits, anything
 * else (Canadian "M5V 2T6") upper-cased as typed.
 */
export function normalizeZip(zip: string): string {
  const z = zip.trim().toUpperCase();
  return /^\d{5}-?\d{4}$/.test(z) ? z.slice(0, 5) : z;
}

export function findZip(sql: Sql, zip: string): Promise<Rec | undefined> {
  return sql.get('SELECT * FROM sy_zipcode WHERE ZipCode = ?', [normalizeZip(zip)]);
}
