import { useEffect } from 'react';
import type { OrderBadge } from '../../../server/contracts/orders';
import { ErrorNote } from '../components/feedback';
import { api, unwrap } from '../lib/api';
import { sendBadges } from '../lib/bridge';
import { useResource } from '../lib/use-resource';

/**
 * admin.order.list: one frame for the whole list. It fetches every row's badge in one call, hands
 * them to the extension to draw in the host's row slots, and shows a one-line summary itself.
 */
const PENDING = new Set(['queued', 'retrying']);

export function BadgesView({ ids }: { ids: string[] }) {
  const key = ids.join(',');
  const badges = useResource(
    () => (ids.length ? unwrap(api.orders.badges.$get({ query: { ids: key } })) : Promise.resolve({ badges: [] as OrderBadge[] })),
    [key],
    (d) => (d?.badges.some((b) => PENDING.has(b.appState)) ? 3000 : 20_000),
  );

  useEffect(() => {
    if (!badges.data) return;
    sendBadges(badges.data.badges.map((b) => ({ orderId: b.orderId, label: b.label, tone: b.tone, title: b.title ?? undefined })));
  }, [badges.data]);

  if (badges.error && !badges.data) return <div className="strip"><ErrorNote error={badges.error} onRetry={badges.reload} /></div>;
  const list = badges.data?.badges ?? [];
  const count = (pred: (b: OrderBadge) => boolean) => list.filter(pred).length;
  const inSage = count((b) => b.appState === 'created');
  const attention = count((b) => b.appState === 'held' || b.appState === 'failed');
  const pending = count((b) => PENDING.has(b.appState));
  const notSeen = count((b) => b.appState === 'not_seen');
  return (
    <div className="strip" role="status" aria-live="polite">
      <strong>Sage 100</strong>
      {!badges.data ? <span className="muted">Checking orders…</span> : (
        <>
          <span>{inSage} of {list.length} in Sage</span>
          {pending > 0 && <span className="pill pill-pending">{pending} in progress</span>}
          {attention > 0 && <span className="pill pill-warn">{attention} need attention</span>}
          {notSeen > 0 && <span className="muted">{notSeen} not sent to Sage</span>}
        </>
      )}
    </div>
  );
}
