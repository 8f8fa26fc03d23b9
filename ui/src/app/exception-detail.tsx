import { useEffect, useId, useState } from 'react';
import { ConfirmDialog } from '../components/confirm-dialog';
import { ErrorNote, Loading } from '../components/feedback';
import { Pill } from '../components/pill';
import { api, unwrap } from '../lib/api';
import { toast } from '../lib/bridge';
import { fmtDateTime, fmtJson } from '../lib/format';
import { href, navigate } from '../lib/route';
import { useResource } from '../lib/use-resource';

/**
 * One exception: the reason in plain words, the stored payload beside what the mapping made of
 * it, and the ways out: fix the payload and retry, retry as is, open the mappings, or cancel.
 */
export function ExceptionDetail({ jobId }: { jobId: string }) {
  const res = useResource(() => unwrap(api.exceptions[':jobId'].$get({ param: { jobId } })), [jobId]);
  const [text, setText] = useState('');
  const [parseError, setParseError] = useState<string | null>(null);
  const [busy, setBusy] = useState<null | 'save' | 'retry' | 'cancel'>(null);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const editorId = useId();
  const d = res.data;

  useEffect(() => {
    if (d) setText(fmtJson(d.payload));
  }, [d?.jobId, d?.deliveryId]);

  function parse(): object | null {
    try {
      const v = JSON.parse(text);
      if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('The payload must be a JSON object.');
      setParseError(null);
      return v;
    } catch (err) {
      setParseError(err instanceof SyntaxError ? `Not valid JSON: ${err.message}` : (err as Error).message);
      return null;
    }
  }

  async function act(kind: 'save' | 'retry' | 'cancel', reason = '') {
    setBusy(kind);
    try {
      if (kind === 'save') {
        const payload = parse();
        if (!payload) return;
        await unwrap(api.exceptions[':jobId'].payload.$put({ param: { jobId }, json: { payload } }));
        toast('Fix saved; the order is being sent again.', 'success');
      } else if (kind === 'retry') {
        await unwrap(api.exceptions[':jobId'].retry.$post({ param: { jobId }, json: {} }));
        toast('Queued for retry.', 'success');
      } else {
        await unwrap(api.exceptions[':jobId'].cancel.$post({ param: { jobId }, json: { reason: reason || undefined } }));
        toast('Cancelled. It will not be sent to Sage.', 'info');
        setConfirmCancel(false);
      }
      navigate('app/exceptions');
    } catch (err) {
      toast(`${kind === 'cancel' ? 'Cancel' : 'Retry'} failed: ${(err as Error).message}`, 'error');
    } finally {
      setBusy(null);
    }
  }

  const changed = d ? text !== fmtJson(d.payload) : false;
  return (
    <section aria-labelledby="exd-title">
      <p><a href={href('app/exceptions')}>← All exceptions</a></p>
      {res.error && <ErrorNote error={res.error} onRetry={res.reload} />}
      {!d && !res.error && <Loading label="Loading the exception" lines={8} height={420} />}
      {d && (
        <>
          <div className="section-head">
            <h1 id="exd-title" className="h1">{d.orderId ? `Order ${d.orderId}` : d.kind}</h1>
            <Pill tone={d.state === 'held' ? 'warn' : 'error'}>{d.state === 'held' ? 'On hold' : 'Failed'}</Pill>
          </div>
          <div className="note note-warn" role="note">
            <strong>What went wrong: </strong>{d.reason}
            {d.field && <div className="small">Field: <code>{d.field}</code></div>}
            <div className="muted small">{d.attempts} attempt{d.attempts === 1 ? '' : 's'} · last {fmtDateTime(d.updatedAt)}{d.errorCode ? ` · code ${d.errorCode}` : ''}</div>
          </div>
          <div className="side-by-side">
            <div className="card">
              <label className="h2" htmlFor={editorId}>Stored payload (edit to fix)</label>
              <textarea id={editorId} className="code-edit" spellCheck={false} value={text}
                aria-invalid={parseError ? true : undefined} aria-describedby={parseError ? `${editorId}-err` : undefined}
                onChange={(e) => setText(e.target.value)} onBlur={() => changed && parse()} />
              {parseError && <p id={`${editorId}-err`} className="field-error" role="alert">{parseError}</p>}
            </div>
            <div className="card">
              <h2 className="h2">Mapped for Sage</h2>
              {d.mapped ? <pre className="code-view" tabIndex={0}>{fmtJson(d.mapped)}</pre>
                : <p className="muted">The order did not get as far as the mapping. Fix the payload or the mappings, then retry.</p>}
            </div>
          </div>
          <div className="actions-row">
            <button type="button" className="btn btn-primary" disabled={!!busy || !changed} onClick={() => act('save')}>
              {busy === 'save' ? 'Saving…' : 'Save fix and retry'}
            </button>
            <button type="button" className="btn" disabled={!!busy} onClick={() => act('retry')}>{busy === 'retry' ? 'Queuing…' : 'Retry as is'}</button>
            <a className="btn" href={href('app/mappings')}>Open mappings</a>
            <button type="button" className="btn btn-danger-quiet" disabled={!!busy} onClick={() => setConfirmCancel(true)}>Cancel job</button>
          </div>
          {d.attemptsLog.length > 0 && (
            <details className="card">
              <summary>Attempts ({d.attemptsLog.length})</summary>
              <ol className="attempts">
                {d.attemptsLog.map((a) => <li key={a.attemptNo}>#{a.attemptNo} · {fmtDateTime(a.startedAt)} · {a.outcome}{a.message ? ` · ${a.message}` : ''}</li>)}
              </ol>
            </details>
          )}
          <ConfirmDialog open={confirmCancel} title="Cancel this job?" confirmLabel="Cancel job" danger busy={busy === 'cancel'} askReason
            onCancel={() => setConfirmCancel(false)} onConfirm={(r) => act('cancel', r)}>
            <p>It leaves the exception list and is not sent to Sage. The order can still be resent from its page later.</p>
          </ConfirmDialog>
        </>
      )}
    </section>
  );
}
