import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { FakeClock } from '../../../server/core/clock';
import { DEFAULT_RETRY_SCHEDULE } from '../../../server/sandbox/clarity/index';
import { signatureFor, signatureHeader } from '../../../server/sandbox/clarity/signing';
import { startReceiver, startSandbox, type Receiver, type RunningSandbox } from './helpers';

const webhookHeaders = (h: Record<string, string>) => ({
  'webhook-id': h['webhook-id'], 'webhook-timestamp': h['webhook-timestamp'], 'webhook-signature': h['webhook-signature'],
});

describe('Clarity sandbox: webhook signatures', () => {
  it('matches the contract’s reference vector and the standardwebhooks library', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
    const body = '{"test": 2432232314}';
    expect(signatureFor(secret, id, 1614265330, body)).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
    expect(signatureFor(secret, id, 1614265330, body)).toBe(new Webhook(secret).sign(id, new Date(1614265330_000), body));
    expect(signatureHeader([secret, 'whsec_AAAA'], id, 1614265330, body).split(' ')).toHaveLength(2);
  });
});

describe('Clarity sandbox: webhook delivery', () => {
  const clock = new FakeClock(Date.now());
  let app: Receiver;
  let s: RunningSandbox;
  let secret: string;

  beforeAll(async () => {
    app = await startReceiver();
    s = await startSandbox({ appUrl: app.url, clock });
    secret = (await s.sandbox.installStore({ storeId: 'st_hooks' })).webhookSecret;
  });
  afterAll(async () => {
    await s.close();
    await app.close();
  });

  it('posts each event to the manifest’s webhook path, signed so standardwebhooks verifies it', async () => {
    const order = await s.sandbox.createOrder();
    const outcomes = await s.sandbox.sender.processDue();
    expect(outcomes).toMatchObject([{ topic: 'order.created', ok: true, status: 200, attemptNo: 1 }]);
    const req = app.requests.at(-1)!;
    expect(req.path).toBe('/clarity/webhooks');
    expect(req.headers['clarity-store-id']).toBe('st_hooks');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['webhook-id']).toMatch(/^msg_/);
    expect(req.headers['webhook-timestamp']).toBe(String(Math.floor(clock.now() / 1000)));
    const payload = new Webhook(secret).verify(req.body, webhookHeaders(req.headers)) as { type: string; timestamp: string; data: { ID: number } };
    expect(payload.type).toBe('order.created');
    expect(payload.data.ID).toBe(order.ID);
    expect(payload.timestamp).toBe(new Date(clock.now()).toISOString());
    expect(() => new Webhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw').verify(req.body, webhookHeaders(req.headers))).toThrow();
    // Nothing left to send.
    expect(await s.sandbox.sender.processDue()).toEqual([]);
  });

  it('signs with both secrets while a reinstall rotates the secret; either verifies', async () => {
    const old = secret;
    const next = (await s.sandbox.installStore({ storeId: 'st_hooks' })).webhookSecret;
    await s.sandbox.createOrder();
    await s.sandbox.sender.processDue();
    const req = app.requests.at(-1)!;
    expect(req.headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(next).verify(req.body, webhookHeaders(req.headers))).toBeTruthy();
    expect(new Webhook(old).verify(req.body, webhookHeaders(req.headers))).toBeTruthy();
    // After the grace period only the new secret signs.
    clock.advance(24 * 3600_000 + 1);
    await s.sandbox.createOrder();
    await s.sandbox.sender.processDue();
    const later = app.requests.at(-1)!;
    expect(later.headers['webhook-signature'].split(' ')).toHaveLength(1);
    secret = next;
  });

  it('sends only the topics the manifest subscribes to', async () => {
    expect(await s.sandbox.sender.enqueue('st_hooks', 'inventory.changed', {})).toBeNull();
    expect(await s.sandbox.sender.enqueue('st_hooks', 'customer.updated', { ID: 1 })).toMatch(/^msg_/);
    await s.sandbox.sender.processDue();
  });

  it('start() runs a real loop that delivers new events promptly, and stop() ends it', async () => {
    const before = app.requests.length;
    s.sandbox.sender.start({ intervalMs: 20 });
    await s.sandbox.createOrder();
    for (let i = 0; i < 200 && app.requests.length === before; i++) await new Promise((r) => setTimeout(r, 10));
    s.sandbox.sender.stop();
    await s.sandbox.sender.idle();
    expect(app.requests.length).toBe(before + 1);
  });
});

