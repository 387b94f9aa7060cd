import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../app/actor.ts';
import type { Db } from '../../db/client.ts';
import { experts, projects, techChallengeResponses, techChallenges, techEvaluationScores, techEvaluations, techListings, techRubricCriteria, users } from '../../db/schema/index.ts';
import { summariseEvaluations } from '../../domain/techtransfer/rubric.ts';
import { projectAccess } from '../projects/index.ts';
import type { ReferenceIndex } from '../registry-common/index.ts';
import { evaluationAccess } from './techtransfer.policy.ts';
import { presentEvaluation, type EvaluationJoined } from './techtransfer.presenter.ts';

export async function rubric(db: Db) {
  return db.select().from(techRubricCriteria).orderBy(asc(techRubricCriteria.sortOrder), asc(techRubricCriteria.code));
}

/** Evaluations in `scope` joined with their listing, expert and (for a challenge response) the challenge. */
export async function listEvaluationRows(db: Db, scope: SQL, filter: { listingId?: string | undefined; status?: string | undefined; id?: string }): Promise<EvaluationJoined[]> {
  const rows = await db
    .select({ row: techEvaluations, listing: techListings, expertName: experts.name, challengeTitle: techChallenges.title })
    .from(techEvaluations)
    .innerJoin(techListings, eq(techListings.id, techEvaluations.listingId))
    .innerJoin(experts, eq(experts.id, techEvaluations.expertId))
    .leftJoin(techChallengeResponses, eq(techChallengeResponses.id, techEvaluations.responseId))
    .leftJoin(techChallenges, eq(techChallenges.id, techChallengeResponses.challengeId))
    .where(
      and(
        scope,
        filter.id ? eq(techEvaluations.id, filter.id) : sql`true`,
        filter.listingId ? eq(techEvaluations.listingId, filter.listingId) : sql`true`,
        filter.status ? eq(techEvaluations.status, filter.status) : sql`true`,
      ),
    )
    .orderBy(asc(techEvaluations.status), desc(techEvaluations.assignedAt), asc(experts.code));
  return rows.map((r) => ({ ...r, challengeTitle: r.challengeTitle ?? null }));
}

export async function scoresOf(db: Db, evaluationIds: string[]) {
  if (!evaluationIds.length) return new Map<string, { criterion: string; nameZh: string; nameEn: string; weight: number; score: number }[]>();
  const rows = await db
    .select({ evaluationId: techEvaluationScores.evaluationId, criterion: techEvaluationScores.criterion, weight: techEvaluationScores.weight, score: techEvaluationScores.score, nameZh: techRubricCriteria.nameZh, nameEn: techRubricCriteria.nameEn, sort: techRubricCriteria.sortOrder })
    .from(techEvaluationScores)
    .innerJoin(techRubricCriteria, eq(techRubricCriteria.code, techEvaluationScores.criterion))
    .where(inArray(techEvaluationScores.evaluationId, evaluationIds))
    .orderBy(asc(techRubricCriteria.sortOrder));
  const map = new Map<string, { criterion: string; nameZh: string; nameEn: string; weight: number; score: number }[]>();
  for (const r of rows) {
    const list = map.get(r.evaluationId) ?? [];
    list.push({ criterion: r.criterion, nameZh: r.nameZh, nameEn: r.nameEn, weight: r.weight, score: r.score });
    map.set(r.evaluationId, list);
  }
  return map;
}

export async function presentEvaluations(db: Db, actor: Actor, rows: EvaluationJoined[], index: ReferenceIndex) {
  const scores = await scoresOf(db, rows.map((r) => r.row.id));
  return rows.map((r) => presentEvaluation(actor, r, scores.get(r.row.id) ?? [], index));
}

/** The commission's results on one listing: every evaluation with its scores, and the summary. */
export async function evaluationsOfListing(db: Db, actor: Actor, listingId: string, index: ReferenceIndex) {
  const rows = await listEvaluationRows(db, evaluationAccess.predicate(actor, 'read'), { listingId });
  const items = await presentEvaluations(db, actor, rows, index);
  return { summary: summariseEvaluations(items.map((i) => ({ status: i.status, total: i.total }))), items };
}

/**
 * The projects deals created, as far as `actor` may read them (the projects registry's own rule): a deal
 * shows its project to those who may see the project, and nothing to the others.
 */
export async function projectsForDeals(db: Db, actor: Actor, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  const map = new Map<string, { id: string; code: string; name: string; stage: string; expectedAnnualOutput: string | null }>();
  if (!wanted.length) return map;
  const rows = await db
    .select({ id: projects.id, code: projects.code, name: projects.name, stage: projects.stage, expectedAnnualOutput: projects.expectedAnnualOutput })
    .from(projects)
    .where(and(projectAccess.predicate(actor, 'read'), inArray(projects.id, wanted)));
  for (const r of rows) map.set(r.id, r);
  return map;
}

/** A project by code in the caller's project scope (a deal links only to a project its recorder may see). */
export async function findProjectByCode(db: Db, actor: Actor, code: string) {
  const [row] = await db.select({ id: projects.id }).from(projects).where(and(projectAccess.predicate(actor, 'read'), eq(projects.code, code)));
  return row ?? null;
}

/** The accounts acting for an expert of the pool (who is told of an assignment). */
export async function expertAccountIds(db: Db, expertId: string) {
  const rows = await db.select({ id: users.id }).from(users).where(and(eq(users.role, 'expert'), eq(users.scopeKind, 'expert'), eq(users.scopeId, expertId), eq(users.status, 'active')));
  return rows.map((r) => r.id);
}
