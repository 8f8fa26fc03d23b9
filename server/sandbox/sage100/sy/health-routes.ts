import { Hono } from 'hono';
import type { SageEnv, SandboxContext } from '../context';

export const SAGE_VERSION = 'Sage 100 Advanced 2024 (7.30) sandbox';

/**
 * GET /health: the gateway is up; `sage` says whether it can open a Sage session. During an
 * injected outage the fault middleware answers everything else with 503, and health says "down".
 */
export function healthRoutes(ctx: SandboxContext) {
  return new Hono<SageEnv>().get('/health', (c) => {
    const outage = ctx.faults.get().outage;
    const down = !!outage && ctx.clock.now() < outage.untilMs;
    return c.json({ sage: down ? 'down' : 'up', company: c.get('company'), version: SAGE_VERSION });
  });
}
