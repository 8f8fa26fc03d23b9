/**
 * Per-target concurrency. A job may name a target (e.g. "sage-write:<store>"); at most
 * N jobs of one target run at once, across every worker and process sharing the database. N comes
 * from the longest configured prefix that matches the target (a prefix matches "prefix" itself and
 * "prefix:..."), else from the default, which is 1: naming a target means "serialize me" unless
 * configured otherwise.
 */
export type TargetLimits = Record<string, number>;

export const DEFAULT_TARGET_LIMIT = 1;

export function limitForTarget(target: string, limits: TargetLimits, fallback = DEFAULT_TARGET_LIMIT): number {
  let best: string | undefined;
  for (const prefix of Object.keys(limits)) {
    if ((target === prefix || target.startsWith(`${prefix}:`)) && (best === undefined || prefix.length > best.length)) {
      best = prefix;
    }
  }
  return best === undefined ? fallback : limits[best];
}

/**
 * The same rule as a SQL expression over `column`, with named arguments (`:tl_<n>_...`), so the
 * claim can apply it inside one statement. Longest prefix first, as in limitForTarget.
 */
export function targetLimitSql(
  column: string,
  limits: TargetLimits,
  fallback = DEFAULT_TARGET_LIMIT,
): { sql: string; args: Record<string, string | number> } {
  const prefixes = Object.keys(limits).sort((a, b) => b.length - a.length);
  const args: Record<string, string | number> = { tl_default: clampLimit(fallback) };
  const whens = prefixes.map((prefix, i) => {
    args[`tl_${i}_p`] = prefix;
    args[`tl_${i}_q`] = `${prefix}:`;
    args[`tl_${i}_n`] = prefix.length + 1;
    args[`tl_${i}_v`] = clampLimit(limits[prefix]);
    return `WHEN ${column} = :tl_${i}_p OR substr(${column}, 1, :tl_${i}_n) = :tl_${i}_q THEN :tl_${i}_v`;
  });
  return { sql: whens.length ? `(CASE ${whens.join(' ')} ELSE :tl_default END)` : ':tl_default', args };
}

function clampLimit(n: number): number {
  if (!Number.isFinite(n) || n < 1) throw new Error(`target limit must be a positive integer, got ${n}`);
  return Math.floor(n);
}
