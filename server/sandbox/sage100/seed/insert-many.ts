import type { InStatement, InValue } from '@libsql/client';

/** Multi-row INSERTs in chunks: a few hundred statements instead of thousands keeps seeding fast. */
export function insertMany(table: string, columns: string[], rows: InValue[][], verb = 'INSERT OR IGNORE', chunk = 200): InStatement[] {
  const out: InStatement[] = [];
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    out.push({
      sql: `${verb} INTO ${table} (${columns.join(', ')}) VALUES ${part.map(() => tuple).join(', ')}`,
      args: part.flat(),
    });
  }
  return out;
}
