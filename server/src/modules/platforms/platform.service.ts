import crypto from 'node:crypto';
import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { PlatformInput, PlatformView } from '../../../../contracts/platforms.ts';
import { inTransaction, type AppDeps } from '../../app/deps.ts';
import { AppError, errors } from '../../app/errors.ts';
import type { Db } from '../../db/client.ts';
import { enterprises, platforms, zones } from '../../db/schema/index.ts';
import { type Caller, isUniqueViolation, staleVersion, appendHistory, listHistory, recordChange, type HistorySource, loadReferenceIndex, ReferenceResolver, refView, type ReferenceIndex } from '../registry-common/index.ts';
import { unsafeEnterpriseIdsByUscc } from '../projects/index.ts';
import { maskPersonalColumns, openPersonalColumns, restorePersonalColumns, sealPersonalColumns, type PersonalColumns } from '../crypto/index.ts';
import { deletedPlatformScope, platformScope, platformWriteScope } from './platform.policy.ts';

export type PlatformRow = typeof platforms.$inferSelect;
/** A platform's contact is stored sealed (personal-fields.ts); opened by the presenter and audit view only. */
export const PLATFORM_PERSONAL: PersonalColumns = { contactName: 'name', contactPhone: 'mobile' };
export const notFoundPlatform = () => errors.notFound('平台', 'platform');
export interface PlatformFilter {
  q?: string | undefined;
  kind?: string | undefined;
  zone?: string | undefined;
  sort?: 'name' | 'code' | 'updatedAt' | undefined;
  order?: 'asc' | 'desc' | undefined;
}

const escapeLike = (q: string) => `%${q.replace(/[%_\\]/g, '\\$&')}%`;

