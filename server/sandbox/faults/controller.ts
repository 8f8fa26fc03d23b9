import { systemClock, type Clock } from '../../core/clock';
import { prng } from '../catalog/prng';
import type { FaultConfig, FaultConfigInput, FaultController } from './types';

const DEFAULT_SEED = 1;

/** Turns `forMs` into an absolute `untilMs` on the controller's clock, at the moment it is set. */
function resolveWindows(input: FaultConfigInput, now: number): Record<string, unknown> {
  const out: Record<string, unknown> = { ...input };
  if (input.throttle) {
    const { forMs, untilMs, retryAfterSec } = input.throttle;
    out.throttle = { untilMs: untilMs ?? now + (forMs ?? 0), retryAfterSec };
  }
  if (input.outage) out.outage = { untilMs: input.outage.untilMs ?? now + (input.outage.forMs ?? 0) };
  return out;
}

/**
 * Holds the faults a sandbox injects. State is in memory on purpose: faults describe the
 * weather around the system, not its data, and a restart clearing them is what people expect.
 */
export function createFaultController(initial: FaultConfigInput = {}, opts: { clock?: Clock } = {}): FaultController {
  const clock = opts.clock ?? systemClock;
  let config: FaultConfig = {};
  let rng = prng(DEFAULT_SEED);
  const held = new Set<() => void>();

  function set(partial: FaultConfigInput): FaultConfig {
    const next: Record<string, unknown> = { ...config, ...resolveWindows(partial, clock.now()) };
    // null clears a window; undefined keys are dropped so get() stays minimal.
    for (const key of Object.keys(next)) if (next[key] === null || next[key] === undefined) delete next[key];
    config = next as FaultConfig;
    if (partial.seed !== undefined) rng = prng(partial.seed);
    return get();
  }

  function get(): FaultConfig {
    return structuredClone(config);
  }

  set(initial);
  return {
    get,
    set,
    reset() {
      config = {};
      rng = prng(DEFAULT_SEED);
    },
    random: () => rng.next(),
    abortHeld() {
      for (const release of [...held]) release();
      held.clear();
    },
    hold(release) {
      held.add(release);
      return () => held.delete(release);
    },
    clock,
  };
}
