import { Webhook } from 'standardwebhooks';
import { describe, expect, test } from 'vitest';
import { decodeWebhookSecret, signWebhook, verifyWebhook } from '../../../server/connectors/clarity/webhook-signature';

// The contract's reference vector (from the Standard Webhooks libraries' own tests).
const REF = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: '1614265330',
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const refNow = Number(REF.timestamp) * 1000;

describe('Standard Webhooks verification', () => {
  test('the reference vector verifies, and signing reproduces it', () => {
    expect(signWebhook(REF.secret, REF.id, Number(REF.timestamp), REF.body)).toBe(REF.signature);
    const v = verifyWebhook(REF.secret, REF, Buffer.from(REF.body), { nowMs: refNow });
    expect(v).toEqual({ valid: true, id: REF.id, timestampSec: 1614265330 });
  });

  test('payloads signed by the standardwebhooks package verify, and theirs accepts ours', () => {
    const secret = 'whsec_' + Buffer.from('a 32 byte secret for this test!!').toString('base64');
    const wh = new Webhook(secret);
    const now = new Date();
    const body = JSON.stringify({ type: 'order.created', data: { ID: 1, Name: 'Zoë' } });
    const theirs = wh.sign('msg_1', now, body);
    expect(verifyWebhook(secret, { id: 'msg_1', timestamp: String(Math.floor(+now / 1000)), signature: theirs }, body, { nowMs: +now }).valid).toBe(true);
    const ours = signWebhook(secret, 'msg_2', Math.floor(+now / 1000), body);
    expect(() => wh.verify(body, { 'webhook-id': 'msg_2', 'webhook-timestamp': String(Math.floor(+now / 1000)), 'webhook-signature': ours })).not.toThrow();
  });

  test('one valid entry among several is enough; other versions are ignored', () => {
    const other = signWebhook('whsec_' + Buffer.from('old secret').toString('base64'), REF.id, 1614265330, REF.body);
    const signature = `v2,${REF.signature.slice(3)} ${other} ${REF.signature}`;
    expect(verifyWebhook(REF.secret, { ...REF, signature }, REF.body, { nowMs: refNow }).valid).toBe(true);
    expect(verifyWebhook(REF.secret, { ...REF, signature: `v2,${REF.signature.slice(3)} ${other}` }, REF.body, { nowMs: refNow }))
      .toMatchObject({ valid: false, reason: 'no_matching_signature' });
  });

  test('several secrets: any may match (rotation on our side)', () => {
    const v = verifyWebhook([decodeWebhookSecret('whsec_b3RoZXI='), REF.secret], REF, REF.body, { nowMs: refNow });
    expect(v.valid).toBe(true);
  });

  test.each([
    ['exactly 5 minutes old', -300, true, undefined],
    ['5 minutes and 1 s old', -301, false, 'timestamp_expired'],
    ['exactly 5 minutes ahead', 300, true, undefined],
    ['5 minutes and 1 s ahead', 301, false, 'timestamp_in_future'],
  ])('timestamp %s', (_name, offsetSec, valid, reason) => {
    const nowMs = refNow - offsetSec * 1000;
    const v = verifyWebhook(REF.secret, REF, REF.body, { nowMs });
    expect(v.valid).toBe(valid);
    if (!v.valid) expect(v.reason).toBe(reason);
  });

  test.each([
    ['wrong secret', { secret: 'whsec_' + Buffer.from('wrong').toString('base64') }, 'no_matching_signature'],
    ['truncated signature', { signature: REF.signature.slice(0, 20) }, 'no_matching_signature'],
    ['signature without version', { signature: REF.signature.slice(3) }, 'no_matching_signature'],
    ['signature not base64', { signature: 'v1,!!!!' }, 'no_matching_signature'],
    ['altered body', { body: '{"test": 2432232315}' }, 'no_matching_signature'],
    ['altered id', { id: 'msg_other' }, 'no_matching_signature'],
    ['missing id', { id: '' }, 'missing_headers'],
    ['missing signature', { signature: undefined }, 'missing_headers'],
    ['timestamp not a number', { timestamp: 'yesterday' }, 'bad_timestamp'],
    ['timestamp in exponent form', { timestamp: '1.6e9' }, 'bad_timestamp'],
  ])('%s is refused', (_name, change, reason) => {
    const c = { ...REF, ...change } as typeof REF;
    const v = verifyWebhook(c.secret, c, c.body, { nowMs: refNow });
    expect(v).toMatchObject({ valid: false, reason });
  });

  test('secrets decode with or without the whsec_ prefix; garbage is refused', () => {
    expect(decodeWebhookSecret(REF.secret)).toEqual(decodeWebhookSecret(REF.secret.slice(6)));
    expect(() => decodeWebhookSecret('whsec_not base64!')).toThrow();
  });
});
