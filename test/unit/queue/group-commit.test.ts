import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../../server/queue/group-commit';

describe('GroupCommit', () => {
  it('commits what arrives together as one group, and what arrives during a commit as the next', async () => {
    const groups: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const gc = new GroupCommit<number, number>(async (items) => {
      groups.push(items);
      if (groups.length === 1) await gate;
      return groups.length;
    });
    const first = [1, 2, 3].map((n) => gc.add(n));
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    const second = [4, 5].map((n) => gc.add(n));
    release();
    expect(await Promise.all(first)).toEqual([1, 1, 1]);
    expect(await Promise.all(second)).toEqual([2, 2]);
    expect(groups).toEqual([[1, 2, 3], [4, 5]]);
  });

  it('rejects every item of a failed group and keeps going with the next', async () => {
    let calls = 0;
    const gc = new GroupCommit<string>(async () => {
      calls++;
      if (calls === 1) throw new Error('disk full');
    });
    const a = gc.add('a');
    await expect(a).rejects.toThrow('disk full');
    await expect(gc.add('b')).resolves.toBeUndefined();
    await gc.drain();
    expect(calls).toBe(2);
  });

  it('splits a very large burst into groups of at most maxGroup', async () => {
    const sizes: number[] = [];
    const gc = new GroupCommit<number>(async (items) => { sizes.push(items.length); }, 10);
    await Promise.all(Array.from({ length: 25 }, (_, i) => gc.add(i)));
    expect(sizes).toEqual([10, 10, 5]);
  });
});
