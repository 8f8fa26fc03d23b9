import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people } from '../../../server/sandbox/catalog/index';
import { previewPayload, previewStoredOrder } from '../../../server/sync/order/preview';
import { createSageGateways } from '../../../server/sync/sage-gateway';
import { createSecretBox } from '../../../server/core/crypto';
import { TEST_SAGE_KEY } from '../../helpers/sage-server';
import { buyer, startWorld, type World } from '../../helpers/world';

/** The dry run: what would happen to an order, with Sage only read and nothing written anywhere. */
let w: World;
let deps: Parameters<typeof previewPayload>[0];
beforeAll(async () => {
  w = await startWorld();
  deps = {
    db: w.db,
    gateways: createSageGateways({ db: w.db, secrets: createSecretBox(w.app.config.encryptionKey), env: w.app.config, demo: true, appUrl: () => w.url }),
  };
});
afterAll(async () => { await w?.close(); });

const writes = () => [...w.sage.calls].filter(([k]) => !k.startsWith('GET')).reduce((n, [, c]) => n + c, 0);
const counts = async () => (await w.app.database.client.execute(
  'SELECT (SELECT count(*) FROM order_links) AS links, (SELECT count(*) FROM customer_links) AS customers, (SELECT count(*) FROM order_events) AS events')).rows[0];

describe('preview', () => {
  it('of a stored order: the customer, items and sales order it would send, without writing anything', async () => {
    const p = people()[121];
    const order = await w.placeOrder({ ...buyer(p), StatusKey: 'Processing', Notes: null, SalesItems: [{ Sku: 'WEB-FA1003', Quantity: 2 }] });
    await w.waitForLink(order.ID, (l) => l.state === 'created' && !!l.writtenBackAt);
    // The write-back comes back as order.updated; let that settle before counting rows.
    for (let i = 0; i < 400 && (await w.jobsFor(order.ID)).filter((j) => j.kind === 'order.sync').length < 2; i++) await new Promise((r) => setTimeout(r, 25));
    await w.waitForIdle();
    const before = { writes: writes(), rows: await counts() };

    const preview = await previewStoredOrder(deps, w.storeId, order.ID);
    expect(preview).toMatchObject({ valid: true, orderId: String(order.ID), existing: { state: 'created' }, wouldSend: false });
    expect(preview.customer).toMatchObject({ action: 'linked' });
    expect(preview.items).toContainEqual(expect.objectContaining({ sku: 'WEB-FA1003', itemCode: 'FAST-0115-LG', source: 'alias' }));
    expect(preview.salesOrder?.CustomerPONo).toBe(order.CustomKey);
    expect(preview.steps.some((s) => s.step === 'sage')).toBe(true);
    expect({ writes: writes(), rows: await counts() }).toEqual(before);
  });

  it('of pasted JSON for a new person: "would create" the customer, and every hold named', async () => {
    const p = people()[130];
    const { ...o } = buyer(p);
    const pasted = {
      ID: 990001, CustomKey: 'WEB-990001', StatusKey: 'Processing', ...o,
      SalesItems: [{ Sku: 'NOPE-1', Quantity: 1, UnitSoldPrice: 10 }, { Sku: 'WEB-FA1017', Quantity: 1, UnitSoldPrice: 5 }],
      Totals: { SubTotal: 15, Shipping: 0, Tax: 0, Total: 15 },
    };
    const before = { writes: writes(), rows: await counts() };
    const preview = await previewPayload(deps, w.storeId, { type: 'order.created', data: pasted });
    expect(preview.customer).toMatchObject({ action: 'would_create', wouldCreate: expect.objectContaining({ EmailAddress: p.email }) });
    expect(preview.holds.map((h) => h.code).sort()).toEqual(['inactive-item', 'unknown-sku']);
    expect(preview.wouldSend).toBe(false);
    expect({ writes: writes(), rows: await counts() }).toEqual(before);
    expect(await w.sage.client.customers.findByEmail(p.email)).toEqual([]);
  });

  it('of JSON that is not an order: the problems, field by field', async () => {
    const preview = await previewPayload(deps, w.storeId, { ID: 5, SalesItems: [{ Quantity: 'two' }] });
    expect(preview.valid).toBe(false);
    expect(preview.problems.join('\n')).toMatch(/SalesItems\[0\]\.Quantity must be a number/);
    expect(preview.problems.join('\n')).toMatch(/Totals is missing/);
  });

  it('from the command line', async () => {
    const file = join(w.app.config.SANDBOX_DIR, 'order.json');
    writeFileSync(file, JSON.stringify({ ID: 990002, CustomKey: 'WEB-990002', StatusKey: 'Processing', ...buyer(people()[24]),
      SalesItems: [{ Sku: 'FAST-0100-BLK', Quantity: 1, UnitSoldPrice: 4 }], Totals: { SubTotal: 4, Tax: 0, Total: 4 } }));
    const env = {
      ...process.env, DEMO: '1', DATABASE_URL: w.app.config.DATABASE_URL, SAGE100_GATEWAY_URL: w.sage.url,
      SAGE100_API_KEY: TEST_SAGE_KEY, SAGE100_COMPANY: 'ABC', LOG_LEVEL: 'silent',
    };
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/cli/preview.ts', file], { env });
    expect(stdout).toMatch(/Order 990002 \(WEB-990002\): would be SENT to Sage/);
    expect(stdout).toMatch(/Customer: linked 01-ROSSI24|Customer: found_by_email 01-ROSSI24/);
    expect(stdout).toMatch(/\[1\] FAST-0100-BLK/);
  });
});
