import { createContext, useContext, useId, useState, type ReactNode } from 'react';
import { Field, describedBy } from '../components/field';

/**
 * Form pieces for the mapping settings, bound to a draft object by path. Errors come from the
 * server's validation (validateMappingConfig) keyed by the same path ("payment.rules[0].paymentType").
 */
export type Path = Array<string | number>;

export function pathKey(path: Path): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out;
}

export function getIn(obj: unknown, path: Path): unknown {
  let cur = obj;
  for (const p of path) cur = cur == null ? undefined : (cur as Record<string | number, unknown>)[p];
  return cur;
}

export function setIn<T>(obj: T, path: Path, value: unknown): T {
  if (!path.length) return value as T;
  const [head, ...rest] = path;
  const base = (obj ?? (typeof head === 'number' ? [] : {})) as Record<string | number, unknown>;
  const copy = (Array.isArray(base) ? [...base] : { ...base }) as Record<string | number, unknown>;
  copy[head] = setIn(base[head], rest, value);
  return copy as T;
}

interface FormCtx {
  draft: unknown;
  set(path: Path, value: unknown): void;
  errors: Map<string, string>;
}
export const MappingForm = createContext<FormCtx>({ draft: {}, set: () => undefined, errors: new Map() });

function useField(path: Path) {
  const ctx = useContext(MappingForm);
  const key = pathKey(path);
  return { value: getIn(ctx.draft, path), set: (v: unknown) => ctx.set(path, v), error: ctx.errors.get(key), errors: ctx.errors, key };
}

/** Errors reported under a field's path or any path inside it (e.g. a whole rule row). */
function errorsUnder(errors: Map<string, string>, key: string): string[] {
  return [...errors].filter(([k]) => k === key || k.startsWith(`${key}.`) || k.startsWith(`${key}[`)).map(([, v]) => v);
}

export function TextField({ path, label, hint, placeholder, nullable, upper, maxLength }: {
  path: Path; label: string; hint?: string; placeholder?: string; nullable?: boolean; upper?: boolean; maxLength?: number;
}) {
  const f = useField(path);
  const id = useId();
  const v = f.value == null ? '' : String(f.value);
  return (
    <Field id={id} label={label} hint={hint} error={f.error}>
      <input id={id} value={v} placeholder={placeholder} maxLength={maxLength ? maxLength + 20 : undefined}
        {...describedBy(id, f.error, !!hint)}
        onChange={(e) => {
          const t = upper ? e.target.value.toUpperCase() : e.target.value;
          f.set(t === '' ? (nullable ? null : undefined) : t);
        }} />
    </Field>
  );
}

export function NumberField({ path, label, hint }: { path: Path; label: string; hint?: string }) {
  const f = useField(path);
  const id = useId();
  return (
    <Field id={id} label={label} hint={hint} error={f.error}>
      <input id={id} type="number" inputMode="decimal" min={0} step="any" value={f.value == null ? '' : String(f.value)}
        {...describedBy(id, f.error, !!hint)}
        onChange={(e) => f.set(e.target.value === '' ? undefined : Number(e.target.value))} />
    </Field>
  );
}

