import { Hono } from 'hono';
import type { Manifest } from '../../../manifest';

/**
 * GET /manifest.json: the app listing as installed, with ${APP_URL} filled in. A getter, because
 * the URL (and so the manifest's appUrl) is known only once the server listens.
 */
export function manifestRoutes(manifest: () => Manifest) {
  return new Hono().get('/manifest.json', (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.json(manifest());
  });
}
