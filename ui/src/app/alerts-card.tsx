import type { AlertView } from '../../../server/contracts/alerts';
import { ErrorNote, Skeleton } from '../components/feedback';
import { Pill } from '../components/pill';
import { api, unwrap } from '../lib/api';
import { fmtAgo, fmtDateTime } from '../lib/format';
import { useResource } from '../lib/use-resource';

/**
 * The store's alerts on the dashboard: what stays broken now (open, newest first), then what was
 * broken lately and mended itself. Alerts open and close on their own; nothing here acts.
 */
export function AlertsCard() {
  const res = useResource(() => unwrap(api.alerts.$get({ query: { resolved: '5' } })), [], 15_000);
  const d = res.data;
  const open = d?.items.filter((a) => a.resolvedAt === null) ?? [];
  const resolved = d?.items.filter((a) => a.resolvedAt !== null) ?? [];
  return (
    <div className={`card alerts-card ${open.length ? 'alerts-open' : ''}`} aria-labelledby="alerts-title" role="region">
      <h2 id="alerts-title" className="h2">Alerts {d && <Pill tone={open.length ? 'error' : 'ok'}>{open.length ? `${open.length} open` : 'none open'}</Pill>}</h2>
      {res.error && <ErrorNote error={res.error} onRetry={res.reload} />}
      {!d ? <Skeleton lines={2} /> : (
        <>
          {open.length === 0 && <p className="muted">Nothing stays broken: feeds, the Sage gateway, the queue and webhooks all look fine.</p>}
          <ul className="alerts">{open.map((a) => <AlertItem key={a.id} a={a} />)}</ul>
          {resolved.length > 0 && (
            <details className="alerts-resolved">
              <summary className="small">Resolved lately ({resolved.length})</summary>
              <ul className="alerts">{resolved.map((a) => <AlertItem key={a.id} a={a} />)}</ul>
            </details>
          )}
        </>
      )}
    </div>
  );
}

function AlertItem({ a }: { a: AlertView }) {
  const when = a.resolvedAt === null
    ? `since ${fmtAgo(a.openedAt)}${a.count > 1 ? ` · seen ${a.count}×, last ${fmtAgo(a.lastAt)}` : ''}`
    : `resolved ${fmtAgo(a.resolvedAt)}`;
  return (
    <li>
      <strong>{a.title}</strong>
      <div className={a.resolvedAt === null ? undefined : 'muted'}>{a.message}</div>
      <div className="muted small" title={fmtDateTime(a.openedAt)}>{when}</div>
    </li>
  );
}
