import type { Client, InStatement, InValue, Row } from '@libsql/client';

export type Rec = Record<string, unknown>;

/** A libSQL row as a plain object (column name → value). */
function toRec(row: Row, columns: string[]): Rec {
  const out: Rec = {};
  columns.forEach((c, i) => { out[c] = row[i]; });
  return out;
}

/** Thin helpers over the libSQL client: the sandbox is raw SQL, kept readable. */
export function sqlHelpers(db: Client) {
  return {
    async all<T = Rec>(sql: string, args: readonly unknown[] = []): Promise<T[]> {
      const rs = await db.execute({ sql, args: args as InValue[] });
      return rs.rows.map((r) => toRec(r, rs.columns) as T);
    },
    async get<T = Rec>(sql: string, args: readonly unknown[] = []): Promise<T | undefined> {
      const rs = await db.execute({ sql, args: args as InValue[] });
      return rs.rows[0] ? (toRec(rs.rows[0], rs.columns) as T) : undefined;
    },
    async run(sql: string, args: readonly unknown[] = []): Promise<number> {
      return (await db.execute({ sql, args: args as InValue[] })).rowsAffected;
    },
    /** Several writes in one transaction: all or nothing. Answers each statement's rowsAffected. */
    async write(stmts: InStatement[]): Promise<number[]> {
      if (!stmts.length) return [];
      return (await db.batch(stmts, 'write')).map((r) => r.rowsAffected);
    },
  };
}
export type Sql = ReturnType<typeof sqlHelpers>;

/** Rounds money to cents the way Sage stores currency (2 decimals). */
export const money = (n: number) => Math.round((n + Number.EPSILON) * 100) / 100;

/** "?, ?, ?" for an IN list. */
export const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** A statement for batch(), from values read out of other rows (typed unknown). */
export const st = (sql: string, args: readonly unknown[]): InStatement => ({ sql, args: args as InValue[] });
