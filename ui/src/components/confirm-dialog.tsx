import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

/**
 * A confirmation built on the native <dialog>: modal, focus moves into it and back, Escape
 * cancels. An optional reason field feeds the audit trail.
 */
export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busy?: boolean;
  danger?: boolean;
  askReason?: boolean;
  onConfirm(reason: string): void;
  onCancel(): void;
}

export function ConfirmDialog(p: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const titleId = useId();
  const reasonId = useId();

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (p.open && !d.open) {
      setReason('');
      const opener = document.activeElement;
      d.showModal();
      placeNear(d, opener);
    } else if (!p.open && d.open) d.close();
  }, [p.open]);

  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} onCancel={(e) => (e.preventDefault(), p.onCancel())}>
      <form method="dialog" onSubmit={(e) => (e.preventDefault(), p.onConfirm(reason.trim()))}>
        <h2 id={titleId} className="dialog-title">{p.title}</h2>
        <div className="dialog-body">{p.children}</div>
        {p.askReason && (
          <div className="field">
            <label htmlFor={reasonId}>Reason <span className="muted">(optional, kept in the audit trail)</span></label>
            <input id={reasonId} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
          </div>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={p.onCancel} disabled={p.busy}>Cancel</button>
          <button type="submit" className={p.danger ? 'btn btn-danger' : 'btn btn-primary'} disabled={p.busy} autoFocus>
            {p.busy ? 'Working…' : p.confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/**
 * The panel's frame grows with its content, so the middle of the frame (where a modal dialog
 * centers) can be far below the host page's screen. The dialog goes where the person just
 * clicked instead: that control was on screen.
 */
function placeNear(d: HTMLDialogElement, opener: Element | null) {
  if (!(opener instanceof HTMLElement) || opener === document.body) return;
  const r = opener.getBoundingClientRect();
  const h = d.offsetHeight;
  const top = Math.max(8, Math.min(r.top + r.height / 2 - h / 2, window.innerHeight - h - 8));
  Object.assign(d.style, { top: `${Math.round(top)}px`, bottom: 'auto', marginTop: '0', marginBottom: '0' });
}
