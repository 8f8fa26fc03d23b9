import type { FaultRoute } from './types';

/** Whether `path` starts with `prefix` on a segment boundary ("/SO/SalesOrder" ≠ "/SO/SalesOrderHistory"). */
function pathHasPrefix(path: string, prefix: string): boolean {
  if (prefix === '*' || prefix === '' || prefix === '/') return true;
  const p = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  return path === p || path.startsWith(`${p}/`);
}

/** Does a rule's `match` ("POST /SO/SalesOrder", "GET *", "/SO", "*") cover this request? */
export function matchesRule(match: string, method: string, path: string): boolean {
  const parts = match.trim().split(/\s+/);
  if (parts.length === 1) {
    const [only] = parts;
    // A bare word that is not a path ("GET") means that method on every path.
    if (/^[A-Za-z]+$/.test(only)) return only.toUpperCase() === method;
    return pathHasPrefix(path, only);
  }
  const [m, p] = parts;
  return (m === '*' || m.toUpperCase() === method) && pathHasPrefix(path, p);
}

export function findRule(routes: FaultRoute[] | undefined, method: string, path: string): FaultRoute | undefined {
  return routes?.find((r) => matchesRule(r.match, method, path));
}
