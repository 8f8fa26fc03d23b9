import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESULTS_DIR, extensionFrame, goodOrder, startDemo, stockedSku, type Demo } from './demo';
import { getMappingInForce } from '../../server/db/repos/mapping.repo';
import { DEMO_STORE_ID } from '../../server/config/defaults';

/**
 * The merchant's view, in a real browser, inside the simulated Clarity admin: the order panel
 * fills in as the order reaches Sage, Resend grows the timeline, a held order is fixed and
 * retried from the exceptions, and a mapping change shows in the audit trail.
 */
let demo: Demo;
/** A session token that lives one second, minted at the start; by the last test it has expired. */
let shortLived: { token: string; at: number };
beforeAll(async () => {
  demo = await startDemo();
  const res = await fetch(`${demo.app.url}/sandbox/clarity/_admin/session-token`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ storeId: 'st_demo', ttlSec: 1 }),
  });
  shortLived = { token: ((await res.json()) as { token: string }).token, at: Date.now() };
}, 120_000);
afterAll(async () => {
  await demo?.close();
});

describe('order panel in the order page', () => {
  it('shows the Sage order number once the webhook is processed, and Resend grows the timeline', async () => {
    const { page, app } = demo;
    const id = await demo.placeOrder();
    await page.goto(`${app.url}/admin/orders/${id}`);
    const panel = extensionFrame(page, 'admin.order.detail');

    const soNumber = panel.getByTestId('sales-order-no');
    // The first order of a fresh demo also warms Sage lookups while the feeds make their first reads.
    await soNumber.waitFor({ timeout: 45_000 });
    expect(await soNumber.textContent()).toMatch(/^\d{7}$/);
    await expect.poll(async () => (await panel.locator('.facts .pill').first().textContent()) ?? '', { timeout: 15_000 }).toBe('In Sage');

    // Merchant text in the host page is shown as text, not HTML.
    expect(await page.locator('pre.notes').textContent()).toBe('<b>Leave at dock 3</b>');

    const steps = panel.locator('.timeline-item');
    const before = await steps.count();
    expect(before).toBeGreaterThan(1);
    await panel.getByRole('button', { name: 'Resend to Sage' }).click();
    const dialog = panel.getByRole('dialog', { name: 'Send this order to Sage again?' });
    await dialog.getByLabel(/Reason/).fill('checking the e2e resend');
    await dialog.getByRole('button', { name: 'Resend' }).click();
    await expect.poll(() => steps.count(), { timeout: 30_000 }).toBeGreaterThan(before);
    await expect.poll(async () => (await panel.locator('.timeline').textContent()) ?? '', { timeout: 5_000 }).toContain('checking the e2e resend');
    // The resend ran as a job (the newest of the order's jobs ends succeeded) and the order is back at rest in Sage.
    await expect.poll(async () => (await app.database.client.execute({
      sql: "SELECT state FROM jobs WHERE kind = 'order.sync' AND ordering_key LIKE ? ORDER BY seq DESC LIMIT 1", args: [`order:%:${id}`],
    })).rows[0]?.state, { timeout: 30_000 }).toBe('succeeded');
    const jobsOfOrder = await app.database.client.execute({ sql: "SELECT count(*) AS n FROM jobs WHERE kind = 'order.sync' AND ordering_key LIKE ?", args: [`order:%:${id}`] });
    expect(Number(jobsOfOrder.rows[0].n)).toBeGreaterThan(1);
    await expect.poll(async () => (await panel.locator('.facts .pill').first().textContent()) ?? '', { timeout: 30_000 }).toBe('In Sage');

    // The order keeps one Sage order: the number did not change.
    expect(await soNumber.textContent()).toMatch(/^\d{7}$/);
    await page.locator('[data-clarity-extension="admin.order.detail"]').screenshot({ path: join(RESULTS_DIR, 'order-panel.png') });
  }, 150_000);

  it('shows a badge per row in the order list', async () => {
    const { page, app } = demo;
    await page.goto(`${app.url}/admin/`);
    const firstBadge = page.locator('[data-clarity-badge] .clx-badge').first();
    await firstBadge.waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-clarity-badge] .clx-badge').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.clx-badge', { hasText: /^SO \d{7}$/ }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
  });
});

