import { Hono } from 'hono';
import type { Manifest } from '../manifest';
import { lifecycleHandlers, type LifecycleRouteDeps } from './lifecycle-routes';
import { webhookHandler, type WebhookRouteDeps } from './webhook-route';

/**
 * Exactly the intake paths manifest.json names: the two lifecycle calls and the webhook path.
 * Whatever paths the listing declares are the ones served.
 */
export type IntakeRouteDeps = WebhookRouteDeps & LifecycleRouteDeps & { manifest: Manifest };

export function intakeRoutes(deps: IntakeRouteDeps): Hono {
  const lifecycle = lifecycleHandlers(deps);
  return new Hono()
    .post(deps.manifest.lifecycle.installed, lifecycle.installed)
    .post(deps.manifest.lifecycle.uninstalled, lifecycle.uninstalled)
    .post(deps.manifest.webhooks.path, webhookHandler(deps));
}
