import crypto from 'node:crypto';
import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { ExpertInput, ExpertView } from '../../../../contracts/experts.ts';
import type { Actor } from '../../app/actor.ts';
import { inTransaction, type AppDeps } from '../../app/deps.ts';
import { AppError, errors } from '../../app/errors.ts';
import type { Db } from '../../db/client.ts';
import { enterprises, expertConflicts, experts } from '../../db/schema/index.ts';
import { type Caller, isUniqueViolation, staleVersion, appendHistory, listHistory, recordChange, type HistorySource, loadReferenceIndex, ReferenceResolver, type ReferenceIndex } from '../registry-common/index.ts';
import { unsafeEnterpriseIdsByUscc } from '../projects/index.ts';
import { maskPersonalColumns, openPersonalColumns, restorePersonalColumns, sealPersonalColumns, type PersonalColumns } from '../crypto/index.ts';
import { canSeeExpertConflicts, canSeeExpertContacts, deletedExpertScope, expertScope, expertWriteScope, hiddenExpertFields } from './expert.policy.ts';

export type ExpertRow = typeof experts.$inferSelect;
/** An expert's phone and e-mail are stored sealed (personal-fields.ts); opened by the presenter and audit view only. */
export const EXPERT_PERSONAL: PersonalColumns = { phone: 'mobile', email: 'email' };
export const notFoundExpert = () => errors.notFound('专家', 'expert');
export interface ExpertFilter {
  q?: string | undefined;
  domain?: string | undefined;
  committee?: boolean | undefined;
  sort?: 'name' | 'code' | 'updatedAt' | undefined;
  order?: 'asc' | 'desc' | undefined;
}
const escapeLike = (q: string) => `%${q.replace(/[%_\\]/g, '\\$&')}%`;

export async function listExperts(db: Db, scope: SQL, filter: ExpertFilter, page: number, pageSize: number) {
  const conditions: SQL[] = [scope];
  if (filter.q) {
    const like = escapeLike(filter.q);
    conditions.push(or(ilike(experts.name, like), ilike(experts.affiliation, like), sql`array_to_string(${experts.fields}, ' ') ILIKE ${like}`)!);
  }
  if (filter.domain) conditions.push(sql`${filter.domain} = ANY(${experts.domainCodes})`);
  if (filter.committee !== undefined) conditions.push(eq(experts.isCommitteeMember, filter.committee));
  const where = and(...conditions)!;
  const column = filter.sort === 'code' ? experts.code : filter.sort === 'updatedAt' ? experts.updatedAt : experts.name;
  const [items, [count]] = await Promise.all([
    db.select().from(experts).where(where).orderBy(filter.order === 'desc' ? desc(column) : asc(column), asc(experts.id)).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(experts).where(where),
  ]);
  return { items, total: count?.n ?? 0 };
}

export async function conflictsOf(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ c: expertConflicts, name: enterprises.name, uscc: enterprises.uscc })
    .from(expertConflicts)
    .innerJoin(enterprises, eq(enterprises.id, expertConflicts.enterpriseId))
    .where(inArray(expertConflicts.expertId, [...ids]))
    // A stable order (by the enterprise's credit code), the same on every engine.
    .orderBy(enterprises.uscc);
}

