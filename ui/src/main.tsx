import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BadgesView } from './badges/badges-view';
import { Empty, Loading } from './components/feedback';
import { embedded, startAutoResize } from './lib/bridge';
import { useRoute } from './lib/route';
import { OrderPanel } from './order/order-panel';
import './styles.css';

/**
 * One entry for every extension point; the hash says which view this frame shows. The app page
 * is its own chunk so the order panel stays small and quick.
 */
const AppPage = lazy(() => import('./app/app-page'));

function Root() {
  const { parts, query } = useRoute();
  if (!embedded) {
    return (
      <main className="panel">
        <Empty title="Open the Sage 100 Connector from your Clarity admin">
          This page runs inside the Clarity admin, which signs you in.
        </Empty>
      </main>
    );
  }
  if (parts[0] === 'order' && parts[1]) return <OrderPanel key={parts[1]} orderId={parts[1]} />;
  if (parts[0] === 'badges') {
    const ids = (query.get('ids') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    return <BadgesView ids={ids} />;
  }
  return (
    <Suspense fallback={<main className="app"><Loading label="Loading the app" lines={6} height={600} /></main>}>
      <AppPage tab={parts[1] ?? 'dashboard'} sub={parts[2]} />
    </Suspense>
  );
}

startAutoResize();
createRoot(document.getElementById('root')!).render(<StrictMode><Root /></StrictMode>);
