import { useMemo, useState } from 'react';
import type { ExceptionItem } from '../../../server/contracts/exceptions';
import { ConfirmDialog } from '../components/confirm-dialog';
import { Empty, ErrorNote, Loading } from '../components/feedback';
import { Pill } from '../components/pill';
import { api, unwrap } from '../lib/api';
import { toast } from '../lib/bridge';
import { fmtAgo, fmtDateTime } from '../lib/format';
import { href } from '../lib/route';
import { useResource } from '../lib/use-resource';

/** The exception list: filters, bulk select + retry; a row opens the detail with fix and retry. */
type StateFilter = 'open' | 'held' | 'dead';

export function Exceptions() {
  const [state, setState] = useState<StateFilter>('open');
  const [kind, setKind] = useState('');
  const [q, setQ] = useState('');
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const list = useResource(
    () => unwrap(api.exceptions.$get({ query: { state, kind: kind || undefined, q: query || undefined, limit: 100 } })),
    [state, kind, query],
    15_000,
  );
  const items = list.data?.items ?? [];
  const kinds = useMemo(() => [...new Set(items.map((i) => i.kind))].sort(), [items]);
  const allSelected = items.length > 0 && items.every((i) => selected.has(i.jobId));

  function toggle(id: string) {
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  }

  async function bulkRetry(reason: string) {
    setBusy(true);
    try {
      const r = await unwrap(api.exceptions.retry.$post({ json: { jobIds: [...selected], reason: reason || undefined } }));
      toast(`${r.done.length} queued for retry${r.skipped.length ? `, ${r.skipped.length} skipped` : ''}.`, r.skipped.length ? 'info' : 'success');
      setSelected(new Set());
      setConfirm(false);
      await list.reload();
    } catch (err) {
      toast(`Retry failed: ${(err as Error).message}`, 'error');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="exc-title">
      <div className="section-head">
        <h1 id="exc-title" className="h1">Exceptions</h1>
        <button type="button" className="btn btn-primary" disabled={selected.size === 0} onClick={() => setConfirm(true)}>
          Retry selected{selected.size ? ` (${selected.size})` : ''}
        </button>
      </div>
      <form className="filters" role="search" onSubmit={(e) => (e.preventDefault(), setQuery(q.trim()))}>
        <div className="field inline">
          <label htmlFor="exc-state">Show</label>
          <select id="exc-state" value={state} onChange={(e) => setState(e.target.value as StateFilter)}>
            <option value="open">All open</option>
            <option value="held">On hold (fix data, then retry)</option>
            <option value="dead">Failed</option>
          </select>
        </div>
        <div className="field inline">
          <label htmlFor="exc-kind">Kind</label>
          <select id="exc-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">Any</option>
            {kinds.map((k) => <option key={k} value={k}>{k}</option>)}
          </select>
        </div>
        <div className="field inline grow">
          <label htmlFor="exc-q">Order or reason</label>
          <input id="exc-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="e.g. 100234 or ZIP" />
        </div>
        <button type="submit" className="btn">Search</button>
      </form>
      {list.error && <ErrorNote error={list.error} onRetry={list.reload} />}
      {!list.data && !list.error && <Loading label="Loading exceptions" lines={6} height={240} />}
      {list.data && items.length === 0 && <Empty title="No exceptions">Every order and update went through. Problems that need you will show up here.</Empty>}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col" className="col-check">
                  <input type="checkbox" aria-label="Select all shown" checked={allSelected}
                    onChange={() => setSelected(allSelected ? new Set() : new Set(items.map((i) => i.jobId)))} />
                </th>
                <th scope="col">Order</th>
                <th scope="col">Reason</th>
                <th scope="col">State</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>{items.map((i) => <Row key={i.jobId} i={i} checked={selected.has(i.jobId)} onToggle={() => toggle(i.jobId)} />)}</tbody>
          </table>
        </div>
      )}
      <ConfirmDialog open={confirm} title={`Retry ${selected.size} exception${selected.size === 1 ? '' : 's'}?`} confirmLabel="Retry"
        busy={busy} askReason onCancel={() => setConfirm(false)} onConfirm={bulkRetry}>
        <p>Each runs again with its stored data and the mapping in force now. Ones that still break come back here.</p>
      </ConfirmDialog>
    </section>
  );
}

function Row({ i, checked, onToggle }: { i: ExceptionItem; checked: boolean; onToggle(): void }) {
  const label = i.orderId ? `Order ${i.orderId}` : i.kind;
  return (
    <tr>
      <td className="col-check"><input type="checkbox" checked={checked} onChange={onToggle} aria-label={`Select ${label}`} /></td>
      <td><a href={href(`app/exceptions/${i.jobId}`)}>{label}</a><div className="muted small">{i.kind}</div></td>
      <td className="reason">{i.reason}</td>
      <td><Pill tone={i.state === 'held' ? 'warn' : 'error'}>{i.state === 'held' ? 'On hold' : 'Failed'}</Pill></td>
      <td title={fmtDateTime(i.updatedAt)}>{fmtAgo(i.updatedAt)}</td>
    </tr>
  );
}
