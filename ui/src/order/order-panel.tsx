import { useState } from 'react';
import type { OrderPanelData } from '../../../server/contracts/orders';
import { ConfirmDialog } from '../components/confirm-dialog';
import { CopyButton } from '../components/copy-button';
import { Empty, ErrorNote, Loading } from '../components/feedback';
import { ORDER_STATE_TEXT } from '../../../server/contracts/order-states';
import { Pill } from '../components/pill';
import { api, unwrap } from '../lib/api';
import { toast } from '../lib/bridge';
import { fmtAgo } from '../lib/format';
import { useResource } from '../lib/use-resource';
import { Timeline } from './timeline';

/** admin.order.detail: the order's Sage sales order, statuses, warnings, timeline and Resend. */
const BUSY_STATES = new Set(['not_seen', 'queued', 'retrying']);

export function OrderPanel({ orderId }: { orderId: string }) {
  const order = useResource(
    () => unwrap(api.orders[':id'].$get({ param: { id: orderId } })),
    [orderId],
    // Poll quickly while the order is on its way into Sage, slowly once it has settled.
    (d) => (!d || BUSY_STATES.has(d.appState) ? 1500 : 15_000),
  );
  const [confirming, setConfirming] = useState(false);
  const [sending, setSending] = useState(false);

  async function resend(reason: string) {
    setSending(true);
    try {
      await unwrap(api.orders[':id'].resend.$post({ param: { id: orderId }, json: { reason: reason || undefined } }));
      toast('Resend queued: the order goes to Sage again in a moment.', 'success');
      setConfirming(false);
      await order.reload();
    } catch (err) {
      toast(`Resend failed: ${(err as Error).message}`, 'error');
    } finally {
      setSending(false);
    }
  }

  return (
    <main className="panel" aria-busy={order.loading && !order.data}>
      {order.error && !order.data && <ErrorNote error={order.error} onRetry={order.reload} />}
      {!order.data && !order.error && <Loading label="Loading the order's Sage status" lines={5} height={260} />}
      {order.data && <PanelBody d={order.data} onResend={() => setConfirming(true)} />}
      <ConfirmDialog
        open={confirming}
        title="Send this order to Sage again?"
        confirmLabel="Resend"
        busy={sending}
        askReason
        onCancel={() => setConfirming(false)}
        onConfirm={resend}
      >
        <p>The stored order runs through mapping and the Sage checks again. If a Sage sales order already
          exists for it, no second order is created; the connector finds and links the existing one.</p>
      </ConfirmDialog>
    </main>
  );
}

function PanelBody({ d, onResend }: { d: OrderPanelData; onResend(): void }) {
  const state = ORDER_STATE_TEXT[d.appState];
  return (
    <>
      <section className="panel-head" aria-label="Sage sales order">
        <div className="so">
          <span className="label">Sage sales order</span>
          {d.salesOrderNo ? (
            <span className="so-line">
              <span className="so-number" data-testid="sales-order-no">{d.salesOrderNo}</span>
              <CopyButton value={d.salesOrderNo} label="Sage sales order number" />
            </span>
          ) : (
            <span className="so-number so-none">{d.appState === 'created' ? '—' : 'Not created yet'}</span>
          )}
        </div>
        <div className="panel-actions">
          <button type="button" className="btn" onClick={onResend} disabled={!d.canResend}
            title={d.canResend ? undefined : 'No stored copy of this order to send yet'}>
            Resend to Sage
          </button>
        </div>
      </section>

      <dl className="facts">
        <div><dt>In the app</dt><dd><Pill tone={state.tone}>{state.label}</Pill></dd></div>
        <div><dt>In Sage</dt><dd>{d.sageStatus ?? '—'}</dd></div>
        <div><dt>In Clarity</dt><dd>{d.clarityStatus ?? '—'}</dd></div>
        <div>
          <dt>Customer</dt>
          <dd>{d.customer.display ?? '—'}{d.customer.name ? <span className="muted"> · {d.customer.name}</span> : null}</dd>
        </div>
      </dl>

      {d.holdReason && (
        <div className="note note-warn" role="note">
          <strong>{d.appState === 'failed' ? 'Could not be sent: ' : 'On hold: '}</strong>{d.holdReason}
          <div className="muted small">Fix it in the Sage 100 Connector app, under Exceptions, then retry.</div>
        </div>
      )}
      {d.warnings.length > 0 && (
        <section aria-label="Warnings" className="warnings">
          <h2 className="h2">Warnings</h2>
          <ul>{d.warnings.map((w, i) => <li key={i}>{w}</li>)}</ul>
        </section>
      )}

      <section aria-label="Timeline">
        <h2 className="h2">Timeline <span className="muted small">updated {fmtAgo(d.updatedAt)}</span></h2>
        {d.timeline.length ? <Timeline entries={d.timeline} /> : (
          <Empty title="Nothing has happened yet">The connector has not received this order. Orders arrive within seconds of being placed.</Empty>
        )}
      </section>
    </>
  );
}
