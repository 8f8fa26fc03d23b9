import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'libsql';
import { createClient, LibsqlBatchError, LibsqlError, type Client, type InArgs, type InStatement, type InValue, type ResultSet, type Row, type TransactionMode } from '@libsql/client';

/**
 * The libSQL client for a database FILE: the same contract as @libsql/client's (drizzle and the
 * raw batches cannot tell them apart), over one connection, with prepared statements kept.
 *
 * Why: the general client prepares every statement anew and builds each row property by
 * property. In a busy connector the app runs a few dozen SQL texts thousands of times a minute
 * (the job engine's claim alone is a large statement), and preparing them again each time was a
 * quarter of the app's CPU. Here a statement is prepared once per SQL text and reused; SQLite
 * re-prepares it by itself if the schema changes. Every call is synchronous inside, as in the
 * general client, so no other call can slip into a batch's transaction.
 *
 * Interactive transactions are refused: with one connection they would block every other query
 * (the code uses batches instead). A libSQL server URL keeps the general client. It lives in core,
 * as a driver with no knowledge of the connector: the sandboxes open their own files with it too.
 */
function createFileClient(path: string, opts: { busyTimeoutMs: number }): Client {
  return new FileClient(new Database(path, { timeout: opts.busyTimeoutMs }));
}

/**
 * A client for any libSQL URL, as the connector and both sandboxes open theirs: a file's folder is
 * made if missing and a file gets one connection (the statement-keeping client for a plain path,
 * the general one held to one connection when the URL carries options); a server URL gets
 * `@libsql/client`.
 */