describe('Clarity sandbox: webhook retries on the contract’s schedule', () => {
  const clock = new FakeClock(Date.now());
  let status = 500;
  let delayMs = 0;
  let app: Receiver;
  let s: RunningSandbox;

  beforeAll(async () => {
    app = await startReceiver(async (r) => {
      if (r.path.startsWith('/clarity/lifecycle')) return new Response('ok');
      if (delayMs) await new Promise((res) => setTimeout(res, delayMs));
      return new Response('nope', { status });
    });
    s = await startSandbox({ appUrl: app.url, clock, seed: false });
    await s.sandbox.installStore({ storeId: 'st_retry' });
  });
  afterAll(async () => {
    await s.close();
    await app.close();
  });

  it('retries a failing receiver at 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h with the same webhook-id, recording every attempt', async () => {
    expect(DEFAULT_RETRY_SCHEDULE).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    const t0 = clock.now();
    const id = (await s.sandbox.sender.enqueue('st_retry', 'order.updated', { ID: 1 }))!;
    const hooks = () => app.requests.filter((r) => r.path === '/clarity/webhooks');
    expect(await s.sandbox.sender.processDue()).toHaveLength(1);

    let offset = 0;
    for (const delay of DEFAULT_RETRY_SCHEDULE) {
      clock.set(t0 + offset + delay - 1);
      expect(await s.sandbox.sender.processDue()).toEqual([]);
      clock.set(t0 + offset + delay);
      expect(await s.sandbox.sender.processDue()).toMatchObject([{ eventId: id, ok: false, status: 500 }]);
      offset += delay;
    }
    clock.advance(365 * 24 * 3600_000);
    expect(await s.sandbox.sender.processDue()).toEqual([]);

    const sent = hooks();
    expect(sent).toHaveLength(8);
    expect(new Set(sent.map((r) => r.headers['webhook-id']))).toEqual(new Set([id]));
    expect(new Set(sent.map((r) => r.body)).size).toBe(1);
    const expectedOffsets = [0, ...DEFAULT_RETRY_SCHEDULE.map((_, i) => DEFAULT_RETRY_SCHEDULE.slice(0, i + 1).reduce((a, b) => a + b, 0))];
    expect(sent.map((r) => Number(r.headers['webhook-timestamp']) - Math.floor(t0 / 1000))).toEqual(expectedOffsets.map((ms) => ms / 1000));

    const attempts = await s.sandbox.context.events.attempts(id);
    expect(attempts.map((a) => a.AttemptNo)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(attempts.map((a) => Date.parse(a.At) - t0)).toEqual(expectedOffsets);
    expect(attempts.every((a) => a.Status === 500 && a.Error === 'HTTP 500: nope' && a.DurationMs >= 0)).toBe(true);
    expect((await s.sandbox.context.events.get(id))!.status).toBe('failed');
    app.requests.length = 0;
  });

  it('stops retrying once an attempt succeeds', async () => {
    const id = (await s.sandbox.sender.enqueue('st_retry', 'order.updated', { ID: 2 }))!;
    await s.sandbox.sender.processDue();
    status = 204;
    clock.advance(5_000);
    expect(await s.sandbox.sender.processDue()).toMatchObject([{ eventId: id, ok: true, attemptNo: 2 }]);
    clock.advance(10 * 3600_000);
    expect(await s.sandbox.sender.processDue()).toEqual([]);
    expect((await s.sandbox.context.events.get(id))!.status).toBe('delivered');
    status = 500;
  });

  it('counts a redirect and an unreachable app as failures', async () => {
    status = 302;
    const id = (await s.sandbox.sender.enqueue('st_retry', 'order.updated', { ID: 3 }))!;
    expect(await s.sandbox.sender.processDue()).toMatchObject([{ eventId: id, ok: false, status: 302 }]);
    status = 500;
  });

  it('counts an answer slower than 5 s as a failed attempt and schedules the retry', async () => {
    delayMs = 6_000;
    status = 200;
    const id = (await s.sandbox.sender.enqueue('st_retry', 'order.updated', { ID: 4 }))!;
    const at = clock.now();
    expect(await s.sandbox.sender.processDue()).toMatchObject([{ eventId: id, ok: false, status: null, error: 'timed out after 5000 ms' }]);
    const e = (await s.sandbox.context.events.get(id))!;
    expect(e.status).toBe('pending');
    expect(Number(e.next_attempt_at)).toBe(at + 5_000);
    delayMs = 0;
    status = 500;
  }, 15_000);
});

describe('Clarity sandbox: an unreachable app', () => {
  it('records a network error for the attempt', async () => {
    const clock = new FakeClock(Date.now());
    const closed = await startReceiver();
    await closed.close();
    const s = await startSandbox({ appUrl: closed.url, clock, seed: false });
    try {
      await expect(s.sandbox.installStore({ storeId: 'st_gone' })).rejects.toThrow(/refused the install/);
      const [e] = await s.sandbox.context.events.list({ kind: 'lifecycle' });
      expect((await s.sandbox.context.events.attempts(e.id))[0].Error).toMatch(/network error/);
    } finally {
      await s.close();
    }
  });
});
