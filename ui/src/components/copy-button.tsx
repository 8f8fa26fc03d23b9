import { useState } from 'react';
import { toast } from '../lib/bridge';

/** Copies a value (the Sage order number) and says so, for sighted and screen-reader users alike. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // Frames without clipboard permission: fall back to a selection copy.
      const t = document.createElement('textarea');
      t.value = value;
      document.body.appendChild(t);
      t.select();
      document.execCommand('copy');
      t.remove();
    }
    setCopied(true);
    toast(`Copied ${value}`, 'success');
    setTimeout(() => setCopied(false), 1500);
  }
  return (
    <button type="button" className="btn btn-small" onClick={copy} aria-label={`Copy ${label} ${value}`}>
      {copied ? 'Copied' : 'Copy'}
      <span className="sr-only" aria-live="polite">{copied ? `${label} copied` : ''}</span>
    </button>
  );
}
