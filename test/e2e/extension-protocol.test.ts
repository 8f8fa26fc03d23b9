import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extensionFrame, startDemo, type Demo } from './demo';

/**
 * The extension's side of the protocol in a real browser: it answers token requests only from
 * the frames it created, sizes them to what they report, and draws nothing a frame sends as HTML.
 */
let demo: Demo;
beforeAll(async () => {
  demo = await startDemo();
}, 120_000);
afterAll(async () => {
  await demo?.close();
});

describe('extension protocol', () => {
  it('gives no token to a frame it did not create', async () => {
    const { page, app } = demo;
    await page.goto(`${app.url}/admin/app`);
    await extensionFrame(page, 'admin.app').getByText('Synced to Sage today').waitFor({ timeout: 15_000 });
    // A frame of the same page (same origin even), not one of the extension's: it asks for a token.
    const answered = await page.evaluate(() => new Promise<boolean>((resolve) => {
      const f = document.createElement('iframe');
      f.srcdoc = `<script>
        addEventListener('message', (e) => { if (e.data && e.data.token) parent.postMessage({ stolen: true }, '*'); });
        parent.postMessage({ type: 'clarity:session-token', requestId: 'x' }, '*');
      <\/script>`;
      addEventListener('message', (e) => { if (e.data && e.data.stolen) resolve(true); });
      document.body.appendChild(f);
      setTimeout(() => resolve(false), 1500);
    }));
    expect(answered).toBe(false);
  });

  it('sizes its frame to the content the frame reports', async () => {
    const { page, app } = demo;
    await page.goto(`${app.url}/admin/app`);
    const frame = extensionFrame(page, 'admin.app');
    await frame.getByText('Synced to Sage today').waitFor({ timeout: 15_000 });
    const iframe = page.locator('[data-clarity-extension="admin.app"] iframe');
    await expect.poll(async () => {
      const outer = (await iframe.boundingBox())?.height ?? 0;
      const inner = await frame.locator('html').evaluate((el) => Math.ceil(el.getBoundingClientRect().height));
      return Math.abs(outer - inner);
    }, { timeout: 10_000 }).toBeLessThanOrEqual(1);
  });

  it("shows a frame's toast as text in the host page", async () => {
    const { page, app } = demo;
    const id = await demo.placeOrder();
    await page.goto(`${app.url}/admin/orders/${id}`);
    const panel = extensionFrame(page, 'admin.order.detail');
    await panel.getByRole('button', { name: /^Copy/ }).click({ timeout: 30_000 });
    const toast = page.locator('#host-toasts .toast').first();
    await toast.waitFor({ timeout: 5_000 });
    expect(await toast.textContent()).toMatch(/^Copied \d{7}$/);
  });
});
