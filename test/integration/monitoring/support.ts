import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../../../server/core/logger';
import type { JobContext, JobRecord } from '../../../server/queue/types';

/**
 * Shared by the monitoring tests: a JobContext for calling a handler the way the worker does, and
 * a small HTTP server standing in for the chat webhook behind ALERT_WEBHOOK_URL.
 */
export function jobContext<P>(over: Partial<JobRecord<P>> & { storeId: string; kind: string; payload: P }): JobContext<P> {
  const job: JobRecord<P> = {
    id: 'job_test', seq: 1, orderingKey: null, target: null, deliveryId: null, attempt: 1, maxAttempts: 3,
    previousErrorClass: null, createdAt: Date.now(), ...over,
  };
  return {
    job, log: createLogger('silent'), signal: new AbortController().signal,
    enqueue: () => Promise.reject(new Error('no follow-ups expected')),
    writeWithEnd: () => { throw new Error('no records with the end expected'); },
  };
}

export interface Receiver {
  url: string;
  /** Bodies received, in order. */
  messages: Array<{ text: string; alert: Record<string, unknown> }>;
  /** Status the next requests are answered with (200 by default). */
  answer: number;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const r: Receiver = { url: '', messages: [], answer: 200, close: async () => {} };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (r.answer < 300) r.messages.push(JSON.parse(body));
      res.writeHead(r.answer, { 'content-type': 'text/plain' }).end(r.answer < 300 ? 'ok' : 'no_service');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/alerts`;
  r.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return r;
}

export async function until<T>(what: string, fn: () => Promise<T | undefined | null | false>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== null && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
