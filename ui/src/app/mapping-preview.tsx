import { useId, useState } from 'react';
import type { InferResponseType } from 'hono/client';
import { ErrorNote } from '../components/feedback';
import { Pill } from '../components/pill';
import { api, unwrap } from '../lib/api';
import { fmtDateTime, fmtJson } from '../lib/format';
import { useResource } from '../lib/use-resource';

/**
 * A dry run of a recent order with the saved mapping: the customer it would use, each SKU's item,
 * warnings and holds, and the Sage sales order beside the Clarity order. Nothing is written.
 */
type PreviewAnswer = InferResponseType<typeof api.mappings.preview.$post, 200>;

export function PreviewPanel({ dirty }: { dirty: boolean }) {
  const recent = useResource(() => unwrap(api.mappings['recent-orders'].$get()), []);
  const [orderId, setOrderId] = useState('');
  const [result, setResult] = useState<PreviewAnswer | null>(null);
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const selectId = useId();

  async function run() {
    setBusy(true);
    setError(undefined);
    try {
      setResult(await unwrap(api.mappings.preview.$post({ json: { orderId: orderId || undefined } })));
    } catch (err) {
      setError(err as Error);
      setResult(null);
    } finally {
      setBusy(false);
    }
  }

  const orders = recent.data?.orders ?? [];
  return (
    <section className="card preview" aria-labelledby="preview-title">
      <h2 id="preview-title" className="h2">Preview on a recent order</h2>
      <p className="muted small">
        {dirty ? 'The preview uses the saved mapping: save your changes first to see them here.' : 'Runs the order through the saved mapping and reads Sage; nothing is sent or saved.'}
      </p>
      <div className="filters">
        <div className="field inline grow">
          <label htmlFor={selectId}>Order</label>
          <select id={selectId} value={orderId} onChange={(e) => setOrderId(e.target.value)}>
            <option value="">The most recent order</option>
            {orders.map((o) => <option key={o.orderId} value={o.orderId}>{o.orderKey ?? o.orderId} · {fmtDateTime(o.receivedAt)}</option>)}
          </select>
        </div>
        <button type="button" className="btn" onClick={run} disabled={busy}>{busy ? 'Mapping…' : 'Preview'}</button>
      </div>
      {error && <ErrorNote error={error} />}
      <div aria-live="polite">{result && <PreviewResult r={result} />}</div>
    </section>
  );
}

function PreviewResult({ r }: { r: PreviewAnswer }) {
  const p = r.preview;
  return (
    <>
      <p>
        Order <strong>{p.orderKey ?? r.orderId}</strong>{' '}
        {!p.valid ? <Pill tone="error">Cannot be read</Pill> : p.wouldSend ? <Pill tone="ok">Would go to Sage</Pill> : <Pill tone="warn">Would be held</Pill>}
        {p.existing && <span className="muted small"> · already {p.existing.state}{p.existing.salesOrderNo ? ` as ${p.existing.salesOrderNo}` : ''}</span>}
      </p>
      {p.problems.length > 0 && <ul className="field-error">{p.problems.map((x, i) => <li key={i}>{x}</li>)}</ul>}
      {p.holds.length > 0 && (
        <ul className="warnings-list">{p.holds.map((h, i) => <li key={i}><strong>{h.message}</strong> {h.fix}</li>)}</ul>
      )}
      {p.customer && <p className="small">Customer: {p.customer.reason ?? p.customer.note ?? `${p.customer.action.replace(/_/g, ' ')} ${p.customer.arDivisionNo ?? ''}-${p.customer.customerNo ?? ''}`}</p>}
      {p.items.length > 0 && (
        <ul className="small">
          {p.items.map((i) => <li key={i.sku}>{i.sku} → {i.itemCode ?? <em>{i.problem ?? 'unknown'}</em>}{i.source && i.source !== 'same' ? ` (${i.source})` : ''}</li>)}
        </ul>
      )}
      {p.warnings.length > 0 && <ul className="warnings-list">{p.warnings.map((w, i) => <li key={i}>{w}</li>)}</ul>}
      <div className="side-by-side">
        <div><h3 className="h3">Clarity order</h3><pre className="code-view" tabIndex={0}>{fmtJson(r.source)}</pre></div>
        <div><h3 className="h3">Sage sales order</h3><pre className="code-view" tabIndex={0}>{p.salesOrder ? fmtJson(p.salesOrder) : 'None: see the reasons above.'}</pre></div>
      </div>
    </>
  );
}
