import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

interface NodeBindings {
  incoming?: IncomingMessage;
}

/** Node's request under the Node server; undefined elsewhere (app.request in a test). */
export function nodeRequest(c: Context): IncomingMessage | undefined {
  return (c.env as NodeBindings | undefined)?.incoming;
}

/**
 * A request's headers by lower-case name. Under the Node server they are read from the incoming
 * message Node has already parsed: Hono's `c.req.header()` builds a Fetch `Headers` object per
 * request for the same answer, which the webhook path (thousands a second) does not need.
 * Repeated headers come joined with ", " either way. Outside a Node server (app.request in a
 * test) it falls back to Hono's reader.
 */
export function requestHeaders(c: Context): (name: string) => string | undefined {
  const headers = nodeRequest(c)?.headers;
  if (!headers) return (name) => c.req.header(name);
  return (name) => {
    const v = headers[name];
    return Array.isArray(v) ? v.join(', ') : v;
  };
}
