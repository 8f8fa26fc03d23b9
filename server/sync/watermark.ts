/**
 * Change-feed watermarks over Sage stamps (server/core/sage-time.ts has the conversions, re-exported
 * here): each poll reads from the watermark minus an overlap, because workstation clocks drift, and
 * skips the rows it already handled.
 */
export {
  decimalHoursToSeconds, isoToSeconds, sageDateToSeconds, sageStampToSeconds, secondsToDecimalHours, secondsToIso,
  secondsToSageStamp,
} from '../core/sage-time';

export interface WatermarkState {
  /** Stamp seconds of the newest change handled, or null before the first poll. */
  watermark: number | null;
  /**
   * Rows handled inside the overlap window below the watermark, grouped by stamp: `#<stamp>`
   * followed by the keys handled at that stamp (older `<stamp>|<key>` entries are read too).
   */
  seen: string[];
}

export interface WatermarkOptions {
  /** How far below the watermark each poll starts reading, for workstation clock drift. */
  overlapSeconds: number;
  /**
   * Most seen entries kept; dropping some only costs re-handling rows, which handlers do
   * idempotently. Large enough for a mass update of 100,000 rows within one overlap (~10 MB).
   */
  maxSeen: number;
}

export const DEFAULT_WATERMARK_OPTIONS: WatermarkOptions = { overlapSeconds: 120, maxSeen: 200_000 };

/**
 * Tracks one poll: which rows are new (a key re-read at the same stamp is a duplicate; the same key
 * with a newer stamp is a new change), and where the watermark ends up.
 */
export class WatermarkTracker {
  private watermark: number | null;
  /** Keys handled, per stamp: no string is built per row to look one up. */
  private readonly seen = new Map<number, Set<string>>();
  private size = 0;

  constructor(state: WatermarkState, private readonly opts: WatermarkOptions = DEFAULT_WATERMARK_OPTIONS) {
    this.watermark = state.watermark;
    let stamp: number | null = null;
    for (const entry of state.seen) {
      if (entry.startsWith('#') && /^#\d+$/.test(entry)) {
        stamp = Number(entry.slice(1));
      } else if (stamp !== null) {
        this.add(stamp, entry);
      } else {
        const cut = entry.indexOf('|');
        if (cut > 0) this.add(Number(entry.slice(0, cut)), entry.slice(cut + 1));
      }
    }
  }

  /** Where to read from: the watermark minus the overlap (null = from the beginning). */
  readFrom(): number | null {
    return this.watermark === null ? null : Math.max(0, this.watermark - this.opts.overlapSeconds);
  }

  current(): number | null {
    return this.watermark;
  }

  isNew(key: string, stamp: number | null): boolean {
    return stamp === null || !this.seen.get(stamp)?.has(key);
  }

  /** Records a handled row; rows without a stamp do not move the watermark. */
  mark(key: string, stamp: number | null): void {
    if (stamp === null) return;
    if (this.watermark === null || stamp > this.watermark) this.watermark = stamp;
    this.add(stamp, key);
    // Prune as we go so a long first read does not keep every key in memory.
    if (this.size > this.opts.maxSeen * 2) this.prune();
  }

  snapshot(): WatermarkState {
    this.prune();
    const seen: string[] = [];
    for (const stamp of [...this.seen.keys()].sort((a, b) => a - b)) seen.push(`#${stamp}`, ...this.seen.get(stamp)!);
    return { watermark: this.watermark, seen };
  }

  private add(stamp: number, key: string): void {
    let keys = this.seen.get(stamp);
    if (!keys) this.seen.set(stamp, (keys = new Set()));
    const before = keys.size;
    keys.add(key);
    this.size += keys.size - before;
  }

  private prune(): void {
    if (this.watermark === null) {
      this.seen.clear();
      this.size = 0;
      return;
    }
    const floor = this.watermark - this.opts.overlapSeconds;
    for (const [stamp, keys] of this.seen) {
      if (stamp >= floor) continue;
      this.size -= keys.size;
      this.seen.delete(stamp);
    }
    // Over the cap: drop the oldest stamps first; the newest are the ones the next read meets again.
    const stamps = [...this.seen.keys()].sort((a, b) => a - b);
    for (const stamp of stamps) {
      if (this.size <= this.opts.maxSeen) break;
      const keys = this.seen.get(stamp)!;
      const excess = this.size - this.opts.maxSeen;
      if (keys.size <= excess) {
        this.seen.delete(stamp);
        this.size -= keys.size;
      } else {
        let n = 0;
        for (const k of keys) {
          if (n++ >= excess) break;
          keys.delete(k);
        }
        this.size -= excess;
      }
    }
  }
}
