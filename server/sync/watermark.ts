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
  /** `${stampSeconds}|${key}` of rows handled inside the overlap window below the watermark. */
  seen: string[];
}

export interface WatermarkOptions {
  /** How far below the watermark each poll starts reading, for workstation clock drift. */
  overlapSeconds: number;
  /** Most seen entries kept; dropping some only costs re-handling rows, which handlers do idempotently. */
  maxSeen: number;
}

export const DEFAULT_WATERMARK_OPTIONS: WatermarkOptions = { overlapSeconds: 120, maxSeen: 10_000 };

/**
 * Tracks one poll: which rows are new (a key re-read at the same stamp is a duplicate; the same key
 * with a newer stamp is a new change), and where the watermark ends up.
 */
export class WatermarkTracker {
  private watermark: number | null;
  private readonly seen: Map<string, number>;

  constructor(state: WatermarkState, private readonly opts: WatermarkOptions = DEFAULT_WATERMARK_OPTIONS) {
    this.watermark = state.watermark;
    this.seen = new Map();
    for (const entry of state.seen) {
      const cut = entry.indexOf('|');
      if (cut > 0) this.seen.set(entry, Number(entry.slice(0, cut)));
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
    return stamp === null || !this.seen.has(`${stamp}|${key}`);
  }

  /** Records a handled row; rows without a stamp do not move the watermark. */
  mark(key: string, stamp: number | null): void {
    if (stamp === null) return;
    if (this.watermark === null || stamp > this.watermark) this.watermark = stamp;
    this.seen.set(`${stamp}|${key}`, stamp);
    // Prune as we go so a 100,000-row first sync does not keep every key in memory.
    if (this.seen.size > this.opts.maxSeen * 2) this.prune();
  }

  snapshot(): WatermarkState {
    this.prune();
    return { watermark: this.watermark, seen: [...this.seen.keys()] };
  }

  private prune(): void {
    if (this.watermark === null) return this.seen.clear();
    const floor = this.watermark - this.opts.overlapSeconds;
    for (const [entry, stamp] of this.seen) if (stamp < floor) this.seen.delete(entry);
    if (this.seen.size <= this.opts.maxSeen) return;
    // Keep the newest: those are the ones the next overlap read is sure to meet again.
    const kept = [...this.seen].sort((a, b) => b[1] - a[1]).slice(0, this.opts.maxSeen);
    this.seen.clear();
    for (const [entry, stamp] of kept) this.seen.set(entry, stamp);
  }
}
