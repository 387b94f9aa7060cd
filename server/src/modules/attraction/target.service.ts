import { sql } from 'drizzle-orm';
import type { ActivityInput, ConvertInput, FitView, NodeCandidates, TargetInput, TargetUpdate } from '../../../../contracts/attraction.ts';
import type { Actor } from '../../app/actor.ts';
import { inTransaction, type AppDeps } from '../../app/deps.ts';
import { errors } from '../../app/errors.ts';
import type { Db } from '../../db/client.ts';
import { rowsOf } from '../../db/rows.ts';
import { attractionActivities, attractionTargets, projectFollowUps } from '../../db/schema/index.ts';
import { rankByFit, scoreFit, type SizeTier } from '../../domain/attraction/fit-score.ts';
import { zoneByCode } from '../../seed/reference/index.ts';
import { scopeOf, singleId } from '../../access/index.ts';
import { computeChainMap } from '../chain-map/index.ts';
import { insertProject } from '../projects/index.ts';
import { loadReferenceIndex, recordChange, ReferenceResolver, staleVersion, todayIso, type Caller, type ReferenceIndex } from '../registry-common/index.ts';
import { candidateAccess, canAssignOwner, ownerNotYours, targetAccess, targetClosed, targetExists, type OwnerIds } from './attraction.policy.ts';
import { presentActivity, presentCandidate, presentTarget } from './attraction.presenter.ts';
import { candidatesForNode, findCandidate, findCandidates, listActivities, type CandidateRow } from './candidate.repository.ts';
import { findTarget, listTargets, unsafeOpenTargetExists, type TargetFilter, type TargetRow } from './target.repository.ts';
import { writeSpaceNeeds, zoneVacantArea } from './zone-fit.service.ts';

export const notFoundTarget = () => errors.notFound('招商目标', 'attraction target');
const notFoundNode = () => errors.notFound('产业链节点', 'chain node');

/** Project follow-up kinds for the attraction history carried into the project (contract FOLLOW_UP_KINDS). */
const FOLLOW_UP_KIND = { contact: 'call', visit: 'visit', meeting: 'meeting', 'follow-up': 'other' } as const;

interface NodeFacts {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  domain: string;
  domainId: string;
  gap: number;
}

async function nodeFacts(db: Db, actor: Actor, nodeId: string, now: Date): Promise<NodeFacts | null> {
  const [row] = await rowsOf<Record<string, string>>(
    db,
    sql`SELECT n.id, n.code, n.name_zh, n.name_en, d.code AS domain, d.id AS domain_id FROM chain_nodes n JOIN chain_templates t ON t.id = n.template_id
          JOIN domains d ON d.id = t.domain_id WHERE n.id = ${nodeId} AND n.deleted_at IS NULL`,
  );
  if (!row) return null;
  // The gap as the caller's chain map shows it (a park's is its zone's part of the chain).
  const map = await computeChainMap(db, actor, { domain: row.domain }, now);
  const gap = map.gaps.find((g) => g.id === nodeId)?.gap ?? 0;
  return { id: row.id!, code: row.code!, name: row.name_zh!, nameEn: row.name_en!, domain: row.domain!, domainId: row.domain_id!, gap };
}

async function zoneFacts(db: Db, zoneId: string | null, index: ReferenceIndex, now: Date) {
  if (!zoneId) return null;
  const code = index.byId.get(zoneId)?.code;
  if (!code) return null;
  return { code, domainCodes: zoneByCode.get(code)?.domainCodes ?? [], vacantAreaM2: await zoneVacantArea(db, zoneId, todayIso(now)) };
}

function fitOf(node: NodeFacts, c: CandidateRow, zone: { domainCodes: readonly string[]; vacantAreaM2: number } | null): FitView {
  return scoreFit({
    nodeGap: node.gap,
    node: { id: node.id, domain: node.domain },
    candidate: { mainNodeId: c.nodeId, nodeIds: c.nodes.map((n) => n.id), domain: c.domainId === node.domainId ? node.domain : null, sizeTier: (c.sizeTier as SizeTier | null) ?? null },
    zone,
  });
}

function ownerIdsOf(refs: ReferenceResolver, owner: TargetInput['owner']): OwnerIds {
  return {
    kind: owner.kind,
    zoneId: owner.kind === 'zone' ? (refs.zone(owner.zone, 'body.owner.zone')?.id ?? null) : null,
    departmentId: owner.kind === 'department' ? (refs.department(owner.department, 'body.owner.department')?.id ?? null) : null,
  };
}

function auditViewOfTarget(t: TargetRow, index: ReferenceIndex) {
  const v = presentTarget(t, index);
  return { candidate: v.candidate.code, node: v.node.code, zone: v.zone?.code ?? null, owner: v.owner.kind, ownerZone: v.owner.zone?.code ?? null, ownerDepartment: v.owner.department?.code ?? null, status: v.status, plan: v.plan, nextStep: v.nextStep, nextOn: v.nextOn, project: v.project?.code ?? null };
}

