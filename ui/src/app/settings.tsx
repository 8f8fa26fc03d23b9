import { useEffect, useId, useState, type FormEvent } from 'react';
import { ErrorNote, Loading } from '../components/feedback';
import { Field, describedBy } from '../components/field';
import { Pill } from '../components/pill';
import { ApiError, api, unwrap } from '../lib/api';
import { toast } from '../lib/bridge';
import { fmtDateTime } from '../lib/format';
import { useResource } from '../lib/use-resource';

/** The Sage gateway: URL, company and API key (write-only), with a test of the connection. */
export function Settings() {
  const res = useResource(() => unwrap(api.settings.gateway.$get()), []);
  const [url, setUrl] = useState('');
  const [company, setCompany] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<null | 'save' | 'test'>(null);
  const [test, setTest] = useState<{ ok: boolean; text: string } | null>(null);
  const ids = { url: useId(), company: useId(), key: useId() };
  const d = res.data;

  useEffect(() => {
    if (!d) return;
    setUrl(d.gatewayUrl ?? '');
    setCompany(d.company ?? '');
  }, [d]);

  function fieldErrors(err: unknown) {
    if (err instanceof ApiError && err.issues.length) {
      setErrors(Object.fromEntries(err.issues.map((i) => [i.path.split('.')[0], i.message])));
    } else toast((err as Error).message, 'error');
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy('save');
    setErrors({});
    try {
      await unwrap(api.settings.gateway.$put({ json: { gatewayUrl: url, company, apiKey: apiKey || undefined } }));
      setApiKey('');
      toast('Gateway settings saved.', 'success');
      await res.reload();
    } catch (err) {
      fieldErrors(err);
    } finally {
      setBusy(null);
    }
  }

  async function testConnection() {
    setBusy('test');
    setTest(null);
    setErrors({});
    try {
      const r = await unwrap(api.settings.gateway.test.$post({ json: { gatewayUrl: url || undefined, company: company || undefined, apiKey: apiKey || undefined } }));
      setTest(r.ok
        ? { ok: true, text: `Connected: Sage is ${r.sage ?? 'up'}, company ${r.company ?? company}${r.version ? `, version ${r.version}` : ''} (${r.latencyMs} ms).` }
        : { ok: false, text: r.error ?? 'The gateway did not answer.' });
    } catch (err) {
      fieldErrors(err);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section aria-labelledby="set-title">
      <h1 id="set-title" className="h1">Settings</h1>
      {res.error && <ErrorNote error={res.error} onRetry={res.reload} />}
      {!d && !res.error && <Loading label="Loading settings" lines={5} height={300} />}
      {d && (
        <form className="card form" onSubmit={save} noValidate>
          <h2 className="h2">Sage 100 gateway</h2>
          <p className="muted small">
            {{ store: 'Your own gateway settings are in force.', environment: 'Using the server’s default gateway until you save your own.',
              demo: 'Demo mode: using the Sage 100 sandbox until you save a gateway of your own.', none: 'No gateway is set up yet.' }[d.source]}
            {d.updatedAt ? ` Last changed ${fmtDateTime(d.updatedAt)}.` : ''}
          </p>
          <Field id={ids.url} label="Gateway URL" error={errors.gatewayUrl}>
            <input id={ids.url} type="url" value={url} {...describedBy(ids.url, errors.gatewayUrl, false)} onChange={(e) => setUrl(e.target.value)} required placeholder="https://sage-gateway.example:8443" />
          </Field>
          <Field id={ids.company} label="Company code" error={errors.company} hint="Three characters, as in Sage (e.g. ABC).">
            <input id={ids.company} value={company} {...describedBy(ids.company, errors.company, true)} maxLength={3} onChange={(e) => setCompany(e.target.value.toUpperCase())} required autoComplete="off" />
          </Field>
          <Field id={ids.key} label="API key" error={errors.apiKey} hint={d.apiKeySet ? 'A key is set. Leave empty to keep it; type a new one to replace it.' : 'No key is set.'}>
            <input id={ids.key} type="password" value={apiKey} {...describedBy(ids.key, errors.apiKey, true)} onChange={(e) => setApiKey(e.target.value)} autoComplete="new-password"
              placeholder={d.apiKeySet ? '•••••••• (set)' : ''} />
          </Field>
          <div className="actions-row">
            <button type="submit" className="btn btn-primary" disabled={!!busy}>{busy === 'save' ? 'Saving…' : 'Save'}</button>
            <button type="button" className="btn" disabled={!!busy} onClick={testConnection}>{busy === 'test' ? 'Testing…' : 'Test connection'}</button>
          </div>
          <div role="status" aria-live="polite" className="test-result">
            {test && <><Pill tone={test.ok ? 'ok' : 'error'}>{test.ok ? 'OK' : 'Failed'}</Pill> {test.text}</>}
          </div>
        </form>
      )}
    </section>
  );
}
