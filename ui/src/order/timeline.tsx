import type { TimelineEntry } from '../../../server/contracts/orders';
import { fmtDateTime, fmtJson, fmtTimeSec } from '../lib/format';

/** Every step the connector took for the order, newest first; details are shown as text. */
const LEVEL_LABEL = { info: 'Done', warn: 'Warning', error: 'Problem' } as const;

export function stepLabel(step: string): string {
  const words = step.replace(/[._-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  const sorted = [...entries].sort((a, b) => b.at - a.at || b.id - a.id);
  return (
    <ol className="timeline" aria-label="What the connector did with this order">
      {sorted.map((e) => (
        <li key={e.id} className={`timeline-item level-${e.level}`}>
          <span className="timeline-dot" aria-hidden="true" />
          <div className="timeline-main">
            <div className="timeline-head">
              <span className="timeline-step">{stepLabel(e.step)}</span>
              <span className="sr-only">{LEVEL_LABEL[e.level]}</span>
              <time className="muted" dateTime={new Date(e.at).toISOString()} title={fmtDateTime(e.at)}>{fmtTimeSec(e.at)}</time>
            </div>
            <p className="timeline-msg">{e.message}</p>
            {e.detail != null && (
              <details className="timeline-detail">
                <summary>Details</summary>
                <pre>{fmtJson(e.detail)}</pre>
              </details>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}
