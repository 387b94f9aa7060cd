import crypto from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { ActivityInput, CandidateInput, CandidateUpdate, CandidateView } from '../../../../contracts/attraction.ts';
import { inTransaction, type AppDeps } from '../../app/deps.ts';
import { errors } from '../../app/errors.ts';
import type { Db } from '../../db/client.ts';
import { rowsOf } from '../../db/rows.ts';
import { attractionActivities, candidateCompanies } from '../../db/schema/index.ts';
import { appendHistory, isUniqueViolation, loadReferenceIndex, recordChange, ReferenceResolver, staleVersion, type Caller, type HistorySource, type ReferenceIndex } from '../registry-common/index.ts';
import { scopeOf } from '../../access/index.ts';
import { candidateAccess, writesCandidatePool } from './attraction.policy.ts';
import { findCandidate, listActivities, replaceCandidateNodes, type CandidateRow } from './candidate.repository.ts';
import { presentActivity, presentCandidate, presentTarget } from './attraction.presenter.ts';
import { listTargets } from './target.repository.ts';

export const notFoundCandidate = () => errors.notFound('招商候选企业', 'candidate');

interface WriteOptions {
  source: HistorySource;
  audit: boolean;
}

/** The contract's fields, references by code: the history and the import's stored view. */
export function auditViewOfCandidate(row: CandidateRow, index: ReferenceIndex) {
  return {
    code: row.code,
    name: row.name,
    domain: row.domainId ? (index.byId.get(row.domainId)?.code ?? null) : null,
    chainNodes: row.nodes.map((n) => n.code),
    sizeTier: row.sizeTier,
    annualRevenue: row.annualRevenue,
    employees: row.employees,
    city: row.city,
    province: row.province,
    isListed: row.isListed,
    products: row.products,
    source: row.source,
    note: row.note,
  };
}

async function valuesOf(tx: Db, input: CandidateInput, index: ReferenceIndex) {
  const refs = new ReferenceResolver(index);
  const nodes = refs.nodes(input.chainNodes);
  let domainId = refs.domain(input.domain ?? null)?.id ?? null;
  refs.throwIfProblems();
  if (!domainId && nodes[0]) {
    // Without a stated domain, the main node's.
    const [row] = await rowsOf<{ domain_id: string }>(tx, sql`SELECT domain_id FROM chain_templates WHERE id = ${nodes[0].templateId}`);
    domainId = row?.domain_id ?? null;
  }
  return {
    nodeIds: nodes.map((n) => n.id),
    values: {
      name: input.name,
      domainId,
      nodeId: nodes[0]?.id ?? null,
      sizeTier: input.sizeTier ?? null,
      annualRevenue: input.annualRevenue === null || input.annualRevenue === undefined ? null : String(input.annualRevenue),
      employees: input.employees ?? null,
      city: input.city ?? null,
      province: input.province ?? null,
      isListed: input.isListed,
      products: input.products,
      source: input.source,
      note: input.note ?? null,
    },
  };
}

const duplicateCode = (code: string) =>
  errors.validation([{ path: 'body.code', rule: 'unique', message: `候选企业编号“${code}”已存在`, messageEn: `The candidate code "${code}" exists already` }]);

export async function insertCandidate(tx: Db, deps: AppDeps, caller: Caller, input: CandidateInput, index: ReferenceIndex, options: WriteOptions): Promise<string> {
  const { values, nodeIds } = await valuesOf(tx, input, index);
  const now = deps.clock();
  const code = input.code ?? `cand-${crypto.randomBytes(4).toString('hex')}`;
  let id: string;
  try {
    const [row] = await tx.insert(candidateCompanies).values({ ...values, code, createdAt: now, updatedAt: now }).returning({ id: candidateCompanies.id });
    id = row!.id;
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateCode(code);
    throw error;
  }
  await replaceCandidateNodes(tx, id, nodeIds);
  const after = auditViewOfCandidate((await findCandidate(tx, caller.actor, id))!, index);
  const event = { objectType: 'candidate', objectId: id, action: 'candidate.create' as const, before: null, after, source: options.source };
  if (options.audit) await recordChange(tx, deps.audit, caller, event, now);
  else await appendHistory(tx, caller, event, now);
  return id;
}

