import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { inTransaction, type AppDeps } from '../../app/deps.ts';
import { AppError } from '../../app/errors.ts';
import type { Db } from '../../db/client.ts';
import { carrierOccupants, enterpriseChainNodes, enterprises, expertConflicts, platforms, projects, users } from '../../db/schema/index.ts';
import type { Caller } from '../registry-common/index.ts';
import { staleVersion, appendHistory, recordChange, loadReferenceIndex } from '../registry-common/index.ts';
import { enterpriseScope } from './enterprise.policy.ts';
import { sealedContactColumns } from './enterprise-contacts.ts';
import { auditViewOfEnterprise, contactsOf, presentEnterpriseDetail } from './enterprise.presenter.ts';
import { chainNodesOf, findEnterpriseRow } from './enterprise.repository.ts';
import { nodeCodesOf, notFoundEnterprise } from './enterprise.service.ts';

/**
 * A step that moves one kind of reference from the duplicate (source) to the kept record (target) and returns
 * how many rows it moved. Modules added later that refer to enterprises (monthly reports, services …) append
 * their step here, so a merge never leaves rows pointing at a removed record.
 */
export type MergeStep = { name: string; run: (tx: Db, sourceId: string, targetId: string) => Promise<number> };

async function moved(result: Promise<unknown[]>): Promise<number> {
  return (await result).length;
}

export const ENTERPRISE_MERGE_STEPS: MergeStep[] = [
  {
    name: 'projects',
    run: (tx, s, t) => moved(tx.update(projects).set({ investorEnterpriseId: t }).where(eq(projects.investorEnterpriseId, s)).returning({ id: projects.id })),
  },
  {
    name: 'carrierOccupants',
    run: (tx, s, t) => moved(tx.update(carrierOccupants).set({ enterpriseId: t }).where(eq(carrierOccupants.enterpriseId, s)).returning({ id: carrierOccupants.id })),
  },
  {
    name: 'platforms',
    run: (tx, s, t) => moved(tx.update(platforms).set({ operatorEnterpriseId: t }).where(eq(platforms.operatorEnterpriseId, s)).returning({ id: platforms.id })),
  },
  {
    name: 'expertConflicts',
    run: async (tx, s, t) => {
      // An expert who declared both records keeps the declaration on the target only (unique per pair).
      const onTarget = tx.select({ id: expertConflicts.expertId }).from(expertConflicts).where(eq(expertConflicts.enterpriseId, t));
      await tx.delete(expertConflicts).where(and(eq(expertConflicts.enterpriseId, s), inArray(expertConflicts.expertId, onTarget)));
      return moved(tx.update(expertConflicts).set({ enterpriseId: t }).where(eq(expertConflicts.enterpriseId, s)).returning({ id: expertConflicts.id }));
    },
  },
  {
    name: 'chainNodes',
    run: async (tx, s, t) => {
      const onTarget = tx.select({ id: enterpriseChainNodes.nodeId }).from(enterpriseChainNodes).where(eq(enterpriseChainNodes.enterpriseId, t));
      const n = await moved(
        tx
          .update(enterpriseChainNodes)
          .set({ enterpriseId: t, isPrimary: false })
          .where(and(eq(enterpriseChainNodes.enterpriseId, s), notInArray(enterpriseChainNodes.nodeId, onTarget)))
          .returning({ id: enterpriseChainNodes.nodeId }),
      );
      await tx.delete(enterpriseChainNodes).where(eq(enterpriseChainNodes.enterpriseId, s));
      return n;
    },
  },
];

/**
 * Merges the duplicate `sourceId` into `targetId` (commission only, both in scope): the target keeps its own
 * values and takes the source's where it has none (tags and contacts are united), references move to the
 * target, and the source is soft-deleted with `merged_into_id` set. One transaction; both records get a
 * history entry and one audit record describes the merge.
 *
 * Accounts scoped to the source are NOT re-scoped here: roles and scopes are the security administrator's
 * (三员分立); the result says how many need it.
 */
export async function mergeEnterprises(deps: AppDeps, caller: Caller, targetId: string, sourceId: string, version: number) {
  if (targetId === sourceId) throw new AppError(400, 'MERGE_SELF', '不能把企业与自身合并', 'An enterprise cannot be merged with itself');
  return inTransaction(deps, async (tx) => {
    const scope = enterpriseScope(caller.actor);
    const target = await findEnterpriseRow(tx, scope, targetId);
    const source = await findEnterpriseRow(tx, scope, sourceId);
    if (!target || !source) throw notFoundEnterprise();
    if (target.version !== version) throw staleVersion(target.version);
    const index = await loadReferenceIndex(tx);
    const beforeTarget = auditViewOfEnterprise(target, index, await nodeCodesOf(tx, targetId));
    const beforeSource = auditViewOfEnterprise(source, index, await nodeCodesOf(tx, sourceId));

    const movedReferences: Record<string, number> = {};
    for (const step of ENTERPRISE_MERGE_STEPS) movedReferences[step.name] = await step.run(tx, sourceId, targetId);

    const contacts = [...contactsOf(target)];
    for (const c of contactsOf(source)) if (!contacts.some((x) => x.name === c.name && x.phone === c.phone)) contacts.push(c);
    const now = deps.clock();
    // The source row keeps its credit code (the record of what was registered); it can never be restored
    // (deletedEnterpriseScope excludes merged rows), so the code stays reserved by it.
    await tx
      .update(enterprises)
      .set({ deletedAt: now, mergedIntoId: targetId, updatedAt: now, version: sql`${enterprises.version} + 1` })
      .where(eq(enterprises.id, sourceId));
    const [row] = await tx
      .update(enterprises)
      .set({
        domainId: target.domainId ?? source.domainId,
        subfield: target.subfield ?? source.subfield,
        zoneId: target.zoneId ?? source.zoneId,
        carrierId: target.carrierId ?? source.carrierId,
        foundedOn: target.foundedOn ?? source.foundedOn,
        address: target.address ?? source.address,
        note: target.note ?? source.note,
        isAboveScale: target.isAboveScale || source.isAboveScale,
        tags: [...new Set([...target.tags, ...source.tags])],
        // Opened above (the source's were bound to the source's id) and sealed again bound to the target.
        ...sealedContactColumns(targetId, contacts),
        version: sql`${enterprises.version} + 1`,
        updatedAt: now,
      })
      .where(eq(enterprises.id, targetId))
      .returning();
    const afterTarget = auditViewOfEnterprise(row!, index, await nodeCodesOf(tx, targetId));
    await appendHistory(tx, caller, { objectType: 'enterprise', objectId: sourceId, action: 'enterprise.merged-away', before: { ...beforeSource, mergedInto: null }, after: { ...beforeSource, mergedInto: targetId }, source: 'merge' }, now);
    await recordChange(
      tx,
      deps.audit,
      caller,
      { objectType: 'enterprise', objectId: targetId, action: 'enterprise.merge', before: { ...beforeTarget, mergedFrom: null }, after: { ...afterTarget, mergedFrom: sourceId }, source: 'merge' },
      now,
    );
    const [accounts] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .where(and(eq(users.scopeKind, 'enterprise'), eq(users.scopeId, sourceId)));
    const nodes = (await chainNodesOf(tx, [targetId])).get(targetId) ?? [];
    return { target: presentEnterpriseDetail(row!, index, nodes), movedReferences, accountsToRescope: accounts?.n ?? 0 };
  });
}