describe('exceptions', () => {
  it('fixes a held order by editing its payload, and it then reaches Sage', async () => {
    const { page, app } = demo;
    const id = await demo.placeOrder(goodOrder({ SalesItems: [{ Sku: 'NO-SUCH-SKU-1', Quantity: 1, UnitSoldPrice: 5 }] }));
    await page.goto(`${app.url}/admin/app`);
    const frame = extensionFrame(page, 'admin.app');
    await frame.getByRole('link', { name: 'Exceptions', exact: true }).click();
    const row = frame.getByRole('link', { name: `Order ${id}` });
    await expect.poll(async () => {
      await frame.getByRole('button', { name: 'Search' }).click();
      return row.count();
    }, { timeout: 30_000, interval: 1000 }).toBe(1);
    await row.click();

    const editor = frame.getByLabel('Stored payload (edit to fix)');
    // The detail loads after the click: wait for the stored payload before reading it.
    await expect.poll(() => editor.inputValue(), { timeout: 15_000 }).not.toBe('');
    const payload = JSON.parse(await editor.inputValue());
    const order = payload.data ?? payload;
    order.SalesItems[0].Sku = stockedSku(1);
    order.SalesItems[0].ProductKey = order.SalesItems[0].Sku;
    await editor.fill(JSON.stringify(payload, null, 2));
    await frame.getByRole('button', { name: 'Save fix and retry' }).click();
    await frame.getByRole('heading', { name: 'Exceptions' }).waitFor();

    await page.goto(`${app.url}/admin/orders/${id}`);
    const soNumber = extensionFrame(page, 'admin.order.detail').getByTestId('sales-order-no');
    await soNumber.waitFor({ timeout: 30_000 });
    expect(await soNumber.textContent()).toMatch(/^\d{7}$/);
  });
});

describe('mappings and audit trail', () => {
  it('a mapping change is saved and shows in the audit trail with who made it', async () => {
    const { page, app } = demo;
    await page.goto(`${app.url}/admin/app`);
    const frame = extensionFrame(page, 'admin.app');
    // The demo store starts with a mapping of its own (version 1): this save makes the next one.
    const before = (await getMappingInForce(app.database.db, DEMO_STORE_ID)).version;
    await frame.getByRole('link', { name: 'Mappings', exact: true }).click();
    const field = frame.getByLabel('When no rule matches').first();
    // Too long for a Sage payment type: refused, and the reason is shown beside the field.
    await field.fill('CHEQUES');
    await frame.getByRole('button', { name: 'Save mapping' }).click();
    await frame.getByText(/longer than Sage's 5 characters/).first().waitFor({ timeout: 10_000 });
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await field.fill('CHK');
    await frame.getByRole('button', { name: 'Save mapping' }).click();
    await expect.poll(() => frame.getByText(new RegExp(`^Version ${before + 1}\\b`)).count(), { timeout: 10_000 }).toBe(1);
    expect((await getMappingInForce(app.database.db, DEMO_STORE_ID)).config.payment.defaultPaymentType).toBe('CHK');

    await frame.getByRole('link', { name: 'Audit trail', exact: true }).click();
    const entry = frame.getByRole('row').filter({ hasText: 'mapping.update' });
    await entry.first().waitFor({ timeout: 10_000 });
    expect(await entry.first().textContent()).toMatch(/@/);
  });

  it('shows the dashboard (screenshot)', async () => {
    const { page, app } = demo;
    await page.goto(`${app.url}/admin/app`);
    const frame = extensionFrame(page, 'admin.app');
    await frame.getByText('Synced to Sage today').waitFor();
    await expect.poll(async () => Number(await frame.locator('.figure-value').first().textContent()), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.locator('[data-clarity-extension="admin.app"]').screenshot({ path: join(RESULTS_DIR, 'dashboard.png') });
  });
});

describe('session token expiry', () => {
  it('a panel given an expired token fetches a fresh one from the host and carries on', async () => {
    const { page, app } = demo;
    // Past the token's 1 s life plus the API's 10 s of allowed skew.
    await new Promise((r) => setTimeout(r, Math.max(0, shortLived.at + 12_000 - Date.now())));
    let served = 0;
    await page.route('**/admin/session-token', async (route) => {
      served++;
      if (served === 1) return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ token: shortLived.token }) });
      return route.continue();
    });
    const refused: string[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/api/') && r.status() === 401) refused.push(r.headers()['x-clarity-retry-token'] ?? '');
    });
    const id = await demo.placeOrder();
    await page.goto(`${app.url}/admin/orders/${id}`);
    const panel = extensionFrame(page, 'admin.order.detail');
    await panel.getByRole('button', { name: 'Resend to Sage' }).waitFor({ timeout: 30_000 });
    expect(refused[0]).toBe('1');
    expect(served).toBeGreaterThanOrEqual(2);
    await page.unroute('**/admin/session-token');
  });
});
