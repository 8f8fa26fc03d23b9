import { useEffect, useState } from 'react';
import type { AuditEntry } from '../../../server/contracts/audit';
import { Empty, ErrorNote, Loading } from '../components/feedback';
import { api, unwrap } from '../lib/api';
import { fmtDateTime, fmtJson } from '../lib/format';

/** The audit trail: every merchant action and configuration change, newest first, paged. */
const ACTIONS: Record<string, string> = {
  'delivery.replay': 'Order resent',
  'job.retry': 'Retried',
  'exception.fix': 'Payload fixed',
  'job.cancel': 'Cancelled',
  'job.cancel_requested': 'Cancel requested',
  'mapping.update': 'Mapping changed',
  'settings.gateway.update': 'Gateway settings changed',
  'app.installed': 'App installed',
  'app.reinstalled': 'App reinstalled',
  'app.uninstalled': 'App uninstalled',
};

export function Audit() {
  const [items, setItems] = useState<AuditEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [state, setState] = useState<'loading' | 'idle' | 'more'>('loading');
  const [error, setError] = useState<Error>();
  const [action, setAction] = useState('');

  async function load(from: string | null) {
    setState(from ? 'more' : 'loading');
    try {
      const page = await unwrap(api.audit.$get({ query: { cursor: from ?? undefined, limit: 50, action: action || undefined } }));
      setItems((prev) => (from ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setError(undefined);
    } catch (err) {
      setError(err as Error);
    } finally {
      setState('idle');
    }
  }

  useEffect(() => {
    void load(null);
  }, [action]);

  return (
    <section aria-labelledby="audit-title">
      <div className="section-head">
        <h1 id="audit-title" className="h1">Audit trail</h1>
        <div className="field inline">
          <label htmlFor="audit-action">Action</label>
          <select id="audit-action" value={action} onChange={(e) => setAction(e.target.value)}>
            <option value="">All</option>
            {Object.entries(ACTIONS).map(([v, l]) => <option key={v} value={v}>{l}</option>)}
          </select>
        </div>
      </div>
      {error && <ErrorNote error={error} onRetry={() => load(null)} />}
      {state === 'loading' && <Loading label="Loading the audit trail" lines={8} height={320} />}
      {state !== 'loading' && !error && items.length === 0 && <Empty title="Nothing recorded yet">Changes and actions by anyone on your team appear here.</Empty>}
      {state !== 'loading' && items.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Record</th><th scope="col">Details</th></tr></thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id}>
                  <td className="nowrap">{fmtDateTime(e.at)}</td>
                  <td>{e.actor}</td>
                  <td>{ACTIONS[e.action] ?? e.action}<div className="muted small">{e.action}</div>{e.reason && <div className="muted small">“{e.reason}”</div>}</td>
                  <td>{e.subject ?? '—'}</td>
                  <td>{e.detail != null ? <details><summary>Show</summary><pre className="code-view small">{fmtJson(e.detail)}</pre></details> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {cursor && (
        <p><button type="button" className="btn" onClick={() => load(cursor)} disabled={state === 'more'}>{state === 'more' ? 'Loading…' : 'Load older entries'}</button></p>
      )}
    </section>
  );
}