export function SelectField({ path, label, hint, options, onChange }: {
  path: Path; label: string; hint?: string; options: Array<[string, string]>; onChange?(v: string): void;
}) {
  const f = useField(path);
  const id = useId();
  return (
    <Field id={id} label={label} hint={hint} error={f.error}>
      <select id={id} value={String(f.value ?? '')} {...describedBy(id, f.error, !!hint)}
        onChange={(e) => (onChange ? onChange(e.target.value) : f.set(e.target.value))}>
        {options.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
      </select>
    </Field>
  );
}

export function CheckField({ path, label }: { path: Path; label: string }) {
  const f = useField(path);
  const id = useId();
  return (
    <div className="field check">
      <input id={id} type="checkbox" checked={f.value === true} onChange={(e) => f.set(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

export interface Column {
  key: string;
  label: string;
  placeholder?: string;
  upper?: boolean;
  options?: Array<[string, string]>;
}

/**
 * The frame both row editors share: legend, hint, a table whose last column removes a row, an
 * empty state, "Add a row", and the problems the server found under this field.
 */
function RowsFrame({ label, hint, headers, rowCount, onAdd, problems, children }: {
  label: string; hint?: string; headers: string[]; rowCount: number; onAdd(): void; problems: string[]; children: ReactNode;
}) {
  return (
    <fieldset className="rows">
      <legend>{label}</legend>
      {hint && <p className="hint muted small">{hint}</p>}
      <div className="table-wrap">
        <table className="table compact edit">
          <thead><tr>{headers.map((h) => <th key={h} scope="col">{h}</th>)}<th scope="col"><span className="sr-only">Remove</span></th></tr></thead>
          <tbody>
            {rowCount === 0 && <tr><td colSpan={headers.length + 1} className="muted">None yet.</td></tr>}
            {children}
          </tbody>
        </table>
      </div>
      <button type="button" className="btn btn-small" onClick={onAdd}>Add a row</button>
      {problems.length > 0 && <ul className="field-error">{problems.map((p, i) => <li key={i}>{p}</li>)}</ul>}
    </fieldset>
  );
}

/** A list of objects (rules) edited as table rows: add, change, remove. */
export function RowsField({ path, label, columns, newRow, hint }: { path: Path; label: string; columns: Column[]; newRow: Record<string, unknown>; hint?: string }) {
  const f = useField(path);
  const rows = Array.isArray(f.value) ? (f.value as Record<string, unknown>[]) : [];
  return (
    <RowsFrame label={label} hint={hint} headers={columns.map((c) => c.label)} rowCount={rows.length}
      onAdd={() => f.set([...rows, { ...newRow }])} problems={errorsUnder(f.errors, f.key)}>
            {rows.map((r, i) => (
              <tr key={i}>
                {columns.map((c) => (
                  <td key={c.key}>
                    <CellInput col={c} value={r[c.key]} label={`${c.label}, row ${i + 1}`} error={f.errors.get(`${f.key}[${i}].${c.key}`) ?? f.errors.get(`${f.key}[${i}]`)}
                      onChange={(v) => f.set(rows.map((row, j) => (j === i ? { ...row, [c.key]: v } : row)))} />
                  </td>
                ))}
                <td><button type="button" className="btn btn-small btn-quiet" aria-label={`Remove row ${i + 1}`} onClick={() => f.set(rows.filter((_, j) => j !== i))}>Remove</button></td>
              </tr>
            ))}
    </RowsFrame>
  );
}

function CellInput({ col, value, label, error, onChange }: { col: Column; value: unknown; label: string; error?: string; onChange(v: unknown): void }) {
  if (col.options) {
    return (
      <select aria-label={label} value={String(value ?? '')} aria-invalid={error ? true : undefined} onChange={(e) => onChange(e.target.value)}>
        {col.options.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
      </select>
    );
  }
  return (
    <input aria-label={label} value={value == null ? '' : String(value)} placeholder={col.placeholder} aria-invalid={error ? true : undefined}
      onChange={(e) => {
        const t = col.upper ? e.target.value.toUpperCase() : e.target.value;
        onChange(t === '' ? undefined : t);
      }} />
  );
}

/** A key → value map (Clarity status → action, SKU → item code), edited as rows. */
export function MapField({ path, label, keyLabel, valueLabel, valueOptions, upperValue, hint }: {
  path: Path; label: string; keyLabel: string; valueLabel: string; valueOptions?: Array<[string, string]>; upperValue?: boolean; hint?: string;
}) {
  const f = useField(path);
  const record = (f.value && typeof f.value === 'object' ? f.value : {}) as Record<string, unknown>;
  // Rows live here while typing, so a half-typed key that equals another does not merge rows.
  const [rows, setRows] = useState<Array<[string, string]>>(() => Object.entries(record).map(([k, v]) => [k, String(v ?? '')]));
  const commit = (next: Array<[string, string]>) => {
    setRows(next);
    f.set(Object.fromEntries(next.filter(([k]) => k.trim() !== '')));
  };
  return (
    <RowsFrame label={label} hint={hint} headers={[keyLabel, valueLabel]} rowCount={rows.length}
      onAdd={() => setRows([...rows, ['', valueOptions?.[0]?.[0] ?? '']])} problems={errorsUnder(f.errors, f.key)}>
            {rows.map(([k, v], i) => (
              <tr key={i}>
                <td><input aria-label={`${keyLabel}, row ${i + 1}`} value={k} onChange={(e) => commit(rows.map((r, j) => (j === i ? [e.target.value, r[1]] : r)))} /></td>
                <td>
                  {valueOptions ? (
                    <select aria-label={`${valueLabel}, row ${i + 1}`} value={v} onChange={(e) => commit(rows.map((r, j) => (j === i ? [r[0], e.target.value] : r)))}>
                      {valueOptions.map(([o, l]) => <option key={o} value={o}>{l}</option>)}
                    </select>
                  ) : (
                    <input aria-label={`${valueLabel}, row ${i + 1}`} value={v} aria-invalid={f.errors.has(`${f.key}.${k}`) ? true : undefined}
                      onChange={(e) => commit(rows.map((r, j) => (j === i ? [r[0], upperValue ? e.target.value.toUpperCase() : e.target.value] : r)))} />
                  )}
                </td>
                <td><button type="button" className="btn btn-small btn-quiet" aria-label={`Remove ${k || `row ${i + 1}`}`} onClick={() => commit(rows.filter((_, j) => j !== i))}>Remove</button></td>
              </tr>
            ))}
    </RowsFrame>
  );
}
