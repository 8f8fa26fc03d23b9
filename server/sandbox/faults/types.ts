import type { Clock } from '../../core/clock';

/** One rule of per-route fault injection; the first rule whose `match` fits a request applies. */
export interface FaultRoute {
  /**
   * Which requests: "POST /SO/SalesOrder" (method + path prefix), "GET *" (every GET),
   * "/SO/" or "/SO" (a path prefix, any method), "*" (everything). Paths are relative to where
   * the sandbox is mounted, and a prefix only matches whole segments ("/SO/SalesOrder" does not
   * match "/SO/SalesOrderHistory").
   */
  match: string;
  /** Share of matching requests answered with `status` instead of reaching the handler (0..1). */
  errorRate?: number;
  /** Status of the injected error; 503 by default. */
  status?: number;
  /**
   * Share of matching requests whose handler runs and commits, but whose answer never arrives:
   * the response is held, then the connection is destroyed (0..1).
   */
  timeoutAfterWriteRate?: number;
}

export interface FaultConfig {
  /** Added before every request (real time, not the sandbox clock). */
  latencyMs?: number;
  routes?: FaultRoute[];
  /** A 429 storm: every request is refused with Retry-After until the clock reaches untilMs. */
  throttle?: { untilMs: number; retryAfterSec: number };
  /** 503 SessionUnavailable for everything until the clock reaches untilMs. */
  outage?: { untilMs: number };
  /** Seed of the PRNG that decides which requests fail, so runs are reproducible. */
  seed?: number;
  /** How long a "timeout after write" answer is held before the socket is destroyed (default 60 s). */
  timeoutHoldMs?: number;
}

/**
 * What set() and parseFaultEnv() accept: FaultConfig, where a throttle or outage may say
 * `forMs` (relative to now) instead of `untilMs` — easier to write in an env variable.
 */
export interface FaultConfigInput extends Omit<FaultConfig, 'throttle' | 'outage'> {
  throttle?: { untilMs?: number; forMs?: number; retryAfterSec: number } | null;
  outage?: { untilMs?: number; forMs?: number } | null;
}

export interface FaultController {
  get(): FaultConfig;
  /** Merges top-level keys; `routes` is replaced as a whole; a null throttle/outage clears it. */
  set(partial: FaultConfigInput): FaultConfig;
  /** Clears every fault and restarts the PRNG from its seed, so a test starts from a known state. */
  reset(): void;
  /** A number in [0, 1) from the seeded PRNG. */
  random(): number;
  /** Ends every response currently held by a timeout-after-write fault (used on shutdown). */
  abortHeld(): void;
  /** @internal registers a held response so abortHeld() can end it. */
  hold(release: () => void): () => void;
  readonly clock: Clock;
}

/** Builds the body of an injected error in the shape of the sandbox it stands in front of. */
export type ErrorBodyFactory = (e: { status: number; code: string; message: string }) => unknown;
