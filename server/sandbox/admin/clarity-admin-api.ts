import type { SalesOrder } from '../clarity/types';

/**
 * What the simulated admin reads from the Clarity sandbox, through the sandbox's own admin routes
 * (/_admin/*, the platform's console), called in-process on its Hono app: the same HTTP semantics,
 * no network hop, and no dependency on where the lead mounts the sandbox.
 */
export interface SandboxApp {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

export interface OrderPage {
  orders: SalesOrder[];
  total: number;
  page: number;
  totalPages: number;
}

export interface ShipmentLike {
  TrackingNumber?: string;
  CarrierName?: string;
  ShipDate?: string;
}

async function json<T>(res: Response, what: string): Promise<T> {
  if (!res.ok) {
    const text = await res.text().catch(() => '');
    throw Object.assign(new Error(`${what}: sandbox answered ${res.status} ${text.slice(0, 200)}`), { status: res.status });
  }
  return (await res.json()) as T;
}

export function clarityAdminApi(app: SandboxApp, storeId: string) {
  const q = `storeId=${encodeURIComponent(storeId)}`;
  const send = (path: string, method = 'GET', body?: unknown) => app.request(`/_admin${path}`, {
    method, headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return {
    async orders(page: number, pageSize = 25): Promise<OrderPage> {
      const r = await json<{ Results: SalesOrder[]; TotalCount: number; TotalPages: number; CurrentPage: number }>(
        await send(`/orders?${q}&page=${page}&pageSize=${pageSize}`), 'list orders');
      return { orders: r.Results, total: r.TotalCount, page: r.CurrentPage, totalPages: Math.max(1, r.TotalPages) };
    },
    async order(id: string): Promise<{ order: SalesOrder; shipments: ShipmentLike[] } | null> {
      const res = await send(`/orders/${encodeURIComponent(id)}?${q}`);
      if (res.status === 404) return null;
      return json(res, 'load order');
    },
    async placeOrder(): Promise<SalesOrder> {
      return json(await send(`/orders?${q}`, 'POST', {}), 'place order');
    },
    async setStatus(id: string, statusKey: string): Promise<SalesOrder> {
      return json(await send(`/orders/${encodeURIComponent(id)}/status?${q}`, 'PUT', { StatusKey: statusKey }), 'set status');
    },
    async sessionToken(): Promise<string> {
      return (await json<{ token: string }>(await send('/session-token', 'POST', { storeId }), 'session token')).token;
    },
    async storeName(): Promise<string> {
      const stores = await json<Array<{ storeId: string; storeName: string }>>(await send('/stores'), 'stores');
      return stores.find((s) => s.storeId === storeId)?.storeName ?? storeId;
    },
  };
}
export type ClarityAdminApi = ReturnType<typeof clarityAdminApi>;
