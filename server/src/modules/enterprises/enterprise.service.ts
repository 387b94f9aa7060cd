import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { EnterpriseInput } from '../../../../contracts/enterprises.ts';
import { inTransaction, type AppDeps } from '../../app/deps.ts';
import { AppError, errors } from '../../app/errors.ts';
import type { Db } from '../../db/client.ts';
import { enterprises } from '../../db/schema/index.ts';
import { findSimilarNames } from '../../domain/registries/name-similarity.ts';
import { type Caller, isUniqueViolation, staleVersion, appendHistory, listHistory, recordChange, type ChangeEvent, type HistorySource, loadReferenceIndex, ReferenceResolver, type ReferenceIndex } from '../registry-common/index.ts';
import { sealedContactColumns, contactsToStore } from './enterprise-contacts.ts';
import { canPlaceEnterpriseInZone, deletedEnterpriseScope, enterpriseScope, enterpriseWriteScope } from './enterprise.policy.ts';
import { auditViewOfEnterprise, contactsOf, presentEnterpriseDetail } from './enterprise.presenter.ts';
import { chainNodesOf, findEnterpriseRow, namesInScope, replaceEnterpriseNodes, unsafeFindEnterpriseByUscc, type EnterpriseRow } from './enterprise.repository.ts';

export const notFoundEnterprise = () => errors.notFound('企业', 'enterprise');

export const outOfScope = (zh: string, en: string) => new AppError(403, 'OUT_OF_SCOPE', zh, en);

/** The code is registered already. Only a record in the caller's scope is named. */
export function usccTaken(existing: { id: string; name: string; deletedAt: Date | null }, visible: boolean): AppError {
  if (!visible) return new AppError(409, 'USCC_TAKEN', '该统一社会信用代码已登记（不在您的管辖范围内）', 'This credit code is registered already (outside your scope)');
  if (existing.deletedAt) {
    return new AppError(409, 'USCC_TAKEN', `该统一社会信用代码已登记为“${existing.name}”（已删除，可恢复）`, `This credit code belongs to "${existing.name}" (deleted; it can be restored)`, [
      { rule: 'existing', message: existing.id },
    ]);
  }
  return new AppError(409, 'USCC_TAKEN', `该统一社会信用代码已登记为“${existing.name}”`, `This credit code is registered already as "${existing.name}"`, [
    { rule: 'existing', message: existing.id },
  ]);
}

export interface ResolvedEnterprise {
  values: Omit<typeof enterprises.$inferInsert, 'id' | 'createdAt' | 'version'>;
  nodeIds: string[];
}

/** Contract input → column values, with reference codes resolved (unknown codes are a 400 with all of them). */
export function resolveEnterpriseInput(input: EnterpriseInput, index: ReferenceIndex, pathPrefix = 'body'): ResolvedEnterprise {
  const refs = new ReferenceResolver(index);
  const domain = refs.domain(input.domain, `${pathPrefix}.domain`);
  const zone = refs.zone(input.zone, `${pathPrefix}.zone`);
  const carrier = refs.carrier(input.carrier, `${pathPrefix}.carrier`);
  const nodes = refs.nodes(input.chainNodes, `${pathPrefix}.chainNodes`);
  if (carrier && zone && carrier.zoneId && carrier.zoneId !== zone.id) {
    refs.problems.push({ path: `${pathPrefix}.carrier`, rule: 'reference', message: `载体“${carrier.nameZh}”不在所选功能区内`, messageEn: `Carrier "${carrier.code}" is not in the chosen zone` });
  }
  refs.throwIfProblems();
  return {
    values: {
      uscc: input.uscc,
      name: input.name,
      domainId: domain?.id ?? null,
      subfield: input.subfield ?? null,
      zoneId: zone?.id ?? carrier?.zoneId ?? null,
      carrierId: carrier?.id ?? null,
      stage: input.stage,
      isAboveScale: input.isAboveScale,
      isManufacturing: input.isManufacturing,
      tags: [...new Set(input.tags)],
      foundedOn: input.foundedOn ?? null,
      status: input.status,
      exitedOn: input.exitedOn ?? null,
      // Clear here; sealed with the row's id by the writer (sealedContactColumns) just before it is stored.
      contacts: input.contacts.map((c) => ({ name: c.name, title: c.title ?? null, phone: c.phone ?? null, email: c.email ?? null })),
      address: input.address ?? null,
      note: input.note ?? null,
    },
    nodeIds: nodes.map((n) => n.id),
  };
}

export async function nodeCodesOf(db: Db, id: string): Promise<string[]> {
  return ((await chainNodesOf(db, [id])).get(id) ?? []).map((n) => n.code);
}

