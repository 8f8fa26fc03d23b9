import { PassThrough } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { readBody } from '../../../server/webhooks/read-body';

/**
 * Under the Node server the webhook body is read from Node's request stream itself. A stream is a
 * real one here (what Node's request is), fed as a socket would feed it.
 */
const request = () => new Request('http://app.test/webhooks', { method: 'POST', body: 'unused' });

describe('readBody from a Node stream', () => {
  test('gathers every chunk, in order', async () => {
    const stream = new PassThrough();
    const read = readBody(request(), 1024, '11', stream);
    stream.write('hello ');
    setImmediate(() => stream.end('world'));
    const r = await read;
    expect(r.ok && r.bytes.toString()).toBe('hello world');
  });

  test('an empty body ends at once', async () => {
    const stream = new PassThrough();
    const read = readBody(request(), 1024, '0', stream);
    stream.end();
    const r = await read;
    expect(r.ok && r.bytes.length).toBe(0);
  });

  test('fails when the sender goes away before the end', async () => {
    const stream = new PassThrough();
    const read = readBody(request(), 1024, '100', stream);
    stream.write('half of it');
    setImmediate(() => stream.destroy());
    await expect(read).rejects.toThrow(/closed the connection before the body was read/);
  });

  test("a stream error is the read's error", async () => {
    const stream = new PassThrough();
    const read = readBody(request(), 1024, '100', stream);
    setImmediate(() => stream.destroy(new Error('ECONNRESET')));
    await expect(read).rejects.toThrow('ECONNRESET');
  });

  test('a declared length over the limit is refused before a byte is read', async () => {
    const stream = new PassThrough();
    const r = await readBody(request(), 10, '11', stream);
    expect(r).toMatchObject({ ok: false, status: 413 });
    expect(stream.listenerCount('data')).toBe(0);
  });
});
