import { Hono } from 'hono';
import { auditQuery, type AuditEntry } from '../../../contracts/audit';
import { listAudit } from '../../../db/repos/audit.repo';
import type { ApiDeps } from '../../api-deps';
import type { SessionEnv } from '../../middleware/session-auth';
import { zv } from '../../middleware/validate';

/** The audit trail, newest first, paged by cursor; one store only. */
export function auditRoutes(d: ApiDeps) {
  return new Hono<SessionEnv>().get('/', zv('query', auditQuery), async (c) => {
    const { storeId } = c.get('session');
    const q = c.req.valid('query');
    const page = await listAudit(d.db, {
      storeId, action: q.action || undefined, limit: q.limit ?? 50,
      before: q.cursor && /^\d+$/.test(q.cursor) ? Number(q.cursor) : undefined,
    });
    const items: AuditEntry[] = page.items.map((e) => ({
      id: e.id, at: e.at, actor: e.actor, action: e.action, subject: e.subject, reason: e.reason, detail: e.detail ?? null,
    }));
    return c.json({ items, nextCursor: page.nextCursor === null ? null : String(page.nextCursor) });
  });
}
