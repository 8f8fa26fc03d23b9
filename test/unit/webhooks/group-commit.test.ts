import { describe, expect, test } from 'vitest';
import { GroupCommit, SEND_AHEAD_SHARE } from '../../../server/webhooks/group-commit';

/**
 * GroupCommit's scheduling, with a commit function the test settles by hand: which groups are
 * formed, when each is sent, and in which order their items hear back.
 */
function harness(inFlight: number) {
  const sent: Array<{ items: number[]; previous: Promise<void>; settle: (err?: Error) => void }> = [];
  const heard: number[] = [];
  const gc = new GroupCommit<number>((items, previous) => new Promise<void>((resolve, reject) => {
    sent.push({ items, previous, settle: (err) => (err ? reject(err) : resolve()) });
  }), { inFlight: () => inFlight });
  const add = (...items: number[]) => items.map((n) => gc.add(n).then(() => heard.push(n), () => heard.push(-n)));
  return { gc, sent, heard, add };
}
const turn = () => new Promise<void>((r) => setImmediate(r));

describe('group commit', () => {
  test('one in flight: what queues meanwhile is the next group, sent when the first is done', async () => {
    const h = harness(1);
    h.add(1, 2, 3);
    await turn();
    expect(h.sent.map((s) => s.items)).toEqual([[1, 2, 3]]);
    h.add(4, 5, 6, 7, 8);
    await turn();
    expect(h.sent).toHaveLength(1);
    h.sent[0].settle();
    await turn();
    expect(h.sent.map((s) => s.items)).toEqual([[1, 2, 3], [4, 5, 6, 7, 8]]);
    expect(h.heard).toEqual([1, 2, 3]);
  });

  test(`two in flight: the next group is sent ahead once it holds ${SEND_AHEAD_SHARE} of the one committing`, async () => {
    const h = harness(2);
    let sentWhenFirstHeard = 0;
    void h.add(...Array.from({ length: 20 }, (_, i) => i + 1))[0].then(() => (sentWhenFirstHeard = h.sent.length));
    await turn();
    expect(h.sent).toHaveLength(1);
    const needed = Math.ceil(SEND_AHEAD_SHARE * 20);
    h.add(...Array.from({ length: needed - 1 }, (_, i) => 101 + i));
    await turn();
    expect(h.sent).toHaveLength(1);
    h.add(200);
    expect(h.sent).toHaveLength(2);
    expect(h.sent[1].items).toHaveLength(needed);
    // No third while two are in flight, whatever queues.
    h.add(...Array.from({ length: 40 }, (_, i) => 301 + i));
    await turn();
    expect(h.sent).toHaveLength(2);
    // The first done: the queue is sent (it is past the share of the one now committing) before
    // the first group's items hear back.
    h.sent[0].settle();
    await turn();
    expect(h.sent).toHaveLength(3);
    expect(sentWhenFirstHeard).toBe(3);
    expect(h.heard.slice(0, 20)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(h.heard).toHaveLength(20);
  });

  test('each commit is handed the settling of the one before it, failed or not', async () => {
    const h = harness(2);
    h.add(1, 2);
    await turn();
    h.add(3, 4);
    expect(h.sent).toHaveLength(2);
    let previousSettled = false;
    void h.sent[1].previous.then(() => (previousSettled = true));
    await turn();
    expect(previousSettled).toBe(false);
    h.sent[0].settle(new Error('disk full'));
    await turn();
    expect(previousSettled).toBe(true);
    h.sent[1].settle();
    await turn();
    expect(h.heard).toEqual([-1, -2, 3, 4]);
  });

  test('drain waits for what is queued and in flight', async () => {
    const h = harness(2);
    h.add(1, 2, 3);
    let drained = false;
    const d = h.gc.drain().then(() => (drained = true));
    await turn();
    h.add(4, 5, 6);
    await turn();
    h.sent[0].settle();
    await turn();
    expect(drained).toBe(false);
    h.sent[1].settle();
    await d;
    expect(h.heard).toEqual([1, 2, 3, 4, 5, 6]);
    await h.gc.drain();
  });
});
