import { Hono } from 'hono';
import { mappingPreviewBody, mappingPutBody, type MappingState, type RecentOrder } from '../../../contracts/mappings';
import { AppError } from '../../../core/errors';
import { getMappingInForce, listMappingVersions, saveMappingConfig } from '../../../db/repos/mapping.repo';
import { recentOrders } from '../../../db/repos/panel.repo';
import type { MappingConfig } from '../../../mapping/config';
import type { ApiDeps } from '../../api-deps';
import type { SessionEnv } from '../../middleware/session-auth';
import { zv } from '../../middleware/validate';
import { mappingPreview } from './preview';
import { problemsToIssues } from './problems';

/**
 * Mapping settings: the config in force (with its version, who saved it and when), a save that
 * validates (validateMappingConfig, inside saveMappingConfig) and refuses an edit made on a stale
 * version, the recent orders a preview can run on, and the preview itself.
 */
export function mappingRoutes(d: ApiDeps) {
  async function state(storeId: string): Promise<MappingState & { config: MappingConfig; problems: string[] }> {
    const [inForce, [latest]] = await Promise.all([getMappingInForce(d.db, storeId), listMappingVersions(d.db, storeId, 1)]);
    return {
      version: inForce.version,
      config: inForce.config,
      updatedAt: latest?.createdAt ?? null,
      actor: latest?.actor ?? null,
      problems: inForce.problems ?? [],
    };
  }

  return new Hono<SessionEnv>()
    .get('/', async (c) => c.json(await state(c.get('session').storeId)))
    .put('/', zv('json', mappingPutBody), async (c) => {
      const s = c.get('session');
      const b = c.req.valid('json');
      if (b.baseVersion !== undefined) {
        const now = await getMappingInForce(d.db, s.storeId);
        if (now.version !== b.baseVersion) {
          throw new AppError('StaleMapping', `The mapping was changed meanwhile (now version ${now.version}, you edited version ${b.baseVersion}). Reload, then make your change again.`, { status: 409 });
        }
      }
      try {
        await saveMappingConfig(d.db, s.storeId, b.config, s.actor, b.reason ?? null, d.clock.now());
      } catch (err) {
        if (err instanceof AppError && err.code === 'InvalidMapping') {
          const problems = Array.isArray(err.detail) ? (err.detail as string[]) : [err.message];
          throw new AppError('InvalidMapping', 'The mapping was not saved: some settings are not valid.', { status: 422, detail: { issues: problemsToIssues(problems) } });
        }
        throw err;
      }
      return c.json(await state(s.storeId));
    })
    .get('/recent-orders', async (c) => {
      const orders: RecentOrder[] = await recentOrders(d.db, c.get('session').storeId, 20);
      return c.json({ orders });
    })
    .post('/preview', zv('json', mappingPreviewBody), async (c) => {
      return c.json(await mappingPreview(d, c.get('session').storeId, c.req.valid('json').orderId));
    });
}
