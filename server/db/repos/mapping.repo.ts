import { and, desc, eq, sql } from 'drizzle-orm';
import { permanent } from '../../core/errors';
import { defaultMappingConfig, validateMappingConfig, type MappingConfig } from '../../mapping/config';
import type { Db } from '../client';
import { mappingVersions } from '../schema/installations';
import { auditInsert } from './audit.repo';

export type MappingVersion = typeof mappingVersions.$inferSelect;

export interface MappingInForce {
  config: MappingConfig;
  /** 0 when the store never saved a mapping and the defaults apply. */
  version: number;
  /** Problems with the stored row, when it no longer validates and the defaults were used instead. */
  problems?: string[];
}

/**
 * The mapping in force: the newest saved version, completed with defaults. A stored version that
 * no longer validates (the schema moved on) falls back to the defaults, and says so, rather than
 * stopping every order of the store.
 */
export async function getMappingInForce(db: Db, storeId: string): Promise<MappingInForce> {
  // Every order job reads the mapping; validating it each time costs more than the rest of the
  // read. The newest version number is asked every time (cheap), the config parsed only when it moved.
  const [head] = await db.select({ version: mappingVersions.version }).from(mappingVersions)
    .where(eq(mappingVersions.storeId, storeId)).orderBy(desc(mappingVersions.version)).limit(1);
  if (!head) return { config: defaultMappingConfig, version: 0 };
  let perDb = parsed.get(db);
  if (!perDb) parsed.set(db, (perDb = new Map()));
  const hit = perDb.get(storeId);
  if (hit?.version === head.version) return hit;
  const [row] = await db.select().from(mappingVersions)
    .where(and(eq(mappingVersions.storeId, storeId), eq(mappingVersions.version, head.version))).limit(1);
  const checked = validateMappingConfig(row.config);
  const inForce: MappingInForce = checked.ok
    ? { config: checked.config, version: row.version }
    : { config: defaultMappingConfig, version: row.version, problems: checked.problems };
  perDb.set(storeId, inForce);
  return inForce;
}

/** Validated configs by database and store, each tagged with its version. */
const parsed = new WeakMap<Db, Map<string, MappingInForce>>();

export async function getMappingConfig(db: Db, storeId: string): Promise<MappingConfig> {
  return (await getMappingInForce(db, storeId)).config;
}

/**
 * Saves a new version (never edits an old one: the history is the audit of what each order was
 * mapped with) and its audit row, in one transaction. The version number is computed inside the
 * INSERT, so two saves at once get distinct numbers. Invalid settings are refused, naming each.
 */
export async function saveMappingConfig(
  db: Db, storeId: string, config: unknown, actor: string, reason?: string | null, now = Date.now(),
): Promise<{ version: number; config: MappingConfig }> {
  const checked = validateMappingConfig(config);
  if (!checked.ok) {
    throw permanent('InvalidMapping', `The mapping was not saved: ${checked.problems.join('; ')}`, { status: 400, detail: checked.problems });
  }
  const nextVersion = sql`(SELECT COALESCE(MAX(${mappingVersions.version}), 0) + 1 FROM ${mappingVersions} WHERE ${mappingVersions.storeId} = ${storeId})`;
  const [inserted] = await db.batch([
    db.insert(mappingVersions)
      .values({ storeId, version: nextVersion as unknown as number, config: checked.config, actor, createdAt: now })
      .returning({ version: mappingVersions.version }),
    auditInsert(db, {
      storeId, actor, action: 'mapping.update', subject: `mapping:${storeId}`, reason: reason ?? null, at: now,
      detail: { config: checked.config },
    }),
  ]);
  return { version: inserted[0].version, config: checked.config };
}

/** Saved versions, newest first (the panel's history of mapping changes). */
export async function listMappingVersions(db: Db, storeId: string, limit = 50): Promise<MappingVersion[]> {
  return db.select().from(mappingVersions).where(eq(mappingVersions.storeId, storeId))
    .orderBy(desc(mappingVersions.version)).limit(limit);
}
