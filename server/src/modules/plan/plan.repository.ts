import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { EditedPolicy, GoalFormula } from '../../../../contracts/plan.ts';
import type { Db } from '../../db/client.ts';
import {
  departments,
  domains,
  planDomainSubfields,
  planDomains,
  planGoals,
  planMeasures,
  plans,
  planTasks,
  planTaskUnits,
  planVersions,
  planZoneCarriers,
  planZones,
  zones,
} from '../../db/schema/index.ts';
import { assignPlanKeys } from '../../domain/plan-model/stable-keys.ts';
import { findDepartmentByPolicyName } from '../../seed/reference/index.ts';

/** A structure ready to store: every goal's formula already decided (null: none). */
export type StoredStructure = Omit<EditedPolicy, 'goals'> & { goals: (EditedPolicy['goals'][number] & { formula: GoalFormula | null })[] };

export interface NewVersionRow {
  planId: string;
  version: number;
  status: 'draft' | 'active';
  structure: StoredStructure;
  sourceText: string;
  sourceFileName: string | null;
  sourceSha256: string;
  note: string | null;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: Date;
}

export type PlanRow = typeof plans.$inferSelect;
export type VersionRow = typeof planVersions.$inferSelect;

/** Versions with their item counts (no source text, no structure: lists stay small). */
const summaryColumns = {
  id: planVersions.id,
  planId: planVersions.planId,
  version: planVersions.version,
  status: planVersions.status,
  title: planVersions.title,
  sourceFileName: planVersions.sourceFileName,
  sourceSha256: planVersions.sourceSha256,
  note: planVersions.note,
  createdAt: planVersions.createdAt,
  createdByName: planVersions.createdByName,
  activatedAt: planVersions.activatedAt,
  goals: sql<number>`(SELECT count(*)::int FROM plan_goals g WHERE g.version_id = plan_versions.id)`,
  domains: sql<number>`(SELECT count(*)::int FROM plan_domains d WHERE d.version_id = plan_versions.id)`,
  zones: sql<number>`(SELECT count(*)::int FROM plan_zones z WHERE z.version_id = plan_versions.id)`,
  tasks: sql<number>`(SELECT count(*)::int FROM plan_tasks t WHERE t.version_id = plan_versions.id AND t.kind = 'task')`,
  safeguards: sql<number>`(SELECT count(*)::int FROM plan_tasks t WHERE t.version_id = plan_versions.id AND t.kind = 'safeguard')`,
  measures: sql<number>`(SELECT count(*)::int FROM plan_measures m WHERE m.version_id = plan_versions.id)`,
  warnings: sql<number>`coalesce(jsonb_array_length(${planVersions.structure} -> 'warnings'), 0)`,
};
export type VersionSummaryRow = {
  [K in keyof typeof summaryColumns]: K extends 'goals' | 'domains' | 'zones' | 'tasks' | 'safeguards' | 'measures' | 'warnings' ? number : (typeof planVersions.$inferSelect)[K & keyof typeof planVersions.$inferSelect];
};

export async function listPlans(db: Db): Promise<PlanRow[]> {
  return db.select().from(plans).orderBy(asc(plans.createdAt), asc(plans.code));
}

export async function findPlan(db: Db, planId: string): Promise<PlanRow | undefined> {
  const [row] = await db.select().from(plans).where(eq(plans.id, planId));
  return row;
}

export async function findPlanByCode(db: Db, code: string): Promise<PlanRow | undefined> {
  const [row] = await db.select().from(plans).where(eq(plans.code, code));
  return row;
}

/** Locks the plan row so that version numbering and activation of one plan are serialised. */
export async function lockPlan(tx: Db, planId: string): Promise<PlanRow | undefined> {
  const [row] = await tx.select().from(plans).where(eq(plans.id, planId)).for('update');
  return row;
}

export async function listVersionSummaries(db: Db, planIds: readonly string[]): Promise<VersionSummaryRow[]> {
  if (!planIds.length) return [];
  return (await db
    .select(summaryColumns)
    .from(planVersions)
    .where(inArray(planVersions.planId, [...planIds]))
    .orderBy(asc(planVersions.planId), asc(planVersions.version))) as VersionSummaryRow[];
}

export async function findVersionSummary(db: Db, versionId: string): Promise<VersionSummaryRow | undefined> {
  const [row] = await db.select(summaryColumns).from(planVersions).where(eq(planVersions.id, versionId));
  return row as VersionSummaryRow | undefined;
}

export async function findVersion(db: Db, versionId: string): Promise<VersionRow | undefined> {
  const [row] = await db.select().from(planVersions).where(eq(planVersions.id, versionId));
  return row;
}