export async function listPlatforms(db: Db, scope: SQL, filter: PlatformFilter, page: number, pageSize: number) {
  const conditions: SQL[] = [scope];
  if (filter.q) conditions.push(or(ilike(platforms.name, escapeLike(filter.q)), ilike(platforms.code, escapeLike(filter.q)), sql`array_to_string(${platforms.services}, ' ') ILIKE ${escapeLike(filter.q)}`)!);
  if (filter.kind) conditions.push(eq(platforms.kind, filter.kind));
  if (filter.zone) conditions.push(eq(zones.code, filter.zone));
  const where = and(...conditions)!;
  const column = filter.sort === 'code' ? platforms.code : filter.sort === 'updatedAt' ? platforms.updatedAt : platforms.name;
  const [items, [count]] = await Promise.all([
    db
      .select({ row: platforms, operatorName: enterprises.name, operatorUscc: enterprises.uscc })
      .from(platforms)
      .leftJoin(zones, eq(zones.id, platforms.zoneId))
      .leftJoin(enterprises, eq(enterprises.id, platforms.operatorEnterpriseId))
      .where(where)
      .orderBy(filter.order === 'desc' ? desc(column) : asc(column), asc(platforms.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(platforms).leftJoin(zones, eq(zones.id, platforms.zoneId)).where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}

async function findPlatform(db: Db, scope: SQL, id: string) {
  const [row] = await db
    .select({ row: platforms, operatorName: enterprises.name, operatorUscc: enterprises.uscc })
    .from(platforms)
    .leftJoin(enterprises, eq(enterprises.id, platforms.operatorEnterpriseId))
    .where(and(scope, eq(platforms.id, id)));
  return row;
}

export function presentPlatform(r: { row: PlatformRow; operatorName: string | null; operatorUscc: string | null }, index: ReferenceIndex): PlatformView {
  return {
    id: r.row.id,
    code: r.row.code,
    name: r.row.name,
    kind: r.row.kind as PlatformView['kind'],
    zone: refView(index, r.row.zoneId),
    carrier: refView(index, r.row.carrierId),
    operator: r.operatorUscc ? { name: r.operatorName ?? '', uscc: r.operatorUscc } : null,
    namedInPolicy: r.row.namedInPolicy,
    services: r.row.services,
    // Masked by default (张*, 138****5678); the clear values through the audited reveal route.
    ...maskPersonalColumns(contactOfPlatform(r.row), PLATFORM_PERSONAL),
    note: r.row.note,
    isDemo: r.row.isDemo,
    version: r.row.version,
    updatedAt: r.row.updatedAt.toISOString(),
  };
}

/** The contract's fields, references by code: the history and the import's stored view. */
export function auditViewOfPlatform(r: { row: PlatformRow; operatorUscc: string | null }, index: ReferenceIndex) {
  return {
    code: r.row.code,
    name: r.row.name,
    kind: r.row.kind,
    zone: refView(index, r.row.zoneId)?.code ?? null,
    carrier: refView(index, r.row.carrierId)?.code ?? null,
    operatorUscc: r.operatorUscc,
    namedInPolicy: r.row.namedInPolicy,
    services: r.row.services,
    ...contactOfPlatform(r.row),
    note: r.row.note,
  };
}

/** The platform's contact in the clear. */
export function contactOfPlatform(row: PlatformRow) {
  const open = openPersonalColumns({ id: row.id, contactName: row.contactName, contactPhone: row.contactPhone }, PLATFORM_PERSONAL);
  return { contactName: open.contactName, contactPhone: open.contactPhone };
}

async function valuesOf(tx: Db, input: PlatformInput, index: ReferenceIndex) {
  const refs = new ReferenceResolver(index);
  const operatorEnterpriseId = input.operatorUscc ? ((await unsafeEnterpriseIdsByUscc(tx, [input.operatorUscc])).get(input.operatorUscc) ?? null) : null;
  const values = platformValuesOf(input, refs, operatorEnterpriseId);
  refs.throwIfProblems();
  return values;
}

/**
 * A platform input's stored columns (the form's and the import's alike), given the operator found by its credit
 * code; unknown references, and an operator code that names no registered enterprise, are collected in `refs`.
 */
export function platformValuesOf(input: PlatformInput, refs: ReferenceResolver, operatorEnterpriseId: string | null) {
  const zone = refs.zone(input.zone);
  const carrier = refs.carrier(input.carrier);
  if (input.operatorUscc && !operatorEnterpriseId) {
    refs.problems.push({ path: 'body.operatorUscc', rule: 'reference', message: '该统一社会信用代码的企业未登记', messageEn: 'No registered enterprise has this credit code' });
  }
  return {
    name: input.name,
    kind: input.kind,
    zoneId: zone?.id ?? carrier?.zoneId ?? null,
    carrierId: carrier?.id ?? null,
    operatorEnterpriseId,
    namedInPolicy: input.namedInPolicy,
    services: [...new Set(input.services)],
    contactName: input.contactName ?? null,
    contactPhone: input.contactPhone ?? null,
    note: input.note ?? null,
  };
}

interface WriteOptions {
  source: HistorySource;
  audit: boolean;
}
async function record(tx: Db, deps: AppDeps, caller: Caller, options: WriteOptions, event: Parameters<typeof appendHistory>[2]) {
  if (options.audit) await recordChange(tx, deps.audit, caller, event, deps.clock());
  else await appendHistory(tx, caller, event, deps.clock());
}

export const commissionOnlyPlatforms = () => new AppError(403, 'OUT_OF_SCOPE', '平台由区经委维护', 'Platforms are maintained by the commission');

export async function insertPlatform(tx: Db, deps: AppDeps, caller: Caller, input: PlatformInput, index: ReferenceIndex, options: WriteOptions) {
  if (caller.actor.role !== 'commission') throw commissionOnlyPlatforms();
  const now = deps.clock();
  // The id is chosen here so the contact is sealed bound to it.
  const id = crypto.randomUUID();
  const [row] = await tx
    .insert(platforms)
    .values({ ...sealPersonalColumns(id, restorePersonalColumns(await valuesOf(tx, input, index), null, PLATFORM_PERSONAL), PLATFORM_PERSONAL), id, code: input.code ?? `platform-${crypto.randomBytes(4).toString('hex')}`, createdAt: now, updatedAt: now })
    .returning();
  const found = (await findPlatform(tx, sql`true`, row!.id))!;
  await record(tx, deps, caller, options, { objectType: 'platform', objectId: row!.id, action: 'platform.create', before: null, after: auditViewOfPlatform(found, index), source: options.source });
  return row!;
}

export async function updatePlatformRow(tx: Db, deps: AppDeps, caller: Caller, id: string, version: number | null, input: PlatformInput, index: ReferenceIndex, options: WriteOptions) {
  const before = await findPlatform(tx, platformWriteScope(caller.actor), id);
  if (!before) throw notFoundPlatform();
  const [row] = await tx
    .update(platforms)
    .set({ ...sealPersonalColumns(id, restorePersonalColumns(await valuesOf(tx, input, index), contactOfPlatform(before.row), PLATFORM_PERSONAL), PLATFORM_PERSONAL), ...(input.code ? { code: input.code } : {}), version: sql`${platforms.version} + 1`, updatedAt: deps.clock() })
    .where(and(eq(platforms.id, id), version === null ? sql`true` : eq(platforms.version, version)))
    .returning();
  if (!row) throw staleVersion(before.row.version);
  const after = (await findPlatform(tx, sql`true`, id))!;
  await record(tx, deps, caller, options, { objectType: 'platform', objectId: id, action: 'platform.update', before: auditViewOfPlatform(before, index), after: auditViewOfPlatform(after, index), source: options.source });
  return row;
}

export async function storedPlatformView(tx: Db, caller: Caller, id: string, index: ReferenceIndex) {
  const found = await findPlatform(tx, platformWriteScope(caller.actor), id);
  return found ? auditViewOfPlatform(found, index) : {};
}

export async function unsafeFindPlatforms(db: Db, codes: string[], names: string[]) {
  if (!codes.length && !names.length) return [];
  const conditions: SQL[] = [];
  if (codes.length) conditions.push(inArray(platforms.code, codes));
  if (names.length) conditions.push(inArray(platforms.name, names));
  return db.select({ id: platforms.id, code: platforms.code, name: platforms.name }).from(platforms).where(or(...conditions));
}

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError(409, 'PLATFORM_CODE_TAKEN', '平台编号已被使用', 'The platform code is taken');
    throw error;
  }
}

export function createPlatformService(deps: AppDeps) {
  const db = () => deps.database.db;
  const api: WriteOptions = { source: 'api', audit: true };
  const view = async (dbx: Db, caller: Caller, id: string) => {
    const found = await findPlatform(dbx, platformScope(caller.actor), id);
    if (!found) throw notFoundPlatform();
    return presentPlatform(found, await loadReferenceIndex(dbx));
  };
  const softDelete = (deleted: boolean) => async (caller: Caller, id: string) =>
    inTransaction(deps, async (tx) => {
      if (!(await findPlatform(tx, deleted ? platformWriteScope(caller.actor) : deletedPlatformScope(caller.actor), id))) throw notFoundPlatform();
      const now = deps.clock();
      await tx.update(platforms).set({ deletedAt: deleted ? now : null, updatedAt: now, version: sql`${platforms.version} + 1` }).where(eq(platforms.id, id));
      await recordChange(tx, deps.audit, caller, { objectType: 'platform', objectId: id, action: deleted ? 'platform.delete' : 'platform.restore', before: { deleted: !deleted }, after: { deleted } }, now);
      return deleted ? { id, deletedAt: now.toISOString() } : view(tx, caller, id);
    });
  return {
    get: (caller: Caller, id: string) => view(db(), caller, id),
    /** The clear contact of one platform in the caller's scope; audited. */
    revealContact: (caller: Caller, id: string) =>
      inTransaction(deps, async (tx) => {
        const found = await findPlatform(tx, platformScope(caller.actor), id);
        if (!found) throw notFoundPlatform();
        await deps.audit.inTransaction(tx, caller.audit, caller.origin, { action: 'personal.reveal', objectType: 'platform', objectId: id, details: { fields: ['contactName', 'contactPhone'] } });
        return contactOfPlatform(found.row);
      }),
    create: (caller: Caller, input: PlatformInput) =>
      guarded(() => inTransaction(deps, async (tx) => view(tx, caller, (await insertPlatform(tx, deps, caller, input, await loadReferenceIndex(tx), api)).id))),
    update: (caller: Caller, id: string, version: number, input: PlatformInput) =>
      guarded(() =>
        inTransaction(deps, async (tx) => {
          await updatePlatformRow(tx, deps, caller, id, version, input, await loadReferenceIndex(tx), api);
          return view(tx, caller, id);
        }),
      ),
    remove: softDelete(true),
    restore: softDelete(false),
    async history(caller: Caller, id: string) {
      if (!(await findPlatform(db(), platformScope(caller.actor), id))) throw notFoundPlatform();
      return { items: await listHistory(db(), 'platform', id) };
    },
  };
}
