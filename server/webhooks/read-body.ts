import type { Readable } from 'node:stream';
import type { z } from 'zod';

/**
 * Reads a request body up to a limit. A declared Content-Length over the limit is refused before
 * a byte is read; a body without one (chunked) is counted as it streams and cut off at the limit.
 * Either way the bytes actually read are checked too, so a lying header cannot get more through.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

export type BodyRead =
  | { ok: true; bytes: Buffer }
  | { ok: false; status: 400 | 413; code: string; message: string };

const tooLarge = (limit: number): BodyRead =>
  ({ ok: false, status: 413, code: 'PayloadTooLarge', message: `body is larger than ${limit} bytes` });

/**
 * `contentLength`: the request's Content-Length header when the caller has already read it.
 * `incoming`: Node's request stream, when there is one, to read the bytes from directly (the
 * Fetch Request would copy them once more into an ArrayBuffer).
 */
export async function readBody(
  req: Request,
  limit = MAX_BODY_BYTES,
  contentLength: string | null | undefined = req.headers.get('content-length'),
  incoming?: Readable,
): Promise<BodyRead> {
  const declared = contentLength ?? null;
  if (declared !== null) {
    if (!/^\d+$/.test(declared)) return { ok: false, status: 400, code: 'BadRequest', message: 'invalid Content-Length' };
    if (Number(declared) > limit) return tooLarge(limit);
    // The HTTP parser stops at the declared length, so this read is bounded.
    const bytes = incoming ? await readStream(incoming) : Buffer.from(await req.arrayBuffer());
    return bytes.length > limit ? tooLarge(limit) : { ok: true, bytes };
  }
  if (!req.body) return { ok: true, bytes: Buffer.alloc(0) };
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      return tooLarge(limit);
    }
    chunks.push(value);
  }
  return { ok: true, bytes: Buffer.concat(chunks, total) };
}

/**
 * A Node stream read to its end; fails if it errors or closes first (the client went away).
 * The handlers are written inline (on the webhook path every named closure made per request
 * costs), and the 'close' that follows a normal 'end' does nothing.
 */
function readStream(stream: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let ended = false;
    stream.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      total += chunk.length;
    });
    stream.once('end', () => {
      ended = true;
      resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total));
    });
    stream.once('error', reject);
    stream.once('close', () => {
      if (!ended) reject(new Error('the client closed the connection before the body was read'));
    });
  });
}

export type Parsed<T> = { ok: true; data: T } | { ok: false; code: 'MalformedJson' | 'BadEnvelope'; message: string };

/** A body as JSON, checked against the event's schema; the first problem, named, if it is not one. */
export function parseEvent<S extends z.ZodType>(text: string, schema: S): Parsed<z.infer<S>> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, code: 'MalformedJson', message: 'body is not JSON' };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, code: 'BadEnvelope', message: `${issue.path.join('.') || 'body'}: ${issue.message}` };
}
