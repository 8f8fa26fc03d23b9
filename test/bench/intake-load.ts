/**
 * The intake benchmark's load generator, run as its own process so it shares neither the server's
 * event loop nor its CPU accounting: N keep-alive connections, each sending one signed ~2 KB order
 * webhook after another. `node --import tsx test/bench/intake-load.ts '<LoadSpec as JSON>'`
 * prints the LoadResult as JSON.
 */
import { connect, type Socket } from 'node:net';
import { signWebhook } from '../../server/connectors/clarity/webhook-signature';

export interface LoadSpec {
  url: string;
  path: string;
  storeId: string;
  secret: string;
  connections: number;
  warmupMs: number;
  durationMs: number;
  /** Distinguishes runs against one database, so webhook ids never repeat. */
  runTag: string;
  /**
   * Requests signed before the clock starts: the real sender is another machine, so the
   * generator should spend its share of this one's CPU sending, not signing. Only the signatures
   * are kept (a request is rebuilt from them when sent); beyond this many, requests are signed as
   * they are sent.
   */
  presigned?: number;
  /** Send the presigned requests over and over (for a route that stores nothing). */
  cycle?: boolean;
}

export interface LoadResult {
  /** Measured window only. */
  requests: number;
  ok: number;
  statuses: Record<string, number>;
  errors: number;
  seconds: number;
  p50: number;
  p99: number;
  max: number;
  /** Every 2xx, warm-up included (the number of deliveries that must be stored). */
  okTotal: number;
  /** Every answer, warm-up included. */
  sentTotal: number;
  /** The generator's own CPU per request while sending (µs). */
  cpuUs: number;
}

const filler = 'Leave at dock 3. Call ahead. '.repeat(60);

/**
 * A realistic ~2 KB order, built once as a template: the generator should spend its CPU sending,
 * not serializing (the real sender is on another machine).
 */
function bodyTemplate(tag: string): (n: number, sec: number) => string {
  const at = '@@AT@@';
  const body = {
    type: 'order.created', timestamp: at,
    data: {
      ID: -1, CustomKey: `WEB-${tag}-@@ID@@`, StatusKey: 'Processing', TypeKey: 'Web', CreatedDate: at, UpdatedDate: at,
      AccountID: 77, AccountKey: 'ACME', PurchaseOrderNumber: 'PO-@@ID@@', CurrencyKey: 'USD',
      BillingContact: { FirstName: 'Dana', LastName: 'Ortiz', Email1: 'dana@acme.example', Phone1: '512-555-0100',
        Address: { Company: 'Acme Supply', Street1: '1200 North Lamar Boulevard', Street2: 'Suite 400', City: 'Austin', RegionCode: 'TX', PostalCode: '78703', CountryCode: 'US' } },
      SalesItems: [{ ID: 9001, Sku: 'WID-100-BLK', Name: 'Widget, black', Quantity: 4, UnitSoldPrice: 12.5, ExtendedPrice: 50 }],
      Totals: { SubTotal: 50, Shipping: 9.95, Handling: 0, Fees: 0, Discounts: 0, Tax: 4.13, Total: 64.08 },
      Notes: '',
    },
  };
  body.data.Notes = filler.slice(0, Math.max(0, 2048 - JSON.stringify(body).length));
  const parts = JSON.stringify(body).replace('"ID":-1', '"ID":@@ID@@').split(/(@@ID@@|@@AT@@)/);
  let stamp = '';
  let stampSec = 0;
  return (n, sec) => {
    if (sec !== stampSec) {
      stampSec = sec;
      stamp = new Date(sec * 1000).toISOString();
    }
    const id = String(1_000_000 + n);
    let out = '';
    for (const p of parts) out += p === '@@ID@@' ? id : p === '@@AT@@' ? stamp : p;
    return out;
  };
}

/**
 * One keep-alive connection speaking just enough HTTP/1.1 to send a request and read its answer
 * (Content-Length or chunked). Raw sockets cost the generator a fraction of node:http's CPU, and
 * on a 2-core machine every cycle it saves is one the server under test gets.
 */