export interface WriteOptions {
  source: HistorySource;
  /** API writes audit each change; an import writes one audit record for the whole file instead. */
  audit: boolean;
}

/** Inserts one enterprise inside `tx` (scope, uniqueness and references checked). */
export async function insertEnterprise(tx: Db, deps: AppDeps, caller: Caller, input: EnterpriseInput, index: ReferenceIndex, options: WriteOptions): Promise<EnterpriseRow> {
  const { values, nodeIds } = resolveEnterpriseInput(input, index);
  const actor = caller.actor;
  if (actor.role === 'park' && !values.zoneId && actor.scope?.kind === 'zone') values.zoneId = actor.scope.id;
  if (!canPlaceEnterpriseInZone(actor, values.zoneId ?? null)) {
    throw outOfScope('只能登记本园区（功能区）的企业', 'You can only register enterprises of your own zone');
  }
  const existing = await unsafeFindEnterpriseByUscc(tx, values.uscc);
  if (existing) {
    const visible = actor.role === 'commission' || (actor.role === 'park' && !existing.deletedAt && existing.zoneId === actor.scope?.id);
    throw usccTaken(existing, visible);
  }
  const now = deps.clock();
  // The id is chosen here so the contacts can be sealed bound to it before anything is written.
  const id = randomUUID();
  const [row] = await tx
    .insert(enterprises)
    .values({ ...values, ...sealedContactColumns(id, contactsToStore(values.contacts ?? [], [])), id, createdAt: now, updatedAt: now })
    .returning();
  await replaceEnterpriseNodes(tx, row!.id, nodeIds);
  const after = auditViewOfEnterprise(row!, index, await nodeCodesOf(tx, row!.id));
  const event: ChangeEvent = { objectType: 'enterprise', objectId: row!.id, action: 'enterprise.create', before: null, after, source: options.source };
  if (options.audit) await recordChange(tx, deps.audit, caller, event, now);
  else await appendHistory(tx, caller, event, now);
  return row!;
}

/**
 * Updates one enterprise inside `tx`. `expectedVersion` (API) makes a stale edit fail with 409; an import
 * passes null and overwrites.
 */
export async function updateEnterpriseRow(
  tx: Db,
  deps: AppDeps,
  caller: Caller,
  id: string,
  expectedVersion: number | null,
  input: EnterpriseInput,
  index: ReferenceIndex,
  options: WriteOptions,
): Promise<EnterpriseRow> {
  const actor = caller.actor;
  const before = await findEnterpriseRow(tx, enterpriseWriteScope(actor), id);
  if (!before) throw notFoundEnterprise();
  const { values, nodeIds } = resolveEnterpriseInput(input, index);
  if (actor.role === 'park' && !values.zoneId) values.zoneId = before.zoneId;
  if (!canPlaceEnterpriseInZone(actor, values.zoneId ?? null)) {
    throw outOfScope('不能把企业迁到其他园区（功能区）；请联系区经委', 'You cannot move an enterprise to another zone; ask the commission');
  }
  if (values.uscc !== before.uscc) {
    const existing = await unsafeFindEnterpriseByUscc(tx, values.uscc);
    if (existing && existing.id !== id) throw usccTaken(existing, actor.role === 'commission');
  }
  const beforeView = auditViewOfEnterprise(before, index, await nodeCodesOf(tx, id));
  const now = deps.clock();
  const versionCheck = expectedVersion === null ? sql`true` : eq(enterprises.version, expectedVersion);
  const [row] = await tx
    .update(enterprises)
    // The form sends back the masked contacts it was shown: a masked value keeps the stored one.
    .set({ ...values, ...sealedContactColumns(id, contactsToStore(values.contacts ?? [], contactsOf(before))), version: sql`${enterprises.version} + 1`, updatedAt: now })
    .where(and(eq(enterprises.id, id), versionCheck))
    .returning();
  if (!row) throw staleVersion(before.version);
  await replaceEnterpriseNodes(tx, id, nodeIds);
  const after = auditViewOfEnterprise(row, index, await nodeCodesOf(tx, id));
  const event: ChangeEvent = { objectType: 'enterprise', objectId: id, action: 'enterprise.update', before: beforeView, after, source: options.source };
  if (options.audit) await recordChange(tx, deps.audit, caller, event, now);
  else await appendHistory(tx, caller, event, now);
  return row;
}

