import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { FakeClock } from '../../../server/core/clock';
import { createSage100Sandbox, type Sage100Sandbox, type Sage100SandboxOptions } from '../../../server/sandbox/sage100/index';

export const API_KEY = 'test-sage-key';

export interface Harness {
  sandbox: Sage100Sandbox;
  clock: FakeClock;
  base: string;
  /** A gateway call with the right headers; answers status, body and headers. */
  call<T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: T; headers: Headers }>;
  close(): Promise<void>;
}

/**
 * A Sage sandbox on a real port, in a temp directory, mounted under /sandbox/sage100 the way
 * demo mode mounts it. The clock is fake: tests move it.
 */
export async function startHarness(opts: Partial<Sage100SandboxOptions> = {}): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'sage-sbx-'));
  const clock = (opts.clock as FakeClock | undefined) ?? new FakeClock(Date.UTC(2026, 10, 29, 15, 0, 0));
  const sandbox = await createSage100Sandbox({ dbUrl: `file:${join(dir, 'sage100.db')}`, apiKey: API_KEY, emailScanDelayMs: 0, ...opts, clock });
  const root = new Hono().route('/sandbox/sage100', sandbox.app);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: root.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const addr = server.address();
  const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/sandbox/sage100`;
  return {
    sandbox, clock, base,
    async call(method, path, body, headers = {}) {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: { 'X-Api-Key': API_KEY, 'X-Sage-Company': 'ABC', 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
    },
    async close() {
      await sandbox.close();
      (server as import('node:http').Server).closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A valid web order for seeded customer 01-TANAKA4 (no credit limit, not on hold, tax schedule WEB). */
export function webOrder(over: Record<string, unknown> = {}) {
  return {
    ARDivisionNo: '01', CustomerNo: 'TANAKA4', CustomerPONo: 'WEB-1001', ShipVia: 'UPS GROUND', TaxSchedule: 'WEB',
    ShipToName: 'Zoë Müller', ShipToAddress1: '12 Main Street', ShipToCity: 'AUSTIN', ShipToState: 'TX', ShipToZipCode: '78703',
    ShipToCountryCode: 'USA', FreightAmt: 9.95,
    Lines: [{ ItemCode: 'FAST-0100-BLK', QuantityOrdered: 2, UnitPrice: 10 }],
    ...over,
  };
}
