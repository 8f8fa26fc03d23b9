import { useState } from 'react';
import type { DashboardData } from '../../../server/contracts/dashboard';
import { ErrorNote, Loading } from '../components/feedback';
import { Pill } from '../components/pill';
import { api, unwrap } from '../lib/api';
import { fmtAgo, fmtDateTime, fmtNumber } from '../lib/format';
import { href } from '../lib/route';
import { useResource } from '../lib/use-resource';
import { AlertsCard } from './alerts-card';
import { ErrorRateChart, ThroughputChart } from './charts';

/** Health at a glance: what went into Sage today, what waits, what is broken, and the trend. */
export function Dashboard() {
  const [range, setRange] = useState<'24h' | '7d'>('24h');
  const res = useResource(() => unwrap(api.dashboard.$get({ query: { range } })), [range], 10_000);
  const d = res.data;
  return (
    <section aria-labelledby="dash-title">
      <div className="section-head">
        <h1 id="dash-title" className="h1">Dashboard</h1>
        <div className="segmented" role="group" aria-label="Time range">
          {(['24h', '7d'] as const).map((r) => (
            <button key={r} type="button" className="btn btn-small" aria-pressed={range === r} onClick={() => setRange(r)}>
              {r === '24h' ? 'Last 24 hours' : 'Last 7 days'}
            </button>
          ))}
        </div>
      </div>
      {res.error && <ErrorNote error={res.error} onRetry={res.reload} />}
      <div className="cards" aria-busy={!d}>
        <Figure label="Synced to Sage today" value={d?.syncedToday} />
        <Figure label="Open exceptions" value={d?.openExceptions} link={href('app/exceptions')} tone={d && d.openExceptions > 0 ? 'warn' : undefined} />
        <Figure label="Waiting in queue" value={d?.queueDepth} hint={d?.oldestQueuedAt ? `oldest ${fmtAgo(d.oldestQueuedAt)}` : undefined} />
        <Figure label="Running now" value={d?.running} />
      </div>
      <AlertsCard />
      {!d ? <Loading label="Loading the dashboard" lines={8} height={420} /> : <DashboardBody d={d} />}
    </section>
  );
}

function Figure({ label, value, hint, link, tone }: { label: string; value?: number; hint?: string; link?: string; tone?: 'warn' }) {
  const body = (
    <>
      <span className="figure-value">{value === undefined ? '\u00a0' : fmtNumber(value)}</span>
      <span className="figure-label">{label}</span>
      <span className="figure-hint muted">{hint ?? '\u00a0'}</span>
    </>
  );
  return link
    ? <a className={`card figure ${tone ? `figure-${tone}` : ''}`} href={link}>{body}</a>
    : <div className={`card figure ${tone ? `figure-${tone}` : ''}`}>{body}</div>;
}

function DashboardBody({ d }: { d: DashboardData }) {
  const g = d.gateway;
  return (
    <>
      <div className="grid-2">
        <div className="card">
          <h2 className="h2">Throughput</h2>
          <ThroughputChart points={d.series.points} bucketMs={d.series.bucketMs} />
          <p className="legend"><span className="key key-ok" /> succeeded <span className="key key-fail" /> failed</p>
        </div>
        <div className="card">
          <h2 className="h2">Error rate</h2>
          <ErrorRateChart points={d.series.points} bucketMs={d.series.bucketMs} />
        </div>
      </div>
      <div className="grid-2">
        <div className="card">
          <h2 className="h2">Sage 100 gateway</h2>
          <p>
            <Pill tone={g.ok ? 'ok' : 'error'}>{g.ok ? 'Connected' : 'Not reachable'}</Pill>{' '}
            {g.company && <span>Company {g.company}</span>}{g.version && <span className="muted"> · {g.version}</span>}
          </p>
          {g.error && <p className="small">{g.error}</p>}
          <p className="muted small">Checked {fmtAgo(g.checkedAt)}{g.latencyMs != null ? ` · answered in ${g.latencyMs} ms` : ''}</p>
        </div>
        <div className="card">
          <h2 className="h2">Last poll per feed</h2>
          {d.feeds.length === 0 ? <p className="muted">No feed has been polled yet.</p> : (
            <table className="table compact">
              <thead><tr><th scope="col">Feed</th><th scope="col">Last poll</th><th scope="col">State</th></tr></thead>
              <tbody>
                {d.feeds.map((f) => (
                  <tr key={f.feed}>
                    <td>{f.feed}</td>
                    <td title={fmtDateTime(f.lastPollAt)}>{fmtAgo(f.lastPollAt)}</td>
                    <td>{f.consecutiveFailures > 0
                      ? <Pill tone="error" title={f.lastError ?? undefined}>{`failing ×${f.consecutiveFailures}`}</Pill>
                      : <Pill tone="ok">ok</Pill>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </div>
    </>
  );
}
