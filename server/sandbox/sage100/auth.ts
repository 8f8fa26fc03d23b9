import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { SageEnv, SandboxContext } from './context';
import { badRequest, unauthorized } from './errors';

function sameKey(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Every gateway call carries X-Api-Key and X-Sage-Company. A wrong key is 401; a missing or
 * unknown company is a malformed request (400) — retrying it cannot help either way.
 * `companyOptional` (admin routes) falls back to the first company.
 */
export function sageAuth(ctx: SandboxContext, opts: { companyOptional?: boolean } = {}): MiddlewareHandler<SageEnv> {
  return async function checkGatewayAuth(c, next) {
    const key = c.req.header('X-Api-Key');
    if (!key || !sameKey(key, ctx.apiKey)) throw unauthorized('X-Api-Key is missing or not valid for this gateway');
    const raw = c.req.header('X-Sage-Company')?.trim().toUpperCase();
    if (!raw && !opts.companyOptional) throw badRequest('X-Sage-Company is required: the 3-character Sage company code');
    const company = raw || ctx.companies[0];
    if (!ctx.companies.includes(company)) throw badRequest(`Company ${company} is not set up in this Sage installation`);
    c.set('company', company);
    await next();
  };
}