class Connection {
  private buf: Buffer = Buffer.alloc(0);
  private waiting: ((status: number) => void) | null = null;
  private failed: ((err: Error) => void) | null = null;
  constructor(private readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (d: Buffer) => {
      this.buf = this.buf.length ? Buffer.concat([this.buf, d]) : d;
      this.parse();
    });
    socket.on('error', (err) => this.failed?.(err));
    socket.on('close', () => this.failed?.(new Error('connection closed')));
  }

  static open(host: string, port: number): Promise<Connection> {
    return new Promise((resolve, reject) => {
      const s = connect(port, host, () => resolve(new Connection(s)));
      s.once('error', reject);
    });
  }

  send(request: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.waiting = resolve;
      this.failed = reject;
      this.socket.write(request);
    });
  }

  close() {
    this.socket.destroy();
  }

  private parse() {
    const end = this.buf.indexOf('\r\n\r\n');
    if (end < 0) return;
    const head = this.buf.toString('latin1', 0, end);
    const status = Number(head.slice(9, 12));
    const cl = /\r\ncontent-length: *(\d+)/i.exec(head);
    let total: number;
    if (cl) {
      total = end + 4 + Number(cl[1]);
    } else {
      // Chunked: walk the chunks to the terminating zero-length one.
      let at = end + 4;
      for (;;) {
        const eol = this.buf.indexOf('\r\n', at);
        if (eol < 0) return;
        const size = parseInt(this.buf.toString('latin1', at, eol), 16);
        at = eol + 2 + size + 2;
        if (at > this.buf.length) return;
        if (size === 0) break;
      }
      total = at;
    }
    if (this.buf.length < total) return;
    this.buf = this.buf.subarray(total);
    const done = this.waiting;
    this.waiting = null;
    this.failed = null;
    done?.(status);
  }
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const target = new URL(spec.url);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let okTotal = 0;
  let sentTotal = 0;
  let n = 0;
  const orderBody = bodyTemplate(spec.runTag);
  const fixed = `POST ${spec.path} HTTP/1.1\r\nHost: ${target.host}\r\nContent-Type: application/json\r\nclarity-store-id: ${spec.storeId}\r\n`;
  const request = (i: number, signed?: { ts: number; signature: string }): string => {
    const ts = signed?.ts ?? Math.floor(Date.now() / 1000);
    const body = orderBody(i, ts);
    const id = `msg_${spec.runTag}_${i}`;
    // The body is ASCII, so its length in characters is its length in bytes.
    return `${fixed}Content-Length: ${body.length}\r\nwebhook-id: ${id}\r\nwebhook-timestamp: ${ts}\r\n` +
      `webhook-signature: ${signed?.signature ?? signWebhook(spec.secret, id, ts, body)}\r\n\r\n${body}`;
  };
  // Signed ahead, they are at most a run's length old when sent: well inside the ±5 minutes.
  const presignAt = Math.floor(Date.now() / 1000);
  const presigned = Array.from({ length: spec.presigned ?? 0 }, (_, i) => ({
    ts: presignAt, signature: signWebhook(spec.secret, `msg_${spec.runTag}_${i}`, presignAt, orderBody(i, presignAt)),
  }));

  const conns = await Promise.all(Array.from({ length: spec.connections }, () => Connection.open(target.hostname, Number(target.port))));
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  const measureFrom = start + spec.warmupMs;
  const end = measureFrom + spec.durationMs;

  async function once(conn: Connection): Promise<void> {
    const i = n++;
    const k = spec.cycle && presigned.length ? i % presigned.length : i;
    const next = request(k, presigned[k]);
    const t0 = performance.now();
    const status = await conn.send(next);
    const t1 = performance.now();
    sentTotal++;
    if (status >= 200 && status < 300) okTotal++;
    if (t0 >= measureFrom && t1 <= end) {
      latencies.push(t1 - t0);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  }

  await Promise.all(conns.map(async (conn) => {
    try {
      while (performance.now() < end) await once(conn);
    } catch {
      errors++;
    }
  }));
  for (const c of conns) c.close();
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  const ok = Object.entries(statuses).filter(([s]) => s.startsWith('2')).reduce((a, [, c]) => a + c, 0);
  return {
    requests: latencies.length, ok, statuses, errors, seconds: spec.durationMs / 1000,
    p50: q(0.5), p99: q(0.99), max: latencies.at(-1) ?? 0, okTotal, sentTotal, cpuUs: (({ user, system }) => (user + system) / Math.max(1, sentTotal))(process.cpuUsage(cpu0)),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runLoad(JSON.parse(process.argv[2]) as LoadSpec).then(
    (r) => process.stdout.write(`${JSON.stringify(r)}\n`),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
