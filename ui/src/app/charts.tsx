import type { SeriesPoint } from '../../../server/contracts/dashboard';
import { fmtNumber, fmtTime } from '../lib/format';

/**
 * Two small charts drawn as inline SVG: jobs per interval (succeeded and failed, stacked) and the
 * error rate. A viewBox keeps them fluid from 360 px to 1400 px; each carries a text summary for
 * screen readers.
 */
const W = 600;
const H = 160;
const PAD = { l: 36, r: 8, t: 8, b: 22 };

function axisTicks(points: SeriesPoint[], bucketMs: number) {
  if (!points.length) return [];
  const step = Math.max(1, Math.floor(points.length / 6));
  const days = bucketMs >= 3_600_000 * 3;
  return points
    .map((p, i) => ({ i, label: days ? new Date(p.at).toLocaleDateString(undefined, { month: 'short', day: 'numeric' }) : fmtTime(p.at) }))
    .filter((_, i) => i % step === 0);
}

function niceMax(v: number) {
  if (v <= 4) return 4;
  const mag = 10 ** Math.floor(Math.log10(v));
  return Math.ceil(v / mag) * mag;
}

export function ThroughputChart({ points, bucketMs }: { points: SeriesPoint[]; bucketMs: number }) {
  const max = niceMax(Math.max(0, ...points.map((p) => p.succeeded + p.failed)));
  const innerW = W - PAD.l - PAD.r;
  const innerH = H - PAD.t - PAD.b;
  const bw = points.length ? innerW / points.length : innerW;
  const y = (v: number) => PAD.t + innerH - (v / max) * innerH;
  const total = points.reduce((s, p) => s + p.succeeded, 0);
  const failed = points.reduce((s, p) => s + p.failed, 0);
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="chart" role="img" aria-label={`Jobs over time: ${fmtNumber(total)} succeeded, ${fmtNumber(failed)} failed`}>
      <line x1={PAD.l} x2={W - PAD.r} y1={y(0)} y2={y(0)} className="chart-axis" />
      <line x1={PAD.l} x2={W - PAD.r} y1={y(max)} y2={y(max)} className="chart-grid" />
      <text x={PAD.l - 4} y={y(max) + 4} className="chart-label" textAnchor="end">{fmtNumber(max)}</text>
      <text x={PAD.l - 4} y={y(0)} className="chart-label" textAnchor="end">0</text>
      {points.map((p, i) => {
        const x = PAD.l + i * bw + bw * 0.12;
        const w = Math.max(1, bw * 0.76);
        return (
          <g key={p.at}>
            <title>{`${fmtTime(p.at)}: ${p.succeeded} succeeded, ${p.failed} failed`}</title>
            <rect x={x} width={w} y={y(p.succeeded)} height={y(0) - y(p.succeeded)} className="bar-ok" />
            <rect x={x} width={w} y={y(p.succeeded + p.failed)} height={y(p.succeeded) - y(p.succeeded + p.failed)} className="bar-fail" />
          </g>
        );
      })}
      {axisTicks(points, bucketMs).map((t) => (
        <text key={t.i} x={PAD.l + t.i * bw + bw / 2} y={H - 6} className="chart-label" textAnchor="middle">{t.label}</text>
      ))}
    </svg>
  );
}

export function ErrorRateChart({ points, bucketMs }: { points: SeriesPoint[]; bucketMs: number }) {
  const innerW = W - PAD.l - PAD.r;
  const innerH = H - PAD.t - PAD.b;
  const rates = points.map((p) => (p.succeeded + p.failed ? p.failed / (p.succeeded + p.failed) : 0));
  const max = Math.max(0.1, Math.ceil(Math.max(0, ...rates) * 10) / 10);
  const bw = points.length ? innerW / points.length : innerW;
  const x = (i: number) => PAD.l + i * bw + bw / 2;
  const y = (r: number) => PAD.t + innerH - (r / max) * innerH;
  const path = rates.map((r, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(r).toFixed(1)}`).join(' ');
  const all = points.reduce((s, p) => s + p.succeeded + p.failed, 0);
  const failed = points.reduce((s, p) => s + p.failed, 0);
  const overall = all ? Math.round((failed / all) * 1000) / 10 : 0;
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="chart" role="img" aria-label={`Error rate over time: ${overall}% overall`}>
      <line x1={PAD.l} x2={W - PAD.r} y1={y(0)} y2={y(0)} className="chart-axis" />
      <line x1={PAD.l} x2={W - PAD.r} y1={y(max)} y2={y(max)} className="chart-grid" />
      <text x={PAD.l - 4} y={y(max) + 4} className="chart-label" textAnchor="end">{Math.round(max * 100)}%</text>
      <text x={PAD.l - 4} y={y(0)} className="chart-label" textAnchor="end">0%</text>
      {points.length > 0 && <path d={path} className="line-err" fill="none" />}
      {rates.map((r, i) => r > 0 && (
        <circle key={points[i].at} cx={x(i)} cy={y(r)} r={2.5} className="dot-err">
          <title>{`${fmtTime(points[i].at)}: ${Math.round(r * 1000) / 10}%`}</title>
        </circle>
      ))}
      {axisTicks(points, bucketMs).map((t) => (
        <text key={t.i} x={x(t.i)} y={H - 6} className="chart-label" textAnchor="middle">{t.label}</text>
      ))}
    </svg>
  );
}
