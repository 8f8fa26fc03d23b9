import type { Clock } from '../../core/clock';

/**
 * SKU → Sage item answers, kept for a few minutes across jobs. Most orders repeat the same
 * products, and at Sage's pace a lookup per line per order would cost more gateway calls than
 * the create itself. Only found items are kept: an unknown SKU is asked again every time, so
 * adding the alias in Sage and retrying the order works at once. A retry of a held order skips
 * the cache entirely (the merchant may just have fixed the item).
 */
export class ItemCache<V> {
  private entries = new Map<string, { value: V; expiresAt: number }>();

  constructor(private clock: Clock, private ttlMs = 5 * 60_000, private maxEntries = 20_000) {}

  get(scope: string, sku: string): V | undefined {
    const key = `${scope}\u0000${sku}`;
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit.expiresAt <= this.clock.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return hit.value;
  }

  set(scope: string, sku: string, value: V): void {
    if (this.entries.size >= this.maxEntries) {
      // Maps iterate in insertion order: dropping the first entries drops the oldest.
      const drop = Math.ceil(this.maxEntries / 10);
      for (const k of this.entries.keys()) {
        this.entries.delete(k);
        if (this.entries.size <= this.maxEntries - drop) break;
      }
    }
    this.entries.set(`${scope}\u0000${sku}`, { value, expiresAt: this.clock.now() + this.ttlMs });
  }

  /** Forget one scope (a store's gateway changed) or everything. */
  clear(scope?: string): void {
    if (scope === undefined) return this.entries.clear();
    for (const k of this.entries.keys()) if (k.startsWith(`${scope}\u0000`)) this.entries.delete(k);
  }
}
