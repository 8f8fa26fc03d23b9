import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { mount } from 'hono/mount';
import type { Clock } from '../../server/core/clock';
import { loadManifest } from '../../server/manifest';
import { createClaritySandbox, type ClaritySandbox, type StoreCredentials } from '../../server/sandbox/clarity/index';
import { createSage100Sandbox, type Sage100Sandbox } from '../../server/sandbox/sage100/index';

/**
 * Both sandboxes on one real port — Sage under /sage, Clarity under /clarity/ — with a stand-in for
 * the app's install endpoint under /app (it says yes), one store installed, on the caller's clock.
 * For the feeds' tests and their benchmark, which play both systems against the connector.
 */
export interface SandboxPair {
  base: string;
  sage: Sage100Sandbox;
  clarity: ClaritySandbox;
  creds: StoreCredentials;
  close(): Promise<void>;
}

export const APP_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

export async function startSandboxPair(o: {
  dir: string; clock: Clock; sageKey: string; storeId: string; storeName?: string; seedClarity?: boolean;
  /** Routes of the caller's own on the same port (added before the first request). */
  routes?: (root: Hono) => void;
  /**
   * The app's own routes (the webhook intake's lifecycle and webhook paths), mounted under /app:
   * the install and every webhook Clarity sends then reach them. Without it, /app says yes to all.
   */
  app?: Hono;
}): Promise<SandboxPair> {
  let clarity: ClaritySandbox | undefined;
  const sage = await createSage100Sandbox({ dbUrl: `file:${join(o.dir, 'sage.db')}`, apiKey: o.sageKey, clock: o.clock, emailScanDelayMs: 0 });
  const root = new Hono();
  if (o.app) root.route('/app', o.app);
  else root.all('/app/*', (c) => c.text('ok'));
  root.all('/clarity/*', mount((req, env) => clarity!.app.fetch(req, env)));
  root.route('/sage', sage.app);
  o.routes?.(root);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: root.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  clarity = await createClaritySandbox({
    dbUrl: `file:${join(o.dir, 'clarity.db')}`, publicUrl: `${base}/clarity/`, appUrl: `${base}/app`,
    manifest: loadManifest(`${base}/app`), appSecret: APP_SECRET, clock: o.clock, seed: o.seedClarity ?? true,
  });
  const creds = await clarity.installStore({ storeId: o.storeId, storeName: o.storeName ?? 'Feeds Supply' });
  const pair = clarity;
  return {
    base, sage, clarity: pair, creds,
    async close() {
      await pair.close();
      await sage.close();
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