async function detailOf(db: Db, row: EnterpriseRow, index: ReferenceIndex) {
  return presentEnterpriseDetail(row, index, (await chainNodesOf(db, [row.id])).get(row.id) ?? []);
}

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    // Two concurrent creations of one code: the unique index decides; answer as for a known duplicate.
    if (isUniqueViolation(error)) throw new AppError(409, 'USCC_TAKEN', '该统一社会信用代码已登记', 'This credit code is registered already');
    throw error;
  }
}

export function createEnterpriseService(deps: AppDeps) {
  const db = () => deps.database.db;
  const api: WriteOptions = { source: 'api', audit: true };
  return {
    async get(caller: Caller, id: string) {
      const row = await findEnterpriseRow(db(), enterpriseScope(caller.actor), id);
      if (!row) {
        // Same answer for "does not exist" and "not yours", so ids cannot be probed; the attempt is logged.
        await deps.audit.standalone(caller.audit, caller.origin, { action: 'enterprise.read', outcome: 'denied', objectType: 'enterprise', objectId: id });
        throw notFoundEnterprise();
      }
      return detailOf(db(), row, await loadReferenceIndex(db()));
    },
    async create(caller: Caller, input: EnterpriseInput) {
      return guarded(() =>
        inTransaction(deps, async (tx) => {
          const index = await loadReferenceIndex(tx);
          return detailOf(tx, await insertEnterprise(tx, deps, caller, input, index, api), index);
        }),
      );
    },
    async update(caller: Caller, id: string, version: number, input: EnterpriseInput) {
      return guarded(() =>
        inTransaction(deps, async (tx) => {
          const index = await loadReferenceIndex(tx);
          return detailOf(tx, await updateEnterpriseRow(tx, deps, caller, id, version, input, index, api), index);
        }),
      );
    },
    async remove(caller: Caller, id: string) {
      return inTransaction(deps, async (tx) => {
        const before = await findEnterpriseRow(tx, enterpriseWriteScope(caller.actor), id);
        if (!before) throw notFoundEnterprise();
        const now = deps.clock();
        await tx.update(enterprises).set({ deletedAt: now, updatedAt: now, version: sql`${enterprises.version} + 1` }).where(eq(enterprises.id, id));
        await recordChange(tx, deps.audit, caller, { objectType: 'enterprise', objectId: id, action: 'enterprise.delete', before: { deleted: false }, after: { deleted: true } }, now);
        return { id, deletedAt: now.toISOString() };
      });
    },
    async restore(caller: Caller, id: string) {
      return inTransaction(deps, async (tx) => {
        const before = await findEnterpriseRow(tx, deletedEnterpriseScope(caller.actor), id);
        if (!before) throw notFoundEnterprise();
        const now = deps.clock();
        const [row] = await tx.update(enterprises).set({ deletedAt: null, updatedAt: now, version: sql`${enterprises.version} + 1` }).where(eq(enterprises.id, id)).returning();
        await recordChange(tx, deps.audit, caller, { objectType: 'enterprise', objectId: id, action: 'enterprise.restore', before: { deleted: true }, after: { deleted: false } }, now);
        return detailOf(tx, row!, await loadReferenceIndex(tx));
      });
    },
    /** Near-duplicate names among the enterprises the caller may see (nothing outside the scope is hinted at). */
    async similar(caller: Caller, name: string, excludeId?: string) {
      const names = (await namesInScope(db(), enterpriseScope(caller.actor))).filter((n) => n.id !== excludeId);
      return { items: findSimilarNames(name, names).map((n) => ({ id: n.id, name: n.name, uscc: n.uscc, score: n.score })) };
    },
    /**
     * The clear contacts of one enterprise in the caller's scope (the profile shows them masked). Every reveal
     * is audited with who, which record and which fields, in the same transaction as the read.
     */
    async revealContacts(caller: Caller, id: string) {
      return inTransaction(deps, async (tx) => {
        const row = await findEnterpriseRow(tx, enterpriseScope(caller.actor), id);
        if (!row) throw notFoundEnterprise();
        const contacts = contactsOf(row);
        await deps.audit.inTransaction(tx, caller.audit, caller.origin, {
          action: 'personal.reveal',
          objectType: 'enterprise',
          objectId: id,
          details: { fields: ['contacts.name', 'contacts.phone', 'contacts.email'], contacts: contacts.length },
        });
        return { contacts };
      });
    },
    async history(caller: Caller, id: string) {
      const row = await findEnterpriseRow(db(), enterpriseScope(caller.actor), id);
      if (!row) throw notFoundEnterprise();
      return { items: await listHistory(db(), 'enterprise', id) };
    },
  };
}
export type EnterpriseService = ReturnType<typeof createEnterpriseService>;