export async function findActiveVersionId(db: Db, planId: string): Promise<string | null> {
  const [row] = await db.select({ id: planVersions.id }).from(planVersions).where(and(eq(planVersions.planId, planId), eq(planVersions.status, 'active')));
  return row?.id ?? null;
}

export async function nextVersionNumber(tx: Db, planId: string): Promise<number> {
  const [row] = await tx.select({ n: sql<number>`coalesce(max(${planVersions.version}), 0)::int` }).from(planVersions).where(eq(planVersions.planId, planId));
  return (row?.n ?? 0) + 1;
}

export async function insertPlan(tx: Db, values: { code: string; title: string; createdBy: string | null; createdAt: Date }): Promise<PlanRow> {
  const [row] = await tx.insert(plans).values(values).returning();
  return row!;
}

/**
 * Writes a version and its normalised items. Stable keys come from assignPlanKeys; domains, zones and units are
 * linked to the reference tables by name when the name is known (the raw name is always kept).
 */
export async function insertVersion(tx: Db, v: NewVersionRow): Promise<string> {
  const s = v.structure;
  const [version] = await tx
    .insert(planVersions)
    .values({
      planId: v.planId,
      version: v.version,
      status: v.status,
      title: s.title,
      issuer: s.issuer,
      issuedOn: s.issuedOn,
      docNumber: s.docNumber ?? null,
      sourceText: v.sourceText,
      sourceFileName: v.sourceFileName,
      sourceSha256: v.sourceSha256,
      structure: s,
      note: v.note,
      createdBy: v.createdBy,
      createdByName: v.createdByName,
      createdAt: v.createdAt,
      ...(v.status === 'active' ? { activatedAt: v.createdAt, activatedBy: v.createdBy } : {}),
    })
    .returning({ id: planVersions.id });
  const versionId = version!.id;
  const keys = assignPlanKeys(s);
  const refs = await loadReferenceIds(tx);

  if (s.goals.length) {
    await tx.insert(planGoals).values(
      s.goals.map((g, i) => ({
        versionId,
        key: keys.goals[i]!,
        ordinal: i,
        metric: g.metric,
        year: g.year,
        yearFrom: g.yearFrom ?? null,
        value: String(g.value),
        valueMax: g.valueMax === undefined ? null : String(g.valueMax),
        unit: g.unit,
        comparator: g.comparator,
        sourceStart: g.source.start,
        sourceEnd: g.source.end,
        formula: g.formula,
      })),
    );
  }
  if (s.domains.length) {
    const rows = await tx
      .insert(planDomains)
      .values(s.domains.map((d, i) => ({ versionId, key: keys.domains[i]!, ordinal: i, name: d.name, domainId: refs.domainByName.get(d.name) ?? null, sourceStart: d.source.start, sourceEnd: d.source.end })))
      .returning({ id: planDomains.id, ordinal: planDomains.ordinal });
    const subfields = rows.flatMap((r) => s.domains[r.ordinal]!.subfields.map((name, j) => ({ planDomainId: r.id, ordinal: j, name })));
    if (subfields.length) await tx.insert(planDomainSubfields).values(subfields);
  }
  if (s.zones.length) {
    const rows = await tx
      .insert(planZones)
      .values(
        s.zones.map((z, i) => ({ versionId, key: keys.zones[i]!, ordinal: i, name: z.name, alias: z.alias ?? null, base: z.base, zoneId: refs.zoneByName.get(z.name) ?? null, sourceStart: z.source.start, sourceEnd: z.source.end })),
      )
      .returning({ id: planZones.id, ordinal: planZones.ordinal });
    const carriers = rows.flatMap((r) => s.zones[r.ordinal]!.carriers.map((name, j) => ({ planZoneId: r.id, ordinal: j, name })));
    if (carriers.length) await tx.insert(planZoneCarriers).values(carriers);
  }
  if (s.tasks.length) {
    const rows = await tx
      .insert(planTasks)
      .values(
        s.tasks.map((t, i) => ({ versionId, key: keys.tasks[i]!.key, ordinal: i, kind: t.kind, number: t.number, label: t.label, title: t.title, sourceStart: t.source.start, sourceEnd: t.source.end })),
      )
      .returning({ id: planTasks.id, ordinal: planTasks.ordinal });
    const measures = rows.flatMap((r) =>
      s.tasks[r.ordinal]!.measures.map((m, j) => ({
        versionId,
        taskId: r.id,
        key: keys.tasks[r.ordinal]!.measures[j]!,
        ordinal: j,
        title: m.title,
        body: m.text,
        sourceStart: m.source.start,
        sourceEnd: m.source.end,
      })),
    );
    if (measures.length) await tx.insert(planMeasures).values(measures);
    const units = rows.flatMap((r) =>
      s.tasks[r.ordinal]!.units.map((u, j) => ({ versionId, taskId: r.id, ordinal: j, name: u.name, role: u.role, departmentId: refs.departmentOf(u.name) })),
    );
    if (units.length) await tx.insert(planTaskUnits).values(units);
  }
  return versionId;
}