export function openLibsqlClient(url: string, opts: { authToken?: string; busyTimeoutMs?: number } = {}): Client {
  const busyTimeoutMs = opts.busyTimeoutMs ?? 5000;
  if (!url.startsWith('file:')) return createClient({ url, authToken: opts.authToken });
  const path = filePathOf(url);
  if (path) mkdirSync(dirname(path), { recursive: true });
  // Query options are the general client's to interpret, as it documents.
  if (path && !/[?#]/.test(url)) return createFileClient(path, { busyTimeoutMs });
  return createClient({ url, concurrency: 1, timeout: busyTimeoutMs } as Parameters<typeof createClient>[0]);
}

/**
 * The file path of a `file:` URL (`file:app.db`, `file:/abs/app.db`, `file:///abs/app.db`; query
 * options left off), or null when it names no file here (`:memory:`, another host).
 */
export function filePathOf(url: string): string | null {
  if (!url.startsWith('file:')) return null;
  const bare = url.split(/[?#]/)[0];
  let path: string;
  try {
    path = bare.startsWith('file://') ? fileURLToPath(bare) : bare.slice('file:'.length);
  } catch {
    return null;
  }
  return path && path !== ':memory:' ? path : null;
}

/** Distinct SQL texts kept prepared; beyond it the cache starts again (bulk inserts vary their text). */
const MAX_STATEMENTS = 500;

interface NativeStatement {
  reader: boolean;
  raw(on: boolean): NativeStatement;
  safeIntegers(on: boolean): NativeStatement;
  columns(): Array<{ name: string; type: string | null }>;
  all(args: unknown): unknown[][];
  run(args: unknown): { changes: number; lastInsertRowid: number | bigint };
}

interface Prepared {
  stmt: NativeStatement;
  columns: string[];
  columnTypes: string[];
  makeRow: ((values: unknown[]) => Row) | null;
}

class FileClient implements Client {
  closed = false;
  readonly protocol = 'file';
  readonly #statements = new Map<string, Prepared>();

  constructor(private readonly db: Database.Database) {}

  async execute(stmtOrSql: InStatement | string, args?: InArgs): Promise<ResultSet> {
    this.#open();
    return this.#run(typeof stmtOrSql === 'string' ? { sql: stmtOrSql, args: args ?? [] } : stmtOrSql);
  }

  async batch(stmts: Array<InStatement | [string, InArgs?]>, mode: TransactionMode = 'deferred'): Promise<ResultSet[]> {
    this.#open();
    return this.#inTransaction(BEGIN[mode], stmts.map((s) => (Array.isArray(s) ? { sql: s[0], args: s[1] ?? [] } : s)));
  }

  async migrate(stmts: InStatement[]): Promise<ResultSet[]> {
    this.#open();
    this.#run('PRAGMA foreign_keys=off');
    try {
      return this.#inTransaction(BEGIN.deferred, stmts);
    } finally {
      this.#run('PRAGMA foreign_keys=on');
    }
  }

  async executeMultiple(sql: string): Promise<void> {
    this.#open();
    this.db.exec(sql);
  }

  async transaction(): Promise<never> {
    throw new LibsqlError('interactive transactions are not used with a database file: run the statements as one batch', 'TRANSACTION_UNSUPPORTED');
  }

  async sync(): Promise<undefined> {
    return undefined;
  }

  reconnect(): void {
    throw new LibsqlError('a database file client cannot reconnect: open a new one', 'RECONNECT_UNSUPPORTED');
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.#statements.clear();
    if (this.db.open) this.db.close();
  }

  #open() {
    if (this.closed) throw new LibsqlError('The client is closed', 'CLIENT_CLOSED');
  }

  #inTransaction(begin: string, stmts: InStatement[]): ResultSet[] {
    this.#run(begin);
    try {
      const results = stmts.map((stmt, i) => {
        try {
          if (!this.db.inTransaction) throw new LibsqlBatchError('The transaction has been rolled back', i, 'TRANSACTION_CLOSED');
          return this.#run(stmt);
        } catch (e) {
          if (e instanceof LibsqlError && !(e instanceof LibsqlBatchError)) {
            throw new LibsqlBatchError(e.message, i, e.code, e.extendedCode, e.rawCode, e.cause instanceof Error ? e.cause : undefined);
          }
          throw e;
        }
      });
      this.#run('COMMIT');
      return results;
    } finally {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
    }
  }

  #run(stmt: InStatement): ResultSet {
    const { sql, args } = typeof stmt === 'string' ? { sql: stmt, args: undefined } : stmt;
    try {
      const p = this.#prepared(sql);
      const bound = toSqlArgs(args);
      if (p.makeRow) {
        const rows = p.stmt.all(bound).map(p.makeRow);
        return resultSet(p.columns, p.columnTypes, rows, 0, undefined);
      }
      const info = p.stmt.run(bound);
      return resultSet([], [], [], info.changes, BigInt(info.lastInsertRowid));
    } catch (e) {
      throw toLibsqlError(e);
    }
  }

  #prepared(sql: string): Prepared {
    let p = this.#statements.get(sql);
    if (p) return p;
    const stmt = this.db.prepare(sql) as unknown as NativeStatement;
    stmt.safeIntegers(true);
    if (stmt.reader) {
      stmt.raw(true);
      const cols = stmt.columns();
      const columns = cols.map((c) => c.name);
      p = { stmt, columns, columnTypes: cols.map((c) => c.type ?? ''), makeRow: rowMaker(columns) };
    } else {
      p = { stmt, columns: [], columnTypes: [], makeRow: null };
    }
    if (this.#statements.size >= MAX_STATEMENTS) this.#statements.clear();
    this.#statements.set(sql, p);
    return p;
  }
}

const BEGIN: Record<TransactionMode, string> = { write: 'BEGIN IMMEDIATE', read: 'BEGIN TRANSACTION READONLY', deferred: 'BEGIN DEFERRED' };

const VALUES = Symbol('values');

/**
 * Rows as the general client gives them: the columns by name (own, enumerable: the first of two
 * same-named columns wins) and by index (not enumerable, with a length), so drizzle can read them
 * either way. Index access goes through one prototype per statement instead of a property
 * definition per value.
 */
function rowMaker(columns: string[]): (values: unknown[]) => Row {
  const proto: Record<string | symbol, unknown> = {};
  Object.defineProperty(proto, 'length', { get(this: { [VALUES]: unknown[] }) { return this[VALUES].length; } });
  columns.forEach((_, i) => Object.defineProperty(proto, i, { get(this: { [VALUES]: unknown[] }) { return this[VALUES][i]; } }));
  const named = columns.map((name, i) => [name, i] as const).filter(([name], i) => columns.indexOf(name) === i);
  return (raw) => {
    const values = raw.map(fromSql);
    const row = Object.create(proto) as Record<string | symbol, unknown>;
    Object.defineProperty(row, VALUES, { value: values });
    for (const [name, i] of named) row[name] = values[i];
    return row as unknown as Row;
  };
}

function resultSet(columns: string[], columnTypes: string[], rows: Row[], rowsAffected: number, lastInsertRowid: bigint | undefined): ResultSet {
  return {
    columns, columnTypes, rows, rowsAffected, lastInsertRowid,
    toJSON: () => ({ columns, columnTypes, rows: rows.map((r) => Array.prototype.slice.call(r)), rowsAffected, lastInsertRowid: lastInsertRowid?.toString() ?? null }),
  };
}

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Integers come back as numbers (as with the general client's default), refusing any a number would round. */
function fromSql(v: unknown): unknown {
  if (typeof v === 'bigint') {
    if (v < MIN_SAFE || v > MAX_SAFE) throw new RangeError('Received integer which cannot be safely represented as a JavaScript number');
    return Number(v);
  }
  if (Buffer.isBuffer(v)) return v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength);
  return v;
}

function toSql(v: InValue | undefined): unknown {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new RangeError('Only finite numbers (not Infinity or NaN) can be passed as arguments');
    return v;
  }
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof ArrayBuffer) return Buffer.from(v);
  if (v instanceof Date) return v.valueOf();
  if (v === undefined) throw new TypeError('undefined cannot be passed as argument to the database');
  return v;
}

function toSqlArgs(args: InArgs | undefined): unknown {
  if (args === undefined) return [];
  if (Array.isArray(args)) return args.map(toSql);
  const named: Record<string, unknown> = {};
  for (const name in args) named[name[0] === ':' || name[0] === '@' || name[0] === '$' ? name.slice(1) : name] = toSql(args[name]);
  return named;
}

/** The native error as the general client reports it: the base code, the extended one beside it. */
function toLibsqlError(e: unknown): unknown {
  if (e instanceof LibsqlError || !(e instanceof Error) || !('rawCode' in e)) return e;
  const extended = (e as Error & { code?: string }).code;
  const base = typeof extended === 'string' ? extended.split('_').slice(0, 2).join('_') : 'SQLITE_UNKNOWN';
  return new LibsqlError(e.message, base, extended, (e as Error & { rawCode?: number }).rawCode, e);
}
