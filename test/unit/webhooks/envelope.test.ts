import { describe, expect, test } from 'vitest';
import { webhookEnvelopeSchema } from '../../../server/connectors/clarity/schemas';
import { parseEnvelope } from '../../../server/webhooks/envelope';

/**
 * The intake checks the envelope by hand (it is on every request's path); it must accept and
 * refuse exactly what the contract's schema does.
 */
const at = '2026-11-29T10:00:00.000Z';
const cases: Array<[string, string]> = [
  ['an order event', JSON.stringify({ type: 'order.created', timestamp: at, data: { ID: 1 } })],
  ['extra fields', JSON.stringify({ type: 'x', timestamp: at, data: {}, more: [1] })],
  ['a timestamp with an offset', JSON.stringify({ type: 'x', timestamp: '2026-11-29T10:00:00+02:00', data: {} })],
  ['a date-only timestamp', JSON.stringify({ type: 'x', timestamp: '2026-11-29', data: {} })],
  ['a 100-character type', JSON.stringify({ type: 't'.repeat(100), timestamp: at, data: {} })],
  ['a 101-character type', JSON.stringify({ type: 't'.repeat(101), timestamp: at, data: {} })],
  ['an empty type', JSON.stringify({ type: '', timestamp: at, data: {} })],
  ['a numeric type', JSON.stringify({ type: 7, timestamp: at, data: {} })],
  ['no type', JSON.stringify({ timestamp: at, data: {} })],
  ['no timestamp', JSON.stringify({ type: 'x', data: {} })],
  ['an empty timestamp', JSON.stringify({ type: 'x', timestamp: '', data: {} })],
  ['a timestamp that is no date', JSON.stringify({ type: 'x', timestamp: 'yesterday', data: {} })],
  ['a numeric timestamp', JSON.stringify({ type: 'x', timestamp: 1764410400, data: {} })],
  ['no data', JSON.stringify({ type: 'x', timestamp: at })],
  ['data null', JSON.stringify({ type: 'x', timestamp: at, data: null })],
  ['data an array', JSON.stringify({ type: 'x', timestamp: at, data: [1] })],
  ['data a string', JSON.stringify({ type: 'x', timestamp: at, data: 'order' })],
  ['a JSON array', JSON.stringify([{ type: 'x', timestamp: at, data: {} }])],
  ['a JSON string', JSON.stringify('event')],
  ['JSON null', 'null'],
  ['not JSON', 'type=order.created'],
  ['an empty body', ''],
];

describe('parseEnvelope', () => {
  test.each(cases)('%s: same verdict as the envelope schema', (_name, text) => {
    const got = parseEnvelope(text);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      expect(got).toMatchObject({ ok: false, code: 'MalformedJson' });
      return;
    }
    const want = webhookEnvelopeSchema.safeParse(json);
    if (want.success) {
      expect(got).toEqual({ ok: true, data: { type: want.data.type, timestamp: want.data.timestamp, data: want.data.data } });
    } else {
      expect(got).toMatchObject({ ok: false, code: 'BadEnvelope' });
      // The message names the first field the schema objects to.
      const field = String(want.error.issues[0].path[0] ?? 'body');
      expect((got as { message: string }).message.startsWith(`${field}:`)).toBe(true);
    }
  });
});