async function loadReferenceIds(tx: Db) {
  const deps = await tx.select({ id: departments.id, code: departments.code, nameZh: departments.nameZh, shortNameZh: departments.shortNameZh }).from(departments);
  const byCode = new Map(deps.map((d) => [d.code, d.id]));
  const byName = new Map<string, string>();
  for (const d of deps) {
    byName.set(d.nameZh, d.id);
    if (d.shortNameZh) byName.set(d.shortNameZh, d.id);
  }
  const domainByName = new Map((await tx.select({ id: domains.id, name: domains.nameZh }).from(domains)).map((d) => [d.name, d.id]));
  const zoneByName = new Map((await tx.select({ id: zones.id, name: zones.nameZh }).from(zones)).map((z) => [z.name, z.id]));
  return {
    domainByName,
    zoneByName,
    /** Reference aliases first (区财政局(金融办) …), then the names of departments added in the database. */
    departmentOf(name: string): string | null {
      const known = findDepartmentByPolicyName(name);
      return (known ? byCode.get(known.code) : undefined) ?? byName.get(name.trim()) ?? null;
    },
  };
}

/** Everything a version's detail needs, in display order. */
export async function loadVersionItems(db: Db, versionId: string) {
  const [goals, domainRows, zoneRows, tasks, measures, units] = await Promise.all([
    db.select().from(planGoals).where(eq(planGoals.versionId, versionId)).orderBy(asc(planGoals.ordinal)),
    db
      .select({ row: planDomains, domainCode: domains.code })
      .from(planDomains)
      .leftJoin(domains, eq(domains.id, planDomains.domainId))
      .where(eq(planDomains.versionId, versionId))
      .orderBy(asc(planDomains.ordinal)),
    db
      .select({ row: planZones, zoneCode: zones.code, lon: zones.lon, lat: zones.lat })
      .from(planZones)
      .leftJoin(zones, eq(zones.id, planZones.zoneId))
      .where(eq(planZones.versionId, versionId))
      .orderBy(asc(planZones.ordinal)),
    db.select().from(planTasks).where(eq(planTasks.versionId, versionId)).orderBy(asc(planTasks.ordinal)),
    db.select().from(planMeasures).where(eq(planMeasures.versionId, versionId)).orderBy(asc(planMeasures.ordinal)),
    db
      .select({ row: planTaskUnits, departmentCode: departments.code, departmentName: departments.nameZh })
      .from(planTaskUnits)
      .leftJoin(departments, eq(departments.id, planTaskUnits.departmentId))
      .where(eq(planTaskUnits.versionId, versionId))
      .orderBy(asc(planTaskUnits.ordinal)),
  ]);
  const domainIds = domainRows.map((d) => d.row.id);
  const zoneIds = zoneRows.map((z) => z.row.id);
  const [subfields, carriers] = await Promise.all([
    domainIds.length ? db.select().from(planDomainSubfields).where(inArray(planDomainSubfields.planDomainId, domainIds)).orderBy(asc(planDomainSubfields.ordinal)) : [],
    zoneIds.length ? db.select().from(planZoneCarriers).where(inArray(planZoneCarriers.planZoneId, zoneIds)).orderBy(asc(planZoneCarriers.ordinal)) : [],
  ]);
  return { goals, domains: domainRows, zones: zoneRows, tasks, measures, units, subfields, carriers };
}
export type VersionItems = Awaited<ReturnType<typeof loadVersionItems>>;

export async function findGoal(db: Db, goalId: string) {
  const [row] = await db.select().from(planGoals).where(eq(planGoals.id, goalId));
  return row;
}

/** The formulas of a version's goals by key, to carry them over to the next version. */
export async function formulasOfVersion(db: Db, versionId: string): Promise<{ key: string; metric: string; formula: GoalFormula | null }[]> {
  const rows = await db.select({ key: planGoals.key, metric: planGoals.metric, formula: planGoals.formula }).from(planGoals).where(eq(planGoals.versionId, versionId));
  return rows.map((r) => ({ key: r.key, metric: r.metric, formula: (r.formula as GoalFormula | null) ?? null }));
}
