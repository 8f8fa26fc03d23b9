import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { raiseAlert, resolveAlert } from '../../../server/db/repos/alerts.repo';
import { healthRoutes, type HealthProbe } from '../../../server/http/routes/health';
import { alertNotifyHandler } from '../../../server/monitoring/notify';
import { AppError } from '../../../server/core/errors';
import { openApiFixture, STORE_A, type ApiFixture } from '../api/fixture';
import { jobContext, startReceiver, type Receiver } from './support';

/** GET /health's verdict from its probes, and the 'alert.notify' job against a real HTTP receiver. */
describe('GET /health', () => {
  const probe = (name: string, ok: boolean, critical?: boolean): HealthProbe => ({ name, critical, check: async () => ({ ok, detail: { name } }) });
  const get = async (probes: HealthProbe[]) => {
    const res = await healthRoutes(() => probes).request('/health');
    return { status: res.status, body: (await res.json()) as { status: string; checks: Record<string, unknown> } };
  };

  it('is 200 ok when all pass, 200 degraded when only a non-critical probe fails, 503 down when a critical one fails', async () => {
    expect(await get([probe('database', true), probe('gateways', true, false)])).toMatchObject({ status: 200, body: { status: 'ok' } });
    const degraded = await get([probe('database', true), probe('worker', true), probe('gateways', false, false)]);
    expect(degraded).toMatchObject({ status: 200, body: { status: 'degraded', checks: { gateways: { ok: false, critical: false } } } });
    expect(await get([probe('database', true), probe('worker', false), probe('gateways', true, false)])).toMatchObject({ status: 503, body: { status: 'down' } });
    const throwing: HealthProbe = { name: 'database', check: async () => { throw new Error('disk I/O error'); } };
    expect(await get([throwing])).toMatchObject({ status: 503, body: { checks: { database: { ok: false, detail: 'disk I/O error' } } } });
  });
});

describe("job 'alert.notify'", () => {
  let f: ApiFixture;
  let receiver: Receiver;
  beforeAll(async () => { receiver = await startReceiver(); });
  afterAll(async () => { await receiver.close(); });
  beforeEach(async () => { f = await openApiFixture(); receiver.messages.length = 0; receiver.answer = 200; });
  afterEach(async () => { await f.close(); });

  const notify = (url: string | undefined, alertId: number, event: 'opened' | 'resolved') =>
    alertNotifyHandler({ db: f.database.db, url, timeoutMs: 5000 })(jobContext({ storeId: STORE_A.storeId, kind: 'alert.notify', payload: { alertId, event } }));

  it('POSTs { text, alert } for an opening and a resolution', async () => {
    const t = f.clock.now();
    const { alert } = await raiseAlert(f.database.db, STORE_A.storeId, 'queue', '1 job ready to run has waited more than 15 min to start.', t);
    expect(await notify(receiver.url, alert.id, 'opened')).toEqual({ status: 'succeeded', result: { status: 200 } });
    await resolveAlert(f.database.db, STORE_A.storeId, 'queue', t + 25 * 60_000);
    await notify(receiver.url, alert.id, 'resolved');
    expect(receiver.messages).toEqual([
      {
        text: 'ALERT st_alpha (st_alpha): Jobs are not starting. 1 job ready to run has waited more than 15 min to start.',
        alert: {
          id: alert.id, storeId: STORE_A.storeId, storeName: STORE_A.storeId, kind: 'queue', title: 'Jobs are not starting', event: 'opened',
          message: '1 job ready to run has waited more than 15 min to start.', count: 1,
          openedAt: new Date(t).toISOString(), lastAt: new Date(t).toISOString(), resolvedAt: null,
        },
      },
      expect.objectContaining({ text: 'RESOLVED st_alpha (st_alpha): Jobs are not starting, after 25 min.', alert: expect.objectContaining({ event: 'resolved' }) }),
    ]);
  });

  it('leaves a 5xx to the engine\'s retries, gives up on a 4xx, and sends nothing without a URL or for another store\'s alert', async () => {
    const { alert } = await raiseAlert(f.database.db, STORE_A.storeId, 'gateway', 'down', f.clock.now());
    receiver.answer = 503;
    const e503 = await notify(receiver.url, alert.id, 'opened').catch((e: AppError) => e);
    expect(e503).toMatchObject({ code: 'AlertWebhookUnavailable', errorClass: 'transient' });
    receiver.answer = 404;
    const e404 = await notify(receiver.url, alert.id, 'opened').catch((e: AppError) => e);
    expect(e404).toMatchObject({ code: 'AlertWebhookRefused', errorClass: 'permanent' });
    expect((e404 as Error).message).not.toContain(receiver.url);
    const gone = await notify('http://127.0.0.1:9/hooks', alert.id, 'opened').catch((e: AppError) => e);
    expect(gone).toMatchObject({ code: 'AlertWebhookNoAnswer', errorClass: 'transient' });

    receiver.answer = 200;
    expect(await notify(undefined, alert.id, 'opened')).toMatchObject({ status: 'succeeded', result: { skipped: expect.any(String) } });
    const { alert: other } = await raiseAlert(f.database.db, 'st_bravo', 'gateway', 'down', f.clock.now());
    expect(await notify(receiver.url, other.id, 'opened')).toMatchObject({ result: { skipped: 'no such alert' } });
    expect(receiver.messages).toEqual([]);
  });
});
