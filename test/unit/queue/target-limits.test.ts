import { createClient } from '@libsql/client';
import { afterAll, describe, expect, it } from 'vitest';
import { limitForTarget, targetLimitSql } from '../../../server/queue/target-limits';

const limits = { 'sage-write': 1, 'sage-write:big': 4, clarity: 6 };

const cases: Array<[string, number]> = [
  ['sage-write:http://gw:ABC', 1],
  ['sage-write', 1],
  ['sage-write:big', 4],
  ['sage-write:big:XYZ', 4],
  ['sage-writer:ABC', 2], // not the prefix "sage-write": a different word
  ['clarity:store-1', 6],
  ['other', 2],
  ["quote'd:target", 2],
];

describe('per-target limits', () => {
  it.each(cases)('%s → %i in code', (target, expected) => {
    expect(limitForTarget(target, limits, 2)).toBe(expected);
  });

  // The claim applies the same rule in SQL; both must agree on every case.
  const db = createClient({ url: ':memory:' });
  afterAll(() => db.close());
  it.each(cases)('%s → %i in SQL', async (target, expected) => {
    const expr = targetLimitSql('t', limits, 2);
    const rs = await db.execute({ sql: `SELECT ${expr.sql} AS n FROM (SELECT :target AS t)`, args: { ...expr.args, target } });
    expect(Number(rs.rows[0].n)).toBe(expected);
  });

  it('uses the default when no prefixes are configured', async () => {
    expect(limitForTarget('sage-write:ABC', {})).toBe(1);
    const expr = targetLimitSql('t', {}, 3);
    const rs = await db.execute({ sql: `SELECT ${expr.sql} AS n FROM (SELECT 'x' AS t)`, args: expr.args });
    expect(Number(rs.rows[0].n)).toBe(3);
  });

  it('refuses a limit below 1', () => {
    expect(() => targetLimitSql('t', { a: 0 })).toThrow(/positive/);
  });
});
