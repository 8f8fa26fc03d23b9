import type { ReactNode } from 'react';

/**
 * A labelled form field with its hint and error below it. Inputs pass `describedBy(...)` so a
 * screen reader reads the hint and the error with the field.
 */
export function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: ReactNode }) {
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && <p id={`${id}-hint`} className="hint muted small">{hint}</p>}
      {error && <p id={`${id}-err`} className="field-error">{error}</p>}
    </div>
  );
}

export function describedBy(id: string, error: string | undefined, hasHint: boolean) {
  const by = [hasHint && `${id}-hint`, error && `${id}-err`].filter(Boolean).join(' ');
  return { 'aria-invalid': error ? true : undefined, 'aria-describedby': by || undefined };
}
