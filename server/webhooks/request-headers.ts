import type { Context } from 'hono';

interface NodeBindings {
  incoming?: { headers?: Record<string, string | string[] | undefined> };
}

/**
 * A request's headers by lower-case name. Under the Node server they are read from the incoming
 * message Node has already parsed: Hono's `c.req.header()` builds a Fetch `Headers` object per
 * request for the same answer, which the webhook path (thousands a second) does not need.
 * Repeated headers come joined with ", " either way. Outside a Node server (app.request in a
 * test) it falls back to Hono's reader.
 */
export function requestHeaders(c: Context): (name: string) => string | undefined {
  const headers = (c.env as NodeBindings | undefined)?.incoming?.headers;
  if (!headers) return (name) => c.req.header(name);
  return (name) => {
    const v = headers[name];
    return Array.isArray(v) ? v.join(', ') : v;
  };
}
