import { useEffect, useState } from 'react';

/**
 * Hash routes: `#/order/<id>`, `#/badges?ids=…`, `#/app/<tab>[/<id>]`, each carrying `host=<origin>`
 * (the admin page that framed us). The hash keeps the server's job to one static index.html.
 */
export interface Route {
  parts: string[];
  query: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const path = q === -1 ? raw : raw.slice(0, q);
  const query = new URLSearchParams(q === -1 ? '' : raw.slice(q + 1));
  return { parts: path.split('/').filter(Boolean).map(decodeURIComponent), query };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

/** A link target inside the ui that keeps the `host` parameter. */
export function href(path: string, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams(extra);
  const host = parseHash(location.hash).query.get('host');
  if (host) query.set('host', host);
  const qs = query.toString();
  return `#/${path.replace(/^\//, '')}${qs ? `?${qs}` : ''}`;
}

export function navigate(path: string, extra: Record<string, string> = {}): void {
  location.hash = href(path, extra);
}
