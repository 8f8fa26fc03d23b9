import { AppError } from '../core/errors';

/** Parses a Retry-After header (seconds or HTTP date) into milliseconds. */
export function retryAfterMs(header: string | null | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const secs = Number(header);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * A request that got no answer. For a write the outcome is unknown (it may have happened);
 * for a read it is simply transient.
 */
export function noAnswerError(system: string, method: string, path: string, err: unknown): AppError {
  const isWrite = method !== 'GET' && method !== 'HEAD';
  const reason = (err as Error)?.name === 'TimeoutError' || /timeout|aborted/i.test(String((err as Error)?.message))
    ? 'timed out' : `failed: ${(err as Error)?.message ?? err}`;
  return new AppError(
    isWrite ? 'UnknownOutcome' : 'NoAnswer',
    `${system} ${method} ${path} ${reason}${isWrite ? '; the write may or may not have happened' : ''}`,
    { errorClass: isWrite ? 'unknown_outcome' : 'transient', status: 504, cause: err },
  );
}
