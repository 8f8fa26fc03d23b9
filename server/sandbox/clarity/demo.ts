import type { Logger } from '../../core/logger';
import type { ClaritySandbox } from './index';

/**
 * Demo mode's Clarity side, once the app listens: installs the demo store through the real
 * lifecycle call (a reinstall on every start, which rotates its secrets as a merchant's
 * reinstall would), starts the webhook sender's loop and, if asked, the order generator.
 * A refused install is logged, not fatal: the sandbox still answers, and /_admin/stores retries.
 */
export async function startClarityDemo(sandbox: ClaritySandbox, o: {
  storeId: string; storeName?: string; orderRatePerSec: number; log?: Logger;
  /** Runs once the app has the store and before any order is generated (the app's own set-up). */
  afterInstall?: () => Promise<void>;
}): Promise<void> {
  let installed = false;
  try {
    await sandbox.installStore({ storeId: o.storeId, storeName: o.storeName ?? 'Demo Supply Co.' });
    installed = true;
  } catch (err) {
    o.log?.warn({ err: (err as Error).message }, 'demo store not installed; retry with POST /sandbox/clarity/_admin/stores');
  }
  if (installed) await o.afterInstall?.();
  sandbox.sender.start();
  if (o.orderRatePerSec > 0) sandbox.generator.start({ ratePerSec: o.orderRatePerSec, storeId: o.storeId });
}

/** What the mounted path answers while the sandbox is still opening its database. */
export const sandboxStarting = () =>
  Response.json({ ActionSucceeded: false, Messages: ['The Clarity sandbox is starting'] }, { status: 503, headers: { 'Retry-After': '1' } });
