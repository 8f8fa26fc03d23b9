import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/env';
import { DEMO_STORE_ID } from '../config/defaults';
import { createSecretBox } from '../core/crypto';
import { systemClock } from '../core/clock';
import { clarityOrders } from '../connectors/clarity/orders';
import { createClarityHttp } from '../connectors/clarity/http';
import { openDatabase } from '../db/client';
import { runMigrations } from '../db/migrate';
import { createSageGateways } from '../sync/sage-gateway';
import { previewPayload, previewStoredOrder } from '../sync/order/preview';
import { StoreSecrets } from '../webhooks/store-secrets';
import { formatPreview } from './format-preview';

/**
 * Dry run of one order, from the command line:
 *
 *   node --import tsx server/cli/preview.ts order.json [--store st_x] [--json]
 *   node --import tsx server/cli/preview.ts --order-id 100234 [--store st_x] [--json]
 *   cat order.json | node --import tsx server/cli/preview.ts - [--store st_x]
 *
 * Uses the same environment as the app (DATABASE_URL, SAGE100_*, ENCRYPTION_KEY, DEMO). Sage is
 * only read; nothing is written anywhere. In demo mode the Sage sandbox is the running app's,
 * so start the app first (npm start) and point APP_URL or PORT at it.
 */
const USAGE = 'usage: preview.ts <order.json | - | --order-id N> [--store STORE_ID] [--json]';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'order-id': { type: 'string' }, store: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help || (!values['order-id'] && positionals.length !== 1)) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const config = loadConfig();
  const storeId = values.store ?? (config.demo ? DEMO_STORE_ID : undefined);
  if (!storeId) {
    console.error('--store is required outside demo mode');
    return 2;
  }
  const database = await openDatabase({ url: config.DATABASE_URL, authToken: config.DATABASE_AUTH_TOKEN });
  try {
    await runMigrations(database);
    const secrets = createSecretBox(config.encryptionKey);
    const gateways = createSageGateways({ db: database.db, secrets, env: config, demo: config.demo, appUrl: () => config.appUrl });
    const storeSecrets = new StoreSecrets(database.db, secrets, { clock: systemClock });
    const deps = {
      db: database.db, gateways, clock: systemClock,
      clarityFor: async (s: string) => clarityOrders(createClarityHttp(await storeSecrets.clarityAuth(s))),
    };
    const preview = values['order-id']
      ? await previewStoredOrder(deps, storeId, values['order-id'])
      : await previewPayload(deps, storeId, JSON.parse(readFileSync(positionals[0] === '-' ? 0 : positionals[0], 'utf8')));
    console.log(values.json ? JSON.stringify(preview, null, 2) : formatPreview(preview));
    return preview.valid && preview.holds.length === 0 ? 0 : 1;
  } finally {
    database.close();
  }
}

main().then((code) => process.exit(code), (err) => {
  console.error((err as Error).message);
  process.exit(2);
});
