import type { Clock } from '../../core/clock';
import { createFaultController } from './controller';
import { FaultConfigError, validateFaultInput } from './schema';
import type { FaultConfig } from './types';

/**
 * Reads the SANDBOX_FAULTS variable: JSON of a FaultConfig, e.g.
 * `{"latencyMs":200,"routes":[{"match":"POST /SO/SalesOrder","errorRate":0.1}],"outage":{"forMs":60000}}`.
 * Empty or missing means no faults. `forMs` windows start now (on the given clock).
 */
export function parseFaultEnv(text?: string, clock?: Clock): FaultConfig {
  if (text === undefined || text.trim() === '') return {};
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new FaultConfigError(`SANDBOX_FAULTS is not valid JSON (${(err as Error).message}); expected e.g. {"latencyMs":200}`);
  }
  const input = validateFaultInput(json, 'SANDBOX_FAULTS');
  // A throwaway controller resolves forMs → untilMs exactly as set() would.
  return createFaultController(input, { clock }).get();
}
