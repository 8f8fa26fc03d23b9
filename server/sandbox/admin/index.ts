import { Hono, type Context } from 'hono';
import type { ClaritySandbox } from '../clarity/index';
import { DEFAULT_ORDER_STATUSES } from '../clarity/statuses';
import { clarityAdminApi } from './clarity-admin-api';
import { HOST_SCRIPT } from './host-script';
import { layout } from './html';
import { appPageBody, orderListBody, orderPageBody } from './pages';

/**
 * The simulated Clarity admin of demo mode (mounted at /admin/): an order list with the
 * extension's badges, an order page with its panel, and the app page. Plain server-rendered
 * HTML plus /host.js, which plays the Clarity admin's side of the extension protocol: it loads
 * the script manifest.json names and hands out session tokens issued by the Clarity sandbox.
 */
export interface AdminSimulatorOptions {
  clarity: Pick<ClaritySandbox, 'app'>;
  storeId: string;
  /** The app's base URL: extension scripts load from here. */
  appUrl: string;
  manifest: { name: string; extensions: Array<{ point: string; title: string; script: string }> };
  /** Where the simulator is mounted (links in its pages). */
  basePath?: string;
  statuses?: string[];
}

export function createAdminSimulator(o: AdminSimulatorOptions) {
  const base = (o.basePath ?? '/admin').replace(/\/$/, '');
  const api = clarityAdminApi(o.clarity.app, o.storeId);
  const appUrl = o.appUrl.replace(/\/$/, '');
  const scripts = [...new Set(o.manifest.extensions.map((e) => new URL(e.script, `${appUrl}/`).href))];
  const title = (point: string) => o.manifest.extensions.find((e) => e.point === point)?.title ?? o.manifest.name;
  const statuses = o.statuses ?? [...DEFAULT_ORDER_STATUSES];
  let storeName: string | null = null;

  async function page(c: Context, pageTitle: string, active: 'orders' | 'app', body: string) {
    storeName ??= await api.storeName().catch(() => null);
    c.header('Cache-Control', 'no-store');
    return c.html(layout({ title: pageTitle, base, storeName: storeName ?? o.storeId, active, body, extensionScripts: scripts, appName: o.manifest.name }));
  }

  const app = new Hono();
  app.get('/', async (c) => {
    const n = Math.max(1, Number(c.req.query('page') ?? 1) || 1);
    return page(c, 'Orders', 'orders', orderListBody(base, await api.orders(n), title('admin.order.list')));
  });
  app.get('/orders/:id', async (c) => {
    const id = c.req.param('id');
    const found = /^\d{1,15}$/.test(id) ? await api.order(id) : null;
    if (!found) return c.html(layout({ title: 'Not found', base, storeName: storeName ?? o.storeId, active: 'orders', body: '<h1>No such order</h1>', extensionScripts: [], appName: o.manifest.name }), 404);
    return page(c, `Order ${found.order.CustomKey}`, 'orders', orderPageBody(base, found.order, found.shipments, title('admin.order.detail'), statuses));
  });
  app.get('/app', (c) => page(c, o.manifest.name, 'app', appPageBody(title('admin.app'))));

  // Forms of the page (a clerk's actions in the store): place a test order, change a status.
  app.post('/orders', async (c) => {
    if (!sameOrigin(c)) return c.text('cross-site form refused', 403);
    const order = await api.placeOrder();
    return c.redirect(`${base}/orders/${order.ID}`, 303);
  });
  app.post('/orders/:id/status', async (c) => {
    if (!sameOrigin(c)) return c.text('cross-site form refused', 403);
    const form = await c.req.parseBody();
    const status = String(form.status ?? '');
    if (!statuses.includes(status)) return c.text('unknown status', 400);
    await api.setStatus(c.req.param('id'), status);
    return c.redirect(`${base}/orders/${c.req.param('id')}`, 303);
  });

  // The admin hands its own pages a session token for the app; other sites get nothing.
  app.post('/session-token', async (c) => {
    if (!sameOrigin(c)) return c.json({ error: 'cross-site request refused' }, 403);
    c.header('Cache-Control', 'no-store');
    return c.json({ token: await api.sessionToken() });
  });
  app.get('/host.js', (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    c.header('Cache-Control', 'no-cache');
    return c.body(HOST_SCRIPT);
  });
  return app;
}

/** Browsers say where a request came from; a page of another site must not mint tokens or place orders. */
function sameOrigin(c: Context): boolean {
  const site = c.req.header('sec-fetch-site');
  if (site) return site === 'same-origin';
  const origin = c.req.header('origin');
  if (!origin) return true; // not a browser's cross-site request (curl, tests)
  return origin === new URL(c.req.url).origin;
}
