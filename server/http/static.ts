import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { Hono, type Context } from 'hono';

/**
 * Serves the built panel (dist/ui at /ui/) and the extension script at every path manifest.json
 * names for it (`extensions[].script`). Hashed assets are cached for good; index.html and the
 * extension script (a fixed name the Clarity admin loads) are revalidated with an ETag, so a new
 * release reaches every admin page at its next load.
 */
export interface StaticOptions {
  /** The build output folder holding ui/ and extension/. */
  distDir: string;
  /** Paths the extension script must answer at, from manifest.json. */
  extensionScripts: string[];
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.map': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json',
};

// The panel only talks to its own origin; it may be framed (that is its job), by the Clarity admin.
const UI_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'";

async function sendFile(c: Context, file: string, cache: string, extra: Record<string, string> = {}) {
  let info;
  try {
    info = await stat(file);
  } catch {
    return null;
  }
  if (!info.isFile()) return null;
  const etag = `"${createHash('sha1').update(`${info.size}:${info.mtimeMs}`).digest('base64url').slice(0, 16)}"`;
  const headers: Record<string, string> = {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': cache, ETag: etag,
    'X-Content-Type-Options': 'nosniff', ...extra,
  };
  if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
  return c.body(await readFile(file), 200, headers);
}

function missingBuild(c: Context, what: string) {
  return c.text(`The ${what} is not built. Run \`npm run build\` (npm start does it for you).`, 503);
}

export function staticRoutes(o: StaticOptions) {
  const uiDir = join(o.distDir, 'ui');
  const extFile = join(o.distDir, 'extension', 'extension.js');
  const app = new Hono();

  for (const path of new Set(o.extensionScripts)) {
    app.get(path, async (c) => (await sendFile(c, extFile, 'public, max-age=0, must-revalidate', { 'Access-Control-Allow-Origin': '*' })) ?? missingBuild(c, 'extension'));
    app.get(`${path}.map`, async (c) => (await sendFile(c, `${extFile}.map`, 'public, max-age=0, must-revalidate')) ?? c.notFound());
  }

  app.get('/ui', (c) => c.redirect('/ui/', 301));
  app.get('/ui/*', async (c) => {
    const rel = decodeURIComponent(c.req.path.slice('/ui/'.length));
    const file = normalize(join(uiDir, rel || 'index.html'));
    if (!file.startsWith(uiDir + sep) && file !== uiDir) return c.notFound();
    const isIndex = !rel || rel === 'index.html';
    const hashed = rel.startsWith('assets/');
    const res = await sendFile(c, file, hashed ? 'public, max-age=31536000, immutable' : 'no-cache', isIndex ? { 'Content-Security-Policy': UI_CSP } : {});
    if (res) return res;
    if (isIndex) return missingBuild(c, 'panel');
    return c.notFound();
  });
  return app;
}
