import { Audit } from './audit';
import { Dashboard } from './dashboard';
import { ExceptionDetail } from './exception-detail';
import { Exceptions } from './exceptions';
import { Mappings } from './mappings';
import { Settings } from './settings';
import { href } from '../lib/route';

/** admin.app: the full app, one tab per concern. Tabs are links, so Back and bookmarks work. */
const TABS = [
  ['dashboard', 'Dashboard'],
  ['exceptions', 'Exceptions'],
  ['mappings', 'Mappings'],
  ['audit', 'Audit trail'],
  ['settings', 'Settings'],
] as const;

export default function AppPage({ tab, sub }: { tab: string; sub?: string }) {
  const current = TABS.some(([t]) => t === tab) ? tab : 'dashboard';
  return (
    <div className="app">
      <nav className="tabs" aria-label="Sage 100 Connector">
        {TABS.map(([t, label]) => (
          <a key={t} href={href(`app/${t}`)} className="tab" aria-current={current === t ? 'page' : undefined}>{label}</a>
        ))}
      </nav>
      <main className="app-main">
        {current === 'dashboard' && <Dashboard />}
        {current === 'exceptions' && (sub ? <ExceptionDetail jobId={sub} /> : <Exceptions />)}
        {current === 'mappings' && <Mappings />}
        {current === 'audit' && <Audit />}
        {current === 'settings' && <Settings />}
      </main>
    </div>
  );
}
