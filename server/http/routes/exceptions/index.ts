import { Hono } from 'hono';
import type { BulkResult } from '../../../contracts/exceptions';
import { bulkRetryBody, cancelBody, editPayloadBody, exceptionsQuery, jobParams, retryBody } from '../../../contracts/exceptions';
import { AppError } from '../../../core/errors';
import { getJob } from '../../../db/repos/jobs.repo';
import { searchExceptionJobs } from '../../../db/repos/panel.repo';
import { EXCEPTION_JOB_STATES } from '../../../db/schema/jobs';
import { orderKey } from '../../../queue/keys';
import { cancelJob, listExceptions, retryJob, retryJobs } from '../../../queue/exceptions';
import type { ApiDeps } from '../../api-deps';
import type { SessionEnv } from '../../middleware/session-auth';
import { zv } from '../../middleware/validate';
import { exceptionDetail, exceptionItem } from './exception-view';
import { fixPayload } from './fix-payload';

/**
 * The exception list and what a person can do about an entry: look (payload beside mapped
 * result), fix the payload, retry (one or many), cancel. Each action is audited by the queue
 * with the session's user, and only ever touches the session's store.
 */
const cursorOf = (s?: string) => (s && /^\d+$/.test(s) ? Number(s) : undefined);

export function exceptionRoutes(d: ApiDeps) {
  return new Hono<SessionEnv>()
    .get('/', zv('query', exceptionsQuery), async (c) => {
      const { storeId } = c.get('session');
      const q = c.req.valid('query');
      const states = q.state === 'held' ? (['held'] as const) : q.state === 'dead' ? (['dead'] as const) : EXCEPTION_JOB_STATES;
      const limit = q.limit ?? 50;
      const kinds = q.kind ? [q.kind] : undefined;
      const page = q.q
        ? { ...(await searchExceptionJobs(d.db, { storeId, q: q.q, orderingKey: orderKey(storeId, q.q), states, kinds, before: cursorOf(q.cursor), limit })), total: null }
        : await listExceptions(d.db, { storeId, states, kinds, before: cursorOf(q.cursor), limit });
      return c.json({
        items: page.items.map(exceptionItem),
        nextCursor: page.nextCursor === null ? null : String(page.nextCursor),
        total: page.total,
      });
    })
    .post('/retry', zv('json', bulkRetryBody), async (c) => {
      const s = c.get('session');
      const { jobIds, reason } = c.req.valid('json');
      const { changed } = await retryJobs(d.db, { storeId: s.storeId, actor: s.actor, reason: reason ?? null, jobIds, clock: d.clock });
      const done = new Set(changed);
      const result: BulkResult = {
        done: changed,
        skipped: [...new Set(jobIds)].filter((id) => !done.has(id)).map((jobId) => ({ jobId, reason: 'not on the exception list (already retried, cancelled, or not in this store)' })),
      };
      return c.json(result);
    })
    .get('/:jobId', zv('param', jobParams), async (c) => {
      const { storeId } = c.get('session');
      const job = await getJob(d.db, c.req.valid('param').jobId, storeId);
      if (!job) throw new AppError('JobNotFound', 'No such exception in this store.', { status: 404 });
      return c.json(await exceptionDetail(d.db, job));
    })
    .put('/:jobId/payload', zv('param', jobParams), zv('json', editPayloadBody), async (c) => {
      const s = c.get('session');
      const body = c.req.valid('json');
      const r = await fixPayload(d.db, {
        storeId: s.storeId, jobId: c.req.valid('param').jobId, payload: body.payload as object,
        actor: s.actor, reason: body.reason ?? null, clock: d.clock,
      });
      return c.json(r, 202);
    })
    .post('/:jobId/retry', zv('param', jobParams), zv('json', retryBody), async (c) => {
      const s = c.get('session');
      const job = await retryJob(d.db, c.req.valid('param').jobId, { storeId: s.storeId, actor: s.actor, reason: c.req.valid('json').reason ?? null, clock: d.clock });
      return c.json({ jobId: job.id, state: job.state });
    })
    .post('/:jobId/cancel', zv('param', jobParams), zv('json', cancelBody), async (c) => {
      const s = c.get('session');
      const r = await cancelJob(d.db, c.req.valid('param').jobId, { storeId: s.storeId, actor: s.actor, reason: c.req.valid('json').reason ?? null, clock: d.clock });
      return c.json({ jobId: c.req.valid('param').jobId, state: r.state });
    });
}
