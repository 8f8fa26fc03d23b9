import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { createClaritySandbox, type ClaritySandbox, type ClaritySandboxOptions } from '../../../server/sandbox/clarity/index';
import { loadManifest } from '../../../server/manifest';

export const APP_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

async function listen(fetch: (req: Request, env: unknown) => Response | Promise<Response>): Promise<{ server: ServerType; url: string }> {
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const closeServer = (server: ServerType) =>
  new Promise<void>((resolve) => {
    (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    server.close(() => resolve());
  });

export interface ReceivedRequest { path: string; headers: Record<string, string>; body: string; at: number }

/** A stand-in for the connector: records every request and answers as `respond` says. */
export async function startReceiver(respond: (r: ReceivedRequest) => Response | Promise<Response> = () => new Response('ok')) {
  const requests: ReceivedRequest[] = [];
  const app = new Hono();
  app.all('*', async (c) => {
    const r: ReceivedRequest = { path: c.req.path, headers: Object.fromEntries(c.req.raw.headers), body: await c.req.text(), at: Date.now() };
    requests.push(r);
    return respond(r);
  });
  const { server, url } = await listen(app.fetch);
  return { url, requests, close: () => closeServer(server) };
}
export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

export interface RunningSandbox {
  sandbox: ClaritySandbox;
  /** Base URL ending in "/", as apiBaseUrl. */
  base: string;
  close(): Promise<void>;
}

/**
 * The sandbox over real HTTP on port 0, with its own libSQL file in a temp folder. The app side
 * is `appUrl` (a receiver, or a closed port when a test does not need one).
 */
export async function startSandbox(o: Partial<ClaritySandboxOptions> & { appUrl: string }): Promise<RunningSandbox> {
  const dir = mkdtempSync(join(tmpdir(), 'clarity-sandbox-'));
  let sandbox: ClaritySandbox | undefined;
  const { server, url } = await listen((req, env) => sandbox!.app.fetch(req, env));
  const manifest = loadManifest(o.appUrl);
  sandbox = await createClaritySandbox({
    dbUrl: `file:${join(dir, 'clarity.db')}`, publicUrl: `${url}/`, manifest, appSecret: APP_SECRET, ...o,
  });
  return {
    sandbox, base: `${url}/`,
    async close() {
      await sandbox!.close();
      await closeServer(server);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Installs a store with an app that accepts the lifecycle call. */
export async function installWithReceiver(s: RunningSandbox, storeId = 'st_test') {
  return s.sandbox.installStore({ storeId, storeName: 'Test Supply' });
}

export async function token(base: string, clientId: string, clientSecret: string, scope?: string) {
  const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, ...(scope ? { scope } : {}) });
  const res = await fetch(`${base}oauth/token`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  return { status: res.status, json: (await res.json()) as { access_token: string; expires_in: number; scope: string; error?: string } };
}

export async function api(base: string, path: string, init: { method?: string; body?: unknown; token?: string; apiKey?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.apiKey) headers['x-api-key'] = init.apiKey;
  const res = await fetch(`${base}api/v1${path}`, {
    method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
}