export async function updateCandidateRow(tx: Db, deps: AppDeps, caller: Caller, id: string, version: number | null, input: CandidateInput, index: ReferenceIndex, options: WriteOptions): Promise<void> {
  if (!(await candidateAccess.allows(tx, caller.actor, options.source === 'import' ? 'import' : 'write', id))) throw notFoundCandidate();
  const stored = (await findCandidate(tx, caller.actor, id))!;
  if (version !== null && stored.version !== version) throw staleVersion(stored.version);
  const { values, nodeIds } = await valuesOf(tx, input, index);
  const now = deps.clock();
  const code = input.code ?? stored.code;
  try {
    await tx
      .update(candidateCompanies)
      .set({ ...values, code, version: sql`${candidateCompanies.version} + 1`, updatedAt: now })
      .where(and(eq(candidateCompanies.id, id), eq(candidateCompanies.version, stored.version)));
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateCode(code);
    throw error;
  }
  await replaceCandidateNodes(tx, id, nodeIds);
  const after = auditViewOfCandidate((await findCandidate(tx, caller.actor, id))!, index);
  const event = { objectType: 'candidate', objectId: id, action: 'candidate.update' as const, before: auditViewOfCandidate(stored, index), after, source: options.source };
  if (options.audit) await recordChange(tx, deps.audit, caller, event, now);
  else await appendHistory(tx, caller, event, now);
}

export function createCandidateService(deps: AppDeps) {
  const db = () => deps.database.db;
  return {
    async detail(caller: Caller, id: string) {
      const row = await findCandidate(db(), caller.actor, id);
      if (!row) throw notFoundCandidate();
      const index = await loadReferenceIndex(db());
      const targets = await listTargets(db(), caller.actor, { candidateId: id }, 1, 200);
      const activities = await listActivities(db(), caller.actor, sql`attraction_activities.candidate_id = ${id}`);
      return { candidate: presentCandidate(row, index), targets: targets.items.map((t) => presentTarget(t, index)), activities: activities.map(presentActivity) };
    },
    async create(caller: Caller, input: CandidateInput): Promise<CandidateView> {
      if (!writesCandidatePool(scopeOf(caller.actor))) throw errors.forbidden();
      return inTransaction(deps, async (tx) => {
        const index = await loadReferenceIndex(tx);
        const id = await insertCandidate(tx, deps, caller, input, index, { source: 'api', audit: true });
        return presentCandidate((await findCandidate(tx, caller.actor, id))!, index);
      });
    },
    async update(caller: Caller, id: string, input: CandidateUpdate): Promise<CandidateView> {
      return inTransaction(deps, async (tx) => {
        const { version, ...rest } = input;
        const index = await loadReferenceIndex(tx);
        await updateCandidateRow(tx, deps, caller, id, version, rest, index, { source: 'api', audit: true });
        return presentCandidate((await findCandidate(tx, caller.actor, id))!, index);
      });
    },
    /** A contact outside any target (e.g. met at an exhibition before anyone was assigned). */
    async addContact(caller: Caller, id: string, input: ActivityInput) {
      return inTransaction(deps, async (tx) => {
        if (!(await candidateAccess.allows(tx, caller.actor, 'write', id))) throw notFoundCandidate();
        const now = deps.clock();
        const [row] = await tx
          .insert(attractionActivities)
          .values({ candidateId: id, targetId: null, kind: input.kind, occurredOn: input.occurredOn, note: input.note, nextStep: input.nextStep ?? null, actorUserId: caller.audit.userId, actorName: caller.actor.displayName, createdAt: now })
          .returning();
        await recordChange(tx, deps.audit, caller, { objectType: 'candidate', objectId: id, action: 'candidate.activity', before: null, after: { kind: input.kind, occurredOn: input.occurredOn, note: input.note } }, now);
        return presentActivity({ id: row!.id, kind: row!.kind, occurredOn: row!.occurredOn, note: row!.note, nextStep: row!.nextStep, actorName: row!.actorName, targetId: null });
      });
    },
  };
}
