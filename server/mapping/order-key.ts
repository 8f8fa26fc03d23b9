import { createHash } from 'node:crypto';
import type { ClarityOrder } from '../domain/clarity-order';
import { SAGE_LENGTHS } from '../domain/sage';
import type { MappingConfig } from './config';

/**
 * CustomerPONo carries the Clarity order's key: it is how a retry finds an order it may already
 * have created (Sage's index is ARDivisionNo + CustomerNo + CustomerPONo). So it must be the
 * same on every attempt and different for every order. A key of up to 15 characters is used as
 * it is. A longer one becomes its last 10 characters (where order numbers differ) followed by 5
 * characters of a SHA-256 checksum of the whole key in base 36: still recognizable, the same on
 * every run, and two long keys that share their last 10 characters still differ.
 */

export interface PoNumber {
  value: string;
  /** The Clarity key it came from. */
  key: string;
  derived: boolean;
  warning?: string;
}

export function clarityOrderKey(order: ClarityOrder, config: MappingConfig): string {
  const custom = order.CustomKey?.trim();
  const id = order.ID != null ? String(order.ID).trim() : '';
  return (config.order.keySource === 'CustomKey' ? custom || id : id || custom) ?? '';
}

export function derivePoNumber(key: string, max: number = SAGE_LENGTHS.CustomerPONo): string {
  if (key.length <= max) return key;
  const digest = createHash('sha256').update(key).digest();
  const check = (digest.readUInt32BE(0) % 36 ** 5).toString(36).toUpperCase().padStart(5, '0');
  return `${key.slice(-(max - 5))}${check}`;
}

export function customerPoNumber(order: ClarityOrder, config: MappingConfig): PoNumber {
  const key = clarityOrderKey(order, config);
  const value = derivePoNumber(key);
  if (value === key) return { value, key, derived: false };
  return {
    value,
    key,
    derived: true,
    warning: `Clarity order key "${key}" is longer than Sage's ${SAGE_LENGTHS.CustomerPONo}-character PO number; the Sage PO number is "${value}" (its last 10 characters and a checksum)`,
  };
}
