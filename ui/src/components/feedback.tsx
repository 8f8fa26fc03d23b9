import type { ReactNode } from 'react';
import { ApiError } from '../lib/api';

/** Loading, empty and error states, each the size of what they stand in for. */
export function Skeleton({ lines = 3, height }: { lines?: number; height?: number }) {
  return (
    <div className="skeleton" aria-hidden="true" style={height ? { height } : undefined}>
      {Array.from({ length: lines }, (_, i) => <div key={i} className="skeleton-line" style={{ width: `${90 - i * 13}%` }} />)}
    </div>
  );
}

export function Loading({ label = 'Loading…', lines, height }: { label?: string; lines?: number; height?: number }) {
  return (
    <div role="status" aria-live="polite">
      <span className="sr-only">{label}</span>
      <Skeleton lines={lines} height={height} />
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      {children && <div className="muted">{children}</div>}
    </div>
  );
}

export function ErrorNote({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const status = error instanceof ApiError ? error.status : 0;
  const text = status === 401
    ? 'Your admin session could not be confirmed. Reload the page to sign in again.'
    : status === 0 && !(error instanceof ApiError)
      ? error.message
      : error.message || 'Something went wrong.';
  return (
    <div className="note note-error" role="alert">
      <span>{text}</span>
      {onRetry && <button type="button" className="btn btn-small" onClick={onRetry}>Try again</button>}
    </div>
  );
}
