import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { EnterpriseFacts, GroupRef, MonthValues, ProjectFacts, ReportFacts } from '../../domain/warnings/index.ts';
import { periodKey } from '../../domain/warnings/index.ts';
import { rowsOf } from '../statistics/index.ts';

export const idList = (ids: readonly string[]) => sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);

/**
 * The facts the rule conditions read (domain/warnings/facts.ts), in a few set queries: live enterprises with
 * their approved monthly output and revenue since `fromYear`, recent reports, projects with stage dates, zones
 * and domains. `enterpriseIds` narrows enterprises and reports to the subjects of an approval or import.
 */
export async function loadEnterpriseFacts(db: Db, fromYear: number, enterpriseIds?: readonly string[]): Promise<EnterpriseFacts[]> {
  if (enterpriseIds?.length === 0) return [];
  const only = enterpriseIds ? sql`AND e.id IN (${idList(enterpriseIds)})` : sql``;
  const list = await rowsOf<{ id: string; uscc: string; name: string; zone_id: string | null; domain_id: string | null; tags: string[] | string }>(
    db,
    sql`SELECT e.id, e.uscc, e.name, e.zone_id, e.domain_id, e.tags FROM enterprises e
         WHERE e.deleted_at IS NULL AND e.merged_into_id IS NULL AND e.status = 'active' ${only} ORDER BY e.uscc`,
  );
  const values = await rowsOf<{ enterprise_id: string; year: number; month: number; output: string | null; revenue: string | null }>(
    db,
    sql`SELECT r.enterprise_id, r.year, r.month, r.output::text AS output, r.revenue::text AS revenue
          FROM monthly_reports r JOIN enterprises e ON e.id = r.enterprise_id
         WHERE r.status = 'approved' AND r.year >= ${fromYear}
           AND e.deleted_at IS NULL AND e.merged_into_id IS NULL AND e.status = 'active' ${only}`,
  );
  const months = new Map<string, Map<string, MonthValues>>();
  for (const v of values) {
    const m = months.get(v.enterprise_id) ?? new Map<string, MonthValues>();
    m.set(periodKey(Number(v.year), Number(v.month)), { output: v.output === null ? null : Number(v.output), revenue: v.revenue === null ? null : Number(v.revenue) });
    months.set(v.enterprise_id, m);
  }
  return list.map((e) => {
    const tags = Array.isArray(e.tags) ? e.tags : String(e.tags).replace(/^\{|\}$/g, '').split(',');
    return {
      id: e.id,
      uscc: e.uscc.trim(),
      name: e.name,
      zoneId: e.zone_id,
      domainId: e.domain_id,
      isKey: tags.includes('leader') || tags.includes('chain-leader'),
      months: months.get(e.id) ?? new Map(),
    };
  });
}

export async function loadReportFacts(db: Db, from: { year: number; month: number }, enterpriseIds?: readonly string[]): Promise<ReportFacts[]> {
  if (enterpriseIds?.length === 0) return [];
  const only = enterpriseIds ? sql`AND r.enterprise_id IN (${idList(enterpriseIds)})` : sql``;
  const rows = await rowsOf<{ enterprise_id: string; year: number; month: number; status: ReportFacts['status']; deadline: string; explanation: string | null }>(
    db,
    sql`SELECT r.enterprise_id, r.year, r.month, r.status, r.deadline::text AS deadline, r.explanation FROM monthly_reports r
         WHERE r.year * 12 + r.month >= ${from.year * 12 + from.month} ${only}`,
  );
  return rows.map((r) => ({ enterpriseId: r.enterprise_id, year: Number(r.year), month: Number(r.month), status: r.status, deadline: r.deadline, explanation: r.explanation }));
}

export async function loadProjectFacts(db: Db): Promise<ProjectFacts[]> {
  const list = await rowsOf<{ id: string; code: string; name: string; stage: string; zone_id: string | null; domain_id: string | null; responsible_department_id: string | null; investor_enterprise_id: string | null }>(
    db,
    sql`SELECT id, code, name, stage, zone_id, domain_id, responsible_department_id, investor_enterprise_id FROM projects WHERE deleted_at IS NULL ORDER BY code`,
  );
  const stages = await rowsOf<{ project_id: string; stage: string; planned_on: string | null; actual_on: string | null }>(
    db,
    sql`SELECT s.project_id, s.stage, s.planned_on::text AS planned_on, s.actual_on::text AS actual_on
          FROM project_stages s JOIN projects p ON p.id = s.project_id WHERE p.deleted_at IS NULL`,
  );
  const byProject = new Map<string, ProjectFacts['stages'][number][]>();
  for (const s of stages) byProject.set(s.project_id, [...(byProject.get(s.project_id) ?? []), { stage: s.stage, plannedOn: s.planned_on, actualOn: s.actual_on }]);
  return list.map((p) => ({
    id: p.id,
    code: p.code,
    name: p.name,
    stage: p.stage,
    zoneId: p.zone_id,
    domainId: p.domain_id,
    departmentId: p.responsible_department_id,
    investorEnterpriseId: p.investor_enterprise_id,
    stages: byProject.get(p.id) ?? [],
  }));
}

export async function loadGroups(db: Db): Promise<{ zones: GroupRef[]; domains: GroupRef[] }> {
  const zones = await rowsOf<{ id: string; code: string; name_zh: string }>(db, sql`SELECT id, code, name_zh FROM zones ORDER BY sort_order, code`);
  const domains = await rowsOf<{ id: string; code: string; name_zh: string }>(db, sql`SELECT id, code, name_zh FROM domains ORDER BY sort_order, code`);
  const ref = (r: { id: string; code: string; name_zh: string }) => ({ id: r.id, code: r.code, nameZh: r.name_zh });
  return { zones: zones.map(ref), domains: domains.map(ref) };
}
