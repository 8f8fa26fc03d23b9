import type { Hono } from 'hono';
import { mount } from 'hono/mount';
import type { Config } from '../config/env';
import { DEMO_APP_SECRET, DEMO_SAGE_API_KEY, DEMO_SAGE_COMPANY, DEMO_STORE_ID } from '../config/defaults';
import type { Logger } from '../core/logger';
import type { Db } from '../db/client';
import { getMappingInForce, saveMappingConfig } from '../db/repos/mapping.repo';
import type { Manifest } from '../manifest';
import { createAdminSimulator } from '../sandbox/admin/index';
import { createClaritySandbox, type ClaritySandbox } from '../sandbox/clarity/index';
import { sandboxStarting, startClarityDemo } from '../sandbox/clarity/demo';
import { createFaultController, parseFaultEnv } from '../sandbox/faults/index';
import { createSage100Sandbox, startSageActivity } from '../sandbox/sage100/index';

type Stop = () => Promise<void> | void;

/**
 * The demo store's first mapping. The two sandboxes compute tax differently (the store per ship-to
 * state, Sage by its WEB schedule), as a real store's tax engine and Sage often do; with Sage
 * computing tax most demo orders would be held for a total that differs. Recording the tax the
 * shopper paid as a charge line keeps Sage's total equal to the store's, which is what most
 * merchants choose. Saved once, as version 1, through the same path a merchant's save takes.
 */
export const DEMO_MAPPING = { tax: { mode: 'charge-line', itemCode: '/TAX', glAccount: '2200-00-00' } };

/**
 * Demo mode: both sandboxes and the simulated Clarity admin, on the app's own port. The Sage
 * sandbox needs no URL and is mounted at once; the Clarity sandbox and the admin need the app's
 * URL (its port), so their routes answer 503 "starting" until `afterListen` creates them.
 * Nothing here runs outside demo mode.
 */
export async function mountDemo(app: Hono, o: { config: Config; log: Logger; db: Db; stops: Stop[] }) {
  const { config, log } = o;
  const faults = () => createFaultController(parseFaultEnv(config.SANDBOX_FAULTS));

  // Closes after the worker has stopped (stops run in reverse), so in-flight jobs still reach it.
  const sage = await createSage100Sandbox({
    dbUrl: `file:${config.SANDBOX_DIR}/sage100.db`, apiKey: DEMO_SAGE_API_KEY, companies: [DEMO_SAGE_COMPANY],
    writeLatencyMs: config.SANDBOX_SAGE_WRITE_LATENCY_MS, faults: faults(),
    log: (err) => log.error({ err }, 'sage100 sandbox error'),
  });
  app.route('/sandbox/sage100', sage.app);
  const stopActivity = config.DEMO_ORDER_RATE > 0
    ? startSageActivity(sage, { intervalMs: 10_000, onError: (err) => log.warn({ err }, 'sage100 demo activity') })
    : undefined;
  o.stops.push(async () => { stopActivity?.(); await sage.close(); });

  let clarity: ClaritySandbox | undefined;
  let admin: Hono | undefined;
  app.all('/sandbox/clarity/*', mount((req, env) => clarity?.app.fetch(req, env) ?? sandboxStarting()));
  app.get('/admin', (c) => c.redirect('/admin/', 301));
  app.all('/admin/*', mount((req, env) => admin?.fetch(req, env) ?? sandboxStarting()));

  return {
    async afterListen(url: string, manifest: Manifest) {
      const sandbox = await createClaritySandbox({
        dbUrl: `file:${config.SANDBOX_DIR}/clarity.db`, publicUrl: `${url}/sandbox/clarity/`, appUrl: url, manifest,
        appSecret: DEMO_APP_SECRET, faults: faults(), rateLimit: { enabled: true }, log,
      });
      clarity = sandbox;
      o.stops.push(() => sandbox.close());
      await startClarityDemo(sandbox, {
        storeId: DEMO_STORE_ID, orderRatePerSec: config.DEMO_ORDER_RATE, log,
        afterInstall: async () => {
          if ((await getMappingInForce(o.db, DEMO_STORE_ID)).version === 0) {
            await saveMappingConfig(o.db, DEMO_STORE_ID, DEMO_MAPPING, 'demo-setup', 'demo store: record the tax the shopper paid');
          }
        },
      });
      admin = createAdminSimulator({ clarity: sandbox, storeId: DEMO_STORE_ID, appUrl: url, manifest });
    },
  };
}