export function createTargetService(deps: AppDeps) {
  const db = () => deps.database.db;

  async function activitiesOf(actor: Actor, t: TargetRow) {
    if (!t.projectId) return (await listActivities(db(), actor, sql`attraction_activities.target_id = ${t.id}`)).map(presentActivity);
    // After conversion the project's follow-ups carry the history (copied at conversion) and everything since.
    const followUps = await rowsOf<Record<string, unknown>>(
      db(),
      sql`SELECT id, kind, occurred_on::text AS occurred_on, note, next_step, staff_name FROM project_follow_ups WHERE project_id = ${t.projectId} ORDER BY occurred_on DESC, created_at DESC`,
    );
    const back: Record<string, ActivityInput['kind']> = { call: 'contact', visit: 'visit', meeting: 'meeting', other: 'follow-up' };
    return followUps.map((f) =>
      presentActivity({ id: String(f.id), kind: back[String(f.kind)] ?? 'follow-up', occurredOn: String(f.occurred_on), note: String(f.note), nextStep: (f.next_step as string | null) ?? null, actorName: (f.staff_name as string | null) ?? null, targetId: t.id }),
    );
  }

  /** The fit of each listed target, from one chain map read for the caller (the gaps its map shows). */
  async function fitsOf(actor: Actor, rows: TargetRow[], index: ReferenceIndex, now: Date): Promise<Map<string, number>> {
    const fits = new Map<string, number>();
    if (rows.length === 0) return fits;
    const map = await computeChainMap(db(), actor, {}, now);
    const nodes = new Map(map.gaps.map((n) => [n.id, n]));
    const candidates = new Map((await findCandidates(db(), actor, rows.map((t) => t.candidateId))).map((c) => [c.id, c]));
    const zones = new Map<string, Awaited<ReturnType<typeof zoneFacts>>>();
    for (const t of rows) {
      const n = nodes.get(t.nodeId);
      const candidate = candidates.get(t.candidateId);
      if (!n || !candidate) continue;
      const zoneKey = t.zoneId ?? '';
      if (!zones.has(zoneKey)) zones.set(zoneKey, await zoneFacts(db(), t.zoneId, index, now));
      const facts: NodeFacts = { id: n.id, code: n.code, name: n.nameZh, nameEn: n.nameEn, domain: n.domain, domainId: index.domains.get(n.domain)?.id ?? '', gap: n.gap };
      fits.set(t.id, fitOf(facts, candidate, zones.get(zoneKey) ?? null).fit);
    }
    return fits;
  }

  const service = {
    async list(caller: Caller, filter: TargetFilter, page: number, pageSize: number) {
      const index = await loadReferenceIndex(db());
      const { items, total } = await listTargets(db(), caller.actor, filter, page, pageSize);
      const fits = await fitsOf(caller.actor, items, index, deps.clock());
      return { items: items.map((t) => ({ ...presentTarget(t, index), fit: fits.get(t.id) ?? null })), total, page, pageSize };
    },

    async detail(caller: Caller, id: string) {
      const t = await findTarget(db(), caller.actor, id);
      if (!t) throw notFoundTarget();
      const index = await loadReferenceIndex(db());
      const now = deps.clock();
      const node = (await nodeFacts(db(), caller.actor, t.nodeId, now))!;
      const candidate = await findCandidate(db(), caller.actor, t.candidateId);
      const fit = candidate ? fitOf(node, candidate, await zoneFacts(db(), t.zoneId, index, now)) : { fit: 0, components: [] };
      return { target: presentTarget(t, index), fit, activities: await activitiesOf(caller.actor, t) };
    },

    /** The candidates of a node ranked by fit for a designated zone (the query's, a park's own, or none). */
    async nodeCandidates(caller: Caller, nodeId: string, zoneCode: string | undefined): Promise<NodeCandidates> {
      const now = deps.clock();
      const node = await nodeFacts(db(), caller.actor, nodeId, now);
      if (!node) throw notFoundNode();
      const index = await loadReferenceIndex(db());
      const scope = scopeOf(caller.actor);
      const zoneId = zoneCode ? (index.zones.get(zoneCode)?.id ?? null) : scope.kind === 'zone' ? singleId(scope.ids) : null;
      if (zoneCode && !zoneId) throw errors.validation([{ path: 'query.zone', rule: 'reference', message: `未知的功能区“${zoneCode}”`, messageEn: `Unknown zone "${zoneCode}"` }]);
      const zone = await zoneFacts(db(), zoneId, index, now);
      const candidates = await candidatesForNode(db(), caller.actor, nodeId, node.domainId);
      const targets = (await listTargets(db(), caller.actor, { nodeId, status: 'open' }, 1, 500)).items;
      const ranked = rankByFit(candidates.map((c) => ({ c, name: c.name, ...fitOf(node, c, zone) })));
      return {
        node: { id: node.id, code: node.code, name: node.name, nameEn: node.nameEn, domain: node.domain, gap: node.gap },
        zone: zoneId ? { code: zone!.code, name: index.byId.get(zoneId)!.nameZh } : null,
        items: ranked.map((r) => {
          const target = targets.find((t) => t.candidateId === r.c.id);
          return { candidate: presentCandidate(r.c, index), fit: { fit: r.fit, components: r.components }, target: target ? presentTarget(target, index) : null };
        }),
      };
    },

    async assign(caller: Caller, input: TargetInput) {
      return inTransaction(deps, async (tx) => {
        const index = await loadReferenceIndex(tx);
        const refs = new ReferenceResolver(index);
        const node = refs.nodes([input.node], 'body.node')[0];
        const owner = ownerIdsOf(refs, input.owner);
        let zoneId = refs.zone(input.zone ?? null)?.id ?? null;
        refs.throwIfProblems();
        if (!(await candidateAccess.allows(tx, caller.actor, 'read', input.candidateId))) throw errors.notFound('招商候选企业', 'candidate');
        if (!canAssignOwner(caller.actor, owner)) throw ownerNotYours();
        // A park's own target heads for its zone unless another one is named.
        if (!zoneId && owner.kind === 'zone') zoneId = owner.zoneId;
        if (await unsafeOpenTargetExists(tx, input.candidateId, node!.id)) throw targetExists();
        const now = deps.clock();
        const [row] = await tx
          .insert(attractionTargets)
          .values({
            candidateId: input.candidateId,
            nodeId: node!.id,
            zoneId,
            ownerKind: owner.kind,
            ownerZoneId: owner.zoneId,
            ownerDepartmentId: owner.departmentId,
            plan: input.plan ?? null,
            nextStep: input.nextStep ?? null,
            nextOn: input.nextOn ?? null,
            assignedOn: todayIso(now),
            createdBy: caller.audit.userId,
            createdAt: now,
            updatedAt: now,
          })
          .returning({ id: attractionTargets.id });
        const stored = (await findTarget(tx, caller.actor, row!.id))!;
        await recordChange(tx, deps.audit, caller, { objectType: 'attraction-target', objectId: row!.id, action: 'attraction.target-assign', before: null, after: auditViewOfTarget(stored, index) }, now);
        return presentTarget(stored, index);
      });
    },

    async update(caller: Caller, id: string, input: TargetUpdate) {
      return inTransaction(deps, async (tx) => {
        const index = await loadReferenceIndex(tx);
        if (!(await targetAccess.allows(tx, caller.actor, 'write', id))) throw notFoundTarget();
        const before = (await findTarget(tx, caller.actor, id))!;
        if (before.status !== 'open') throw targetClosed();
        if (before.version !== input.version) throw staleVersion(before.version);
        const refs = new ReferenceResolver(index);
        const owner = ownerIdsOf(refs, input.owner);
        const zoneId = refs.zone(input.zone ?? null)?.id ?? null;
        refs.throwIfProblems();
        const sameOwner = owner.kind === before.ownerKind && owner.zoneId === before.ownerZoneId && owner.departmentId === before.ownerDepartmentId;
        if (!sameOwner && !canAssignOwner(caller.actor, owner)) throw ownerNotYours();
        const now = deps.clock();
        await tx.execute(sql`UPDATE attraction_targets SET zone_id = ${zoneId}, owner_kind = ${owner.kind}, owner_zone_id = ${owner.zoneId}, owner_department_id = ${owner.departmentId},
                               plan = ${input.plan ?? null}, next_step = ${input.nextStep ?? null}, next_on = ${input.nextOn ?? null}, status = ${input.status},
                               version = version + 1, updated_at = ${now} WHERE id = ${id} AND version = ${input.version}`);
        // Read back as the commission would: the caller may have handed the target to someone else.
        const after = (await findTarget(tx, { ...caller.actor, role: 'commission', scope: null }, id))!;
        await recordChange(tx, deps.audit, caller, { objectType: 'attraction-target', objectId: id, action: 'attraction.target-update', before: auditViewOfTarget(before, index), after: auditViewOfTarget(after, index) }, now);
        return presentTarget(after, index);
      });
    },

    /** A contact, visit or follow-up; on a converted target it becomes a follow-up of the project. */
    async addActivity(caller: Caller, id: string, input: ActivityInput) {
      await inTransaction(deps, async (tx) => {
        if (!(await targetAccess.allows(tx, caller.actor, 'write', id))) throw notFoundTarget();
        const t = (await findTarget(tx, caller.actor, id))!;
        if (t.status === 'dropped') throw targetClosed();
        const now = deps.clock();
        if (t.status === 'converted') {
          await tx.insert(projectFollowUps).values({
            projectId: t.projectId!,
            occurredOn: input.occurredOn,
            kind: FOLLOW_UP_KIND[input.kind],
            note: input.note,
            nextStep: input.nextStep ?? null,
            departmentId: t.ownerDepartmentId,
            staffName: caller.actor.displayName,
            actorUserId: caller.audit.userId,
            createdAt: now,
          });
        } else {
          await tx.insert(attractionActivities).values({ candidateId: t.candidateId, targetId: id, kind: input.kind, occurredOn: input.occurredOn, note: input.note, nextStep: input.nextStep ?? null, actorUserId: caller.audit.userId, actorName: caller.actor.displayName, createdAt: now });
          if (input.nextStep !== undefined || input.nextOn !== undefined) {
            await tx.execute(sql`UPDATE attraction_targets SET next_step = coalesce(${input.nextStep ?? null}, next_step), next_on = coalesce(${input.nextOn ?? null}::date, next_on), updated_at = ${now} WHERE id = ${id}`);
          }
        }
        await recordChange(tx, deps.audit, caller, { objectType: 'attraction-target', objectId: id, action: 'attraction.activity', before: null, after: { kind: input.kind, occurredOn: input.occurredOn, note: input.note, nextStep: input.nextStep ?? null } }, now);
      });
      return service.detail(caller, id);
    },

    /**
     * Converts a target into an investment project at the 线索 stage: the project names the candidate as investor,
     * sits on the target's node and zone, and receives the target's whole contact history as follow-ups.
     */
    async convert(caller: Caller, id: string, input: ConvertInput) {
      const projectId = await inTransaction(deps, async (tx) => {
        if (!(await targetAccess.allows(tx, caller.actor, 'write', id))) throw notFoundTarget();
        const t = (await findTarget(tx, caller.actor, id))!;
        if (t.status !== 'open') throw targetClosed();
        if (t.version !== input.version) throw staleVersion(t.version);
        const index = await loadReferenceIndex(tx);
        const now = deps.clock();
        const ownerDepartment = t.ownerDepartmentId ? (index.byId.get(t.ownerDepartmentId)?.code ?? null) : null;
        const project = await insertProject(
          tx,
          deps,
          caller,
          {
            name: input.name ?? `${t.candidateName}${t.nodeName}项目`,
            investorName: t.candidateName,
            domain: t.domain,
            zone: t.zoneId ? (index.byId.get(t.zoneId)?.code ?? null) : null,
            chainNodes: [t.nodeCode],
            totalInvestment: input.totalInvestment ?? null,
            expectedAnnualOutput: input.expectedAnnualOutput ?? null,
            responsibleDepartment: input.responsibleDepartment ?? ownerDepartment,
            stage: 'lead',
            planClauseKeys: [],
            note: `由招商目标转化：${t.candidateName}（${t.candidateCode}）`,
            stages: [],
          },
          index,
          { source: 'api', audit: true, convertedFromOwnedTarget: true },
        );
        const history = await rowsOf<Record<string, unknown>>(tx, sql`SELECT kind, occurred_on::text AS occurred_on, note, next_step, actor_user_id, actor_name FROM attraction_activities WHERE target_id = ${id} ORDER BY occurred_on, created_at`);
        for (const h of history) {
          await tx.insert(projectFollowUps).values({
            projectId: project.id,
            occurredOn: String(h.occurred_on),
            kind: FOLLOW_UP_KIND[String(h.kind) as keyof typeof FOLLOW_UP_KIND] ?? 'other',
            note: String(h.note),
            nextStep: (h.next_step as string | null) ?? null,
            departmentId: t.ownerDepartmentId,
            staffName: (h.actor_name as string | null) ?? null,
            actorUserId: (h.actor_user_id as string | null) ?? null,
            createdAt: now,
          });
        }
        if (input.spaceNeeds) await writeSpaceNeeds(tx, project.id, input.spaceNeeds, 0, now);
        await tx.execute(sql`UPDATE attraction_targets SET status = 'converted', project_id = ${project.id}, version = version + 1, updated_at = ${now} WHERE id = ${id}`);
        await recordChange(tx, deps.audit, caller, { objectType: 'attraction-target', objectId: id, action: 'attraction.convert', before: { status: 'open' }, after: { status: 'converted', project: project.code, followUps: history.length } }, now);
        return project.id;
      });
      const detail = await service.detail(caller, id);
      return { ...detail, projectId };
    },
  };
  return service;
}