/** Presenter: contact details and conflicts only for those the policy allows (null otherwise). */
export function presentExpert(actor: Actor, stored: ExpertRow, conflicts: Awaited<ReturnType<typeof conflictsOf>>, index: ReferenceIndex): ExpertView {
  const contacts = canSeeExpertContacts(actor);
  // Masked by default (138****5678) even for the commission; the clear values through the audited reveal.
  const row = contacts ? maskPersonalColumns(openPersonalColumns(stored, EXPERT_PERSONAL), EXPERT_PERSONAL) : stored;
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    title: row.title,
    affiliation: row.affiliation,
    domains: row.domainCodes.map((code) => ({ code, name: index.domains.get(code)?.nameZh ?? code })),
    fields: row.fields,
    isCommitteeMember: row.isCommitteeMember,
    phone: contacts ? row.phone : null,
    email: contacts ? row.email : null,
    note: row.note,
    conflicts: canSeeExpertConflicts(actor)
      ? conflicts.filter((c) => c.c.expertId === row.id).map((c) => ({ enterprise: { name: c.name, uscc: c.uscc }, relation: c.c.relation, declaredOn: c.c.declaredOn }))
      : null,
    isDemo: row.isDemo,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Clear values (opened): history and audit keep their masked form only (record-history.ts). */
export function auditViewOfExpert(stored: ExpertRow, conflicts: Awaited<ReturnType<typeof conflictsOf>>) {
  const row = openPersonalColumns(stored, EXPERT_PERSONAL);
  return {
    code: row.code,
    name: row.name,
    title: row.title,
    affiliation: row.affiliation,
    domains: row.domainCodes,
    fields: row.fields,
    isCommitteeMember: row.isCommitteeMember,
    phone: row.phone,
    email: row.email,
    note: row.note,
    conflicts: conflicts.filter((c) => c.c.expertId === row.id).map((c) => ({ enterpriseUscc: c.uscc, relation: c.c.relation, declaredOn: c.c.declaredOn })),
  };
}

async function writeConflicts(tx: Db, expertId: string, input: ExpertInput) {
  const ids = await unsafeEnterpriseIdsByUscc(tx, input.conflicts.map((c) => c.enterpriseUscc));
  const problems = input.conflicts
    .map((c, i) => (ids.has(c.enterpriseUscc) ? null : { path: `body.conflicts.${i}.enterpriseUscc`, rule: 'reference', message: '该统一社会信用代码的企业未登记', messageEn: 'No registered enterprise has this credit code' }))
    .filter((p): p is NonNullable<typeof p> => p !== null);
  if (problems.length) throw errors.validation(problems);
  await tx.delete(expertConflicts).where(eq(expertConflicts.expertId, expertId));
  const unique = new Map(input.conflicts.map((c) => [ids.get(c.enterpriseUscc)!, c]));
  if (unique.size) await tx.insert(expertConflicts).values([...unique].map(([enterpriseId, c]) => ({ expertId, enterpriseId, relation: c.relation, declaredOn: c.declaredOn ?? null })));
}

function valuesOf(input: ExpertInput, index: ReferenceIndex) {
  const refs = new ReferenceResolver(index);
  const values = expertValuesOf(input, refs);
  refs.throwIfProblems();
  return values;
}

/** An expert input's stored columns (the form's and the import's alike); unknown domains are collected in `refs`. */
export function expertValuesOf(input: ExpertInput, refs: ReferenceResolver) {
  input.domains.forEach((d, i) => refs.domain(d, `body.domains.${i}`));
  return {
    name: input.name,
    title: input.title ?? null,
    affiliation: input.affiliation ?? null,
    domainCodes: [...new Set(input.domains)],
    fields: [...new Set(input.fields)],
    isCommitteeMember: input.isCommitteeMember,
    phone: input.phone ?? null,
    email: input.email ?? null,
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

export const commissionOnlyExperts = () => new AppError(403, 'OUT_OF_SCOPE', '专家库由区经委维护', 'The expert pool is maintained by the commission');

export async function insertExpert(tx: Db, deps: AppDeps, caller: Caller, input: ExpertInput, index: ReferenceIndex, options: WriteOptions) {
  if (caller.actor.role !== 'commission') throw commissionOnlyExperts();
  const now = deps.clock();
  // The id is chosen here so the personal values are sealed bound to it.
  const id = crypto.randomUUID();
  const values = sealPersonalColumns(id, restorePersonalColumns(valuesOf(input, index), null, EXPERT_PERSONAL), EXPERT_PERSONAL);
  const [row] = await tx.insert(experts).values({ ...values, id, code: input.code ?? `ZJ-${crypto.randomBytes(3).toString('hex').toUpperCase()}`, createdAt: now, updatedAt: now }).returning();
  await writeConflicts(tx, row!.id, input);
  await record(tx, deps, caller, options, { objectType: 'expert', objectId: row!.id, action: 'expert.create', before: null, after: auditViewOfExpert(row!, await conflictsOf(tx, [row!.id])), source: options.source });
  return row!;
}

export async function updateExpertRow(tx: Db, deps: AppDeps, caller: Caller, id: string, version: number | null, input: ExpertInput, index: ReferenceIndex, options: WriteOptions) {
  const [before] = await tx.select().from(experts).where(and(expertWriteScope(caller.actor), eq(experts.id, id)));
  if (!before) throw notFoundExpert();
  const beforeView = auditViewOfExpert(before, await conflictsOf(tx, [id]));
  const [row] = await tx
    .update(experts)
    .set({ ...sealPersonalColumns(id, restorePersonalColumns(valuesOf(input, index), beforeView, EXPERT_PERSONAL), EXPERT_PERSONAL), ...(input.code ? { code: input.code } : {}), version: sql`${experts.version} + 1`, updatedAt: deps.clock() })
    .where(and(eq(experts.id, id), version === null ? sql`true` : eq(experts.version, version)))
    .returning();
  if (!row) throw staleVersion(before.version);
  await writeConflicts(tx, id, input);
  await record(tx, deps, caller, options, { objectType: 'expert', objectId: id, action: 'expert.update', before: beforeView, after: auditViewOfExpert(row, await conflictsOf(tx, [id])), source: options.source });
  return row;
}

export async function storedExpertView(tx: Db, caller: Caller, id: string) {
  const [row] = await tx.select().from(experts).where(and(expertWriteScope(caller.actor), eq(experts.id, id)));
  return row ? auditViewOfExpert(row, await conflictsOf(tx, [id])) : {};
}

export async function unsafeFindExperts(db: Db, codes: string[]) {
  if (!codes.length) return [];
  return db.select({ id: experts.id, code: experts.code }).from(experts).where(inArray(experts.code, codes));
}

export function createExpertService(deps: AppDeps) {
  const db = () => deps.database.db;
  const api: WriteOptions = { source: 'api', audit: true };
  const view = async (dbx: Db, caller: Caller, id: string) => {
    const [row] = await dbx.select().from(experts).where(and(expertScope(caller.actor), eq(experts.id, id)));
    if (!row) throw notFoundExpert();
    return presentExpert(caller.actor, row, await conflictsOf(dbx, [id]), await loadReferenceIndex(dbx));
  };
  const guarded = async <T>(work: () => Promise<T>) => {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError(409, 'EXPERT_CODE_TAKEN', '专家编号已被使用', 'The expert code is taken');
      throw error;
    }
  };
  const softDelete = (deleted: boolean) => async (caller: Caller, id: string) =>
    inTransaction(deps, async (tx) => {
      const scope = deleted ? expertWriteScope(caller.actor) : deletedExpertScope(caller.actor);
      if (!(await tx.select({ id: experts.id }).from(experts).where(and(scope, eq(experts.id, id)))).length) throw notFoundExpert();
      const now = deps.clock();
      await tx.update(experts).set({ deletedAt: deleted ? now : null, updatedAt: now, version: sql`${experts.version} + 1` }).where(eq(experts.id, id));
      await recordChange(tx, deps.audit, caller, { objectType: 'expert', objectId: id, action: deleted ? 'expert.delete' : 'expert.restore', before: { deleted: !deleted }, after: { deleted } }, now);
      return deleted ? { id, deletedAt: now.toISOString() } : view(tx, caller, id);
    });
  return {
    get: (caller: Caller, id: string) => view(db(), caller, id),
    create: (caller: Caller, input: ExpertInput) =>
      guarded(() => inTransaction(deps, async (tx) => view(tx, caller, (await insertExpert(tx, deps, caller, input, await loadReferenceIndex(tx), api)).id))),
    update: (caller: Caller, id: string, version: number, input: ExpertInput) =>
      guarded(() =>
        inTransaction(deps, async (tx) => {
          await updateExpertRow(tx, deps, caller, id, version, input, await loadReferenceIndex(tx), api);
          return view(tx, caller, id);
        }),
      ),
    /** The clear phone and e-mail of one expert (commission only, as the contacts policy says); audited. */
    revealContacts: (caller: Caller, id: string) =>
      inTransaction(deps, async (tx) => {
        const [row] = canSeeExpertContacts(caller.actor) ? await tx.select().from(experts).where(and(expertScope(caller.actor), eq(experts.id, id))) : [];
        if (!row) throw notFoundExpert();
        const open = openPersonalColumns(row, EXPERT_PERSONAL);
        await deps.audit.inTransaction(tx, caller.audit, caller.origin, { action: 'personal.reveal', objectType: 'expert', objectId: id, details: { fields: ['phone', 'email'] } });
        return { phone: open.phone, email: open.email };
      }),
    remove: softDelete(true),
    restore: softDelete(false),
    async history(caller: Caller, id: string) {
      if (!(await db().select({ id: experts.id }).from(experts).where(and(expertScope(caller.actor), eq(experts.id, id)))).length) throw notFoundExpert();
      return { items: await listHistory(db(), 'expert', id, hiddenExpertFields(caller.actor)) };
    },
  };
}
