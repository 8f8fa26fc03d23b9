import { Hono } from 'hono';
import { readBody } from '../body';
import { stampNow, type SageEnv, type SandboxContext } from '../context';
import { badRequest, invalid, noKey } from '../errors';
import { checkLengths } from '../lengths';
import { view } from '../views';
import { findZip, normalizeZip } from './zip-lookup';

/** GET /SY/ZipCode/{ZipCode} and POST /SY/ZipCode: Sage's system-wide ZIP table. */
export function zipRoutes(ctx: SandboxContext) {
  const app = new Hono<SageEnv>();
  app.get('/SY/ZipCode/:zip', async (c) => {
    const row = await findZip(ctx.sql, c.req.param('zip'));
    if (!row) throw noKey(`ZIP code ${c.req.param('zip')} is not in the ZIP code table`);
    return c.json(view(row));
  });
  app.post('/SY/ZipCode', async (c) => {
    const body = await readBody(c);
    const fields = ['ZipCode', 'City', 'State', 'CountryCode'];
    checkLengths(body, fields);
    for (const f of ['ZipCode', 'City', 'State']) if (!body[f]) throw badRequest(`${f} is required`, f);
    const zip = normalizeZip(String(body.ZipCode));
    const country = String(body.CountryCode ?? 'USA').toUpperCase();
    if (country === 'USA' && !/^\d{5}$/.test(zip)) throw invalid('ZipCode', `ZIP code ${body.ZipCode} is not a 5-digit US ZIP code`);
    const row = await ctx.writes.run(c.get('company'), async () => {
      const s = stampNow(ctx);
      await ctx.sql.run(
        `INSERT INTO sy_zipcode (ZipCode, City, State, CountryCode, DateUpdated, TimeK) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (ZipCode) DO UPDATE SET City = excluded.City, State = excluded.State,
           CountryCode = excluded.CountryCode, DateUpdated = excluded.DateUpdated, TimeK = excluded.TimeK`,
        [zip, String(body.City).toUpperCase(), String(body.State).toUpperCase(), country, s.DateUpdated, s.TimeK]);
      return findZip(ctx.sql, zip);
    });
    return c.json(view(row!), 201);
  });
  return app;
}
