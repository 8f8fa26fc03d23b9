/**
 * Every failure the connector meets is classified once, where it happens, so the job engine can
 * decide what to do without knowing which system produced it.
 *
 * - transient:       retry with backoff (5xx, network errors, SQLITE_BUSY, record locks)
 * - rate_limited:    retry after the server's Retry-After
 * - permanent:       a person must fix data or mapping; goes to the exception list at once
 * - unknown_outcome: a write may or may not have happened (timeout); reconcile before acting again
 */
export type ErrorClass = 'transient' | 'rate_limited' | 'permanent' | 'unknown_outcome';

export interface AppErrorOptions {
  errorClass?: ErrorClass;
  status?: number;
  field?: string;
  retryAfterMs?: number;
  detail?: unknown;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: string;
  readonly errorClass: ErrorClass;
  readonly status: number;
  readonly field?: string;
  readonly retryAfterMs?: number;
  readonly detail?: unknown;

  constructor(code: string, message: string, opts: AppErrorOptions = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'AppError';
    this.code = code;
    this.errorClass = opts.errorClass ?? 'permanent';
    this.status = opts.status ?? 500;
    this.field = opts.field;
    this.retryAfterMs = opts.retryAfterMs;
    this.detail = opts.detail;
  }

  get retryable(): boolean {
    return this.errorClass !== 'permanent';
  }

  toJSON() {
    return { code: this.code, message: this.message, errorClass: this.errorClass, field: this.field };
  }
}

/** Classifies anything thrown into an AppError; unknown errors count as transient. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (isDatabaseBusy(err)) {
    return new AppError('DatabaseBusy', message, { errorClass: 'transient', cause: err });
  }
  return new AppError('Unexpected', message, { errorClass: 'transient', cause: err });
}

/**
 * Another writer holds the database: SQLITE_BUSY / SQLITE_LOCKED (and their extended codes) from a
 * local file, or the same reported in a message by a libSQL server, where the code may be generic.
 */
export function isDatabaseBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  const message = err instanceof Error ? err.message : String(err);
  return /SQLITE_BUSY|SQLITE_LOCKED/.test(typeof code === 'string' ? code : '') ||
    /database is locked|database table is locked|SQLITE_BUSY|SQLITE_LOCKED/i.test(message);
}

export const permanent = (code: string, message: string, opts: Omit<AppErrorOptions, 'errorClass'> = {}) =>
  new AppError(code, message, { ...opts, errorClass: 'permanent', status: opts.status ?? 422 });

export const transient = (code: string, message: string, opts: Omit<AppErrorOptions, 'errorClass'> = {}) =>
  new AppError(code, message, { ...opts, errorClass: 'transient', status: opts.status ?? 503 });
