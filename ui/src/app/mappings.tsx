import { useEffect, useState } from 'react';
import { ErrorNote, Loading } from '../components/feedback';
import { ApiError, api, unwrap } from '../lib/api';
import { toast } from '../lib/bridge';
import { fmtDateTime } from '../lib/format';
import { useResource } from '../lib/use-resource';
import { MappingForm, setIn, type Path } from './mapping-fields';
import { PreviewPanel } from './mapping-preview';
import { ChargesSection, ItemsSection, PaymentSection, PoliciesSection, ShipViaSection, StatusSection } from './mapping-sections';

/**
 * Mapping settings: a form over the config in force, validated by the server on save (problems
 * shown beside their fields), and a preview of what a recent order would become with the draft.
 */

export function Mappings() {
  const res = useResource(() => unwrap(api.mappings.$get()), []);
  const [draft, setDraft] = useState<Record<string, unknown> | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const d = res.data;

  useEffect(() => {
    if (d) {
      setDraft(d.config as Record<string, unknown>);
      setFormKey((k) => k + 1);
    }
  }, [d]);

  const dirty = !!d && !!draft && JSON.stringify(draft) !== JSON.stringify(d.config);

  function showProblems(err: unknown) {
    if (err instanceof ApiError && err.issues.length) {
      setErrors(new Map(err.issues.map((i) => [i.path, i.message])));
      setProblems(err.issues.map((i) => `${i.path}: ${i.message}`));
    } else {
      setProblems([(err as Error).message]);
    }
  }

  async function save() {
    if (!draft || !d) return;
    setSaving(true);
    setErrors(new Map());
    setProblems([]);
    try {
      await unwrap(api.mappings.$put({ json: { config: draft, baseVersion: d.version } }));
      toast('Mapping saved. New orders use it from now on.', 'success');
      await res.reload();
    } catch (err) {
      showProblems(err);
      if (err instanceof ApiError && err.status === 409) toast('Someone else changed the mapping. Reload to see their version.', 'error');
    } finally {
      setSaving(false);
    }
  }

  return (
    <section aria-labelledby="map-title">
      <div className="section-head">
        <h1 id="map-title" className="h1">Mappings</h1>
        {d && <span className="muted small">Version {d.version}{d.updatedAt ? ` · saved ${fmtDateTime(d.updatedAt)}${d.actor ? ` by ${d.actor}` : ''}` : ' · defaults'}</span>}
      </div>
      {res.error && <ErrorNote error={res.error} onRetry={res.reload} />}
      {!draft && !res.error && <Loading label="Loading mappings" lines={10} height={640} />}
      {draft && (
        <MappingForm.Provider value={{ draft, errors, set: (p: Path, v: unknown) => setDraft((cur) => setIn(cur, p, v)) }}>
          <form key={formKey} className="mapping-form" onSubmit={(e) => (e.preventDefault(), void save())} noValidate>
            {problems.length > 0 && (
              <div className="note note-error" role="alert">
                <strong>The mapping was not saved:</strong>
                <ul>{problems.map((p, i) => <li key={i}>{p}</li>)}</ul>
              </div>
            )}
            <StatusSection />
            <PaymentSection />
            <ShipViaSection />
            <ItemsSection />
            <ChargesSection />
            <PoliciesSection />
            <div className="sticky-actions">
              <button type="submit" className="btn btn-primary" disabled={saving || !dirty}>{saving ? 'Saving…' : 'Save mapping'}</button>
              <button type="button" className="btn" disabled={saving || !dirty} onClick={() => { setDraft(d!.config as Record<string, unknown>); setFormKey((k) => k + 1); setErrors(new Map()); setProblems([]); }}>Discard changes</button>
              {dirty && <span className="muted small">Unsaved changes</span>}
            </div>
          </form>
          <PreviewPanel dirty={dirty} />
        </MappingForm.Provider>
      )}
    </section>
  );
}
