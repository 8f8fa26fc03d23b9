import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../server/db/client';
import { runMigrations } from '../../../server/db/migrate';
import {
  countOrderLinksByState, findOrderLinkBySalesOrderNo, getOrderLink, listOrderLinks, saveOrderLink,
} from '../../../server/db/repos/order-links.repo';
import { listOrderEvents } from '../../../server/db/repos/order-events.repo';
import { getMappingConfig, getMappingInForce, listMappingVersions, saveMappingConfig } from '../../../server/db/repos/mapping.repo';
import { saveInstallation } from '../../../server/db/repos/installations.repo';
import { listAudit } from '../../../server/db/repos/audit.repo';
import { defaultMappingConfig } from '../../../server/mapping/config';
import {
  deleteCustomerLink, emailKey, findCustomerLink, saveCustomerLinks,
} from '../../../server/db/repos/customer-links.repo';

let dir: string;
let database: Database;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'order-repos-'));
  database = await openDatabase({ url: `file:${join(dir, 'app.db')}` });
  await runMigrations(database);
});
afterAll(() => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('order links', () => {
  const key = { storeId: 'st_a', clarityOrderId: '100234' };

  it('counts create attempts and writes the link with its timeline in one step', async () => {
    const db = database.db;
    expect(await getOrderLink(db, key)).toBeNull();
    const ev = (message: string) => ({ at: 1, step: 'create', level: 'info' as const, message });
    const first = await saveOrderLink(db, key, { state: 'pending', customerPONo: 'WEB-100234', arDivisionNo: '01', customerNo: 'ACME' },
      [ev('about to create')], 1000, { countCreateAttempt: true });
    expect(first).toMatchObject({ state: 'pending', createAttempts: 1, customerPONo: 'WEB-100234', createdAt: 1000 });

    await saveOrderLink(db, key, { state: 'pending' }, [ev('again')], 2000, { countCreateAttempt: true });
    const created = await saveOrderLink(db, key, { state: 'created', salesOrderNo: '0001234', warnings: ['ShipToName shortened'] }, [], 3000);
    expect(created).toMatchObject({ state: 'created', createAttempts: 2, salesOrderNo: '0001234', customerNo: 'ACME', createdAt: 1000, updatedAt: 3000 });
    expect(created.warnings).toEqual(['ShipToName shortened']);

    expect((await listOrderEvents(db, key.storeId, key.clarityOrderId)).map((e) => e.message)).toEqual(['about to create', 'again']);
    expect((await findOrderLinkBySalesOrderNo(db, 'st_a', '0001234'))?.clarityOrderId).toBe('100234');
    expect(await findOrderLinkBySalesOrderNo(db, 'st_b', '0001234')).toBeNull();
  });

  it('lists and counts by state, one store at a time', async () => {
    const db = database.db;
    await saveOrderLink(db, { storeId: 'st_a', clarityOrderId: '2' }, { state: 'held', holdReason: 'SKU X is unknown' }, [], 4000);
    await saveOrderLink(db, { storeId: 'st_b', clarityOrderId: '2' }, { state: 'held', holdReason: 'other store' }, [], 4000);
    const counts = await countOrderLinksByState(db, 'st_a');
    expect(counts).toMatchObject({ created: 1, held: 1, pending: 0 });
    const held = await listOrderLinks(db, 'st_a', { states: ['held'] });
    expect(held.map((l) => l.holdReason)).toEqual(['SKU X is unknown']);
  });
});

describe('customer links', () => {
  it('finds the most specific key first and forgets a dropped link', async () => {
    const db = database.db;
    await saveCustomerLinks(db, 'st_a', [emailKey(' Dana@Acme.example ')], { arDivisionNo: '01', customerNo: 'ORTIZ1', source: 'email' }, 1);
    await saveCustomerLinks(db, 'st_a', ['account:77'], { arDivisionNo: '02', customerNo: 'ACME', source: 'account' }, 1);
    expect((await findCustomerLink(db, 'st_a', ['account:77', 'email:dana@acme.example']))?.customerNo).toBe('ACME');
    expect((await findCustomerLink(db, 'st_a', ['account:78', 'email:dana@acme.example']))?.customerNo).toBe('ORTIZ1');
    expect(await findCustomerLink(db, 'st_b', ['email:dana@acme.example'])).toBeNull();
    await deleteCustomerLink(db, 'st_a', 'account:77');
    expect(await findCustomerLink(db, 'st_a', ['account:77'])).toBeNull();
  });
});

describe('mapping versions', () => {
  it('uses the defaults until a version is saved, then the newest, and audits every save', async () => {
    const db = database.db;
    await saveInstallation(db, {
      storeId: 'st_m', storeName: 'M', apiBaseUrl: 'http://m.example/', clientId: 'c', clientSecretEnc: 'x', webhookSecretEnc: 'y',
    }, 1, { actor: 'test' });
    expect(await getMappingConfig(db, 'st_m')).toEqual(defaultMappingConfig);

    const first = await saveMappingConfig(db, 'st_m', { skuOverrides: { 'WEB-1': 'fast-0100-blk' } }, 'dana@m.example', 'map a renamed SKU', 10);
    const second = await saveMappingConfig(db, 'st_m', { unknownSku: { policy: 'misc-line' } }, 'dana@m.example', null, 20);
    expect([first.version, second.version]).toEqual([1, 2]);
    const inForce = await getMappingInForce(db, 'st_m');
    expect(inForce.version).toBe(2);
    expect(inForce.config.unknownSku.policy).toBe('misc-line');
    expect(inForce.config.skuOverrides).toEqual({});
    expect((await listMappingVersions(db, 'st_m')).map((v) => v.version)).toEqual([2, 1]);
    const audit = await listAudit(db, { storeId: 'st_m', action: 'mapping.update' });
    expect(audit.items.map((a) => a.reason)).toEqual([null, 'map a renamed SKU']);
  });

  it('refuses an invalid mapping, naming the setting, and saves nothing', async () => {
    const db = database.db;
    await expect(saveMappingConfig(db, 'st_m', { customer: { division: 'A1' } }, 'dana', null, 30))
      .rejects.toThrow(/customer\.division/);
    expect((await getMappingInForce(db, 'st_m')).version).toBe(2);
  });
});
