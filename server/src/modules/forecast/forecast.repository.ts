import { sql } from 'drizzle-orm';
import { isIndicatorCode, type IndicatorCode } from '../../../../contracts/indicators.ts';
import type { Db } from '../../db/client.ts';
import { defaultGoalFormula } from '../../domain/plan-model/goal-formula.ts';
import { formulaPopulation, loadPlanGoals, toWan } from '../statistics/index.ts';
import { populationFilter } from '../statistics/index.ts';
import type { Population } from '../statistics/index.ts';
import { rowsOf, yuanOfNumeric } from '../statistics/index.ts';

/** The SQL the forecast and the gap analysis read: goal definitions, enterprise year figures, the pipeline. */

export interface MetricDefinition {
  metric: string;
  indicator: IndicatorCode;
  population: Population;
  /** The projects a metric counts: the formula's domain and zone filters. */
  projectDomains: string[] | null;
  projectZones: string[] | null;
  goals: { key: string; year: number; value: number; unit: string; targetWan: number }[];
}

export interface MetricDefinitions {
  metrics: MetricDefinition[];
  /** Goals without a formula (or not a money sum): the forecast refuses them by name. */
  refused: { key: string; metric: string }[];
}

export async function loadMetricDefinitions(db: Db): Promise<MetricDefinitions> {
  const plan = await loadPlanGoals(db);
  const byMetric = new Map<string, typeof plan.goals>();
  for (const g of plan.goals) byMetric.set(g.metric, [...(byMetric.get(g.metric) ?? []), g]);
  const metrics: MetricDefinition[] = [];
  const refused: MetricDefinitions['refused'] = [];
  for (const [metric, rows] of byMetric) {
    const formula = rows.find((r) => r.formula)?.formula ?? defaultGoalFormula(metric, rows[0]!.unit);
    const goals = rows
      .map((r) => ({ key: r.key, year: r.year, value: Number(r.value), unit: r.unit, targetWan: toWan(r.value, r.unit) }))
      .filter((g): g is MetricDefinition['goals'][number] => g.targetWan !== null)
      .sort((a, b) => a.year - b.year);
    if (!formula || !isIndicatorCode(formula.indicator) || goals.length === 0) {
      refused.push(...rows.map((r) => ({ key: r.key, metric })));
      continue;
    }
    const f = formula.filter;
    const domains = f.domainCodes?.length ? [...f.domainCodes] : f.scope === 'plan-domains' ? [...plan.domainCodes] : null;
    metrics.push({
      metric,
      indicator: formula.indicator as IndicatorCode,
      population: formulaPopulation(formula, plan.domainCodes, null),
      projectDomains: domains,
      projectZones: f.zoneCodes?.length ? [...f.zoneCodes] : null,
      goals,
    });
  }
  return { metrics, refused };
}

export interface EnterpriseYearRow {
  enterpriseId: string;
  name: string;
  domain: string;
  zone: string;
  status: string;
  exitedOn: string | null;
  year: number;
  month: number;
  reportsToDate: number;
  /** YTD in 万元. */
  ytd: number;
}

/**
 * Each population enterprise's YTD at December of every year up to `untilYear`, and at `month` of `year` and
 * `year − 1` (the current partial year and the same months of the year before).
 */
export async function loadEnterpriseYears(db: Db, population: Population, indicator: IndicatorCode, asOf: { year: number; month: number }): Promise<EnterpriseYearRow[]> {
  if (!isIndicatorCode(indicator)) throw new Error(`unknown indicator ${indicator}`);
  const col = sql.raw(`y_${indicator}`);
  const rows = await rowsOf<{ id: string; name: string; domain: string | null; zone: string | null; status: string; exited_on: string | null; year: number; month: number; r: number; v: string }>(
    db,
    sql`SELECT c.enterprise_id AS id, e.name, dg.key AS domain, zg.key AS zone, e.status, e.exited_on::text AS exited_on,
               c.year, c.month, c.reports_to_date AS r, c.${col}::text AS v
          FROM stat_enterprise_groups g
          JOIN stat_enterprise_ytd c ON c.enterprise_id = g.enterprise_id
          JOIN enterprises e ON e.id = g.enterprise_id
          LEFT JOIN stat_enterprise_groups dg ON dg.enterprise_id = g.enterprise_id AND dg.dim = 'domain'
          LEFT JOIN stat_enterprise_groups zg ON zg.enterprise_id = g.enterprise_id AND zg.dim = 'zone'
         WHERE g.dim = 'total' AND ${populationFilter(population)}
           AND ((c.month = 12 AND c.year <= ${asOf.year}) OR (c.month = ${asOf.month} AND c.year IN (${asOf.year}, ${asOf.year - 1})))
         ORDER BY c.enterprise_id, c.year, c.month`,
  );
  return rows.map((r) => ({
    enterpriseId: r.id,
    name: r.name,
    domain: r.domain ?? 'none',
    zone: r.zone ?? 'none',
    status: r.status,
    exitedOn: r.exited_on,
    year: Number(r.year),
    month: Number(r.month),
    reportsToDate: Number(r.r),
    ytd: yuanOfNumeric(r.v) / 10_000,
  }));
}

export interface ProjectRow {
  id: string;
  code: string;
  name: string;
  domain: string;
  zone: string;
  stage: string;
  /** 达产产值, 万元 a year. */
  fullOutput: number;
  /** Actual and planned date (ISO) of each stage reached or planned. */
  actual: Partial<Record<string, string>>;
  planned: Partial<Record<string, string>>;
}

export async function loadProjects(db: Db): Promise<ProjectRow[]> {
  const projects = await rowsOf<{ id: string; code: string; name: string; domain: string | null; zone: string | null; stage: string; output: string | null }>(
    db,
    sql`SELECT p.id, p.code, p.name, d.code AS domain, z.code AS zone, p.stage, p.expected_annual_output::text AS output
          FROM projects p LEFT JOIN domains d ON d.id = p.domain_id LEFT JOIN zones z ON z.id = p.zone_id
         WHERE p.deleted_at IS NULL ORDER BY p.code`,
  );
  const stages = await rowsOf<{ project_id: string; stage: string; planned_on: string | null; actual_on: string | null }>(
    db,
    sql`SELECT s.project_id, s.stage, s.planned_on::text AS planned_on, s.actual_on::text AS actual_on
          FROM project_stages s JOIN projects p ON p.id = s.project_id WHERE p.deleted_at IS NULL`,
  );
  const byProject = new Map<string, ProjectRow>();
  const out = projects.map((p) => {
    const row: ProjectRow = { id: p.id, code: p.code, name: p.name, domain: p.domain ?? 'none', zone: p.zone ?? 'none', stage: p.stage, fullOutput: p.output === null ? 0 : Number(p.output), actual: {}, planned: {} };
    byProject.set(p.id, row);
    return row;
  });
  for (const s of stages) {
    const row = byProject.get(s.project_id);
    if (!row) continue;
    if (s.actual_on) row.actual[s.stage] = s.actual_on;
    if (s.planned_on) row.planned[s.stage] = s.planned_on;
  }
  return out;
}

/** Zone and domain display names. */
export async function loadPartNames(db: Db): Promise<Map<string, { zh: string; en: string }>> {
  const rows = await rowsOf<{ kind: string; code: string; zh: string; en: string }>(
    db,
    sql`SELECT 'domain' AS kind, code, name_zh AS zh, name_en AS en FROM domains UNION ALL SELECT 'zone', code, name_zh, name_en FROM zones`,
  );
  return new Map(rows.map((r) => [`${r.kind}:${r.code}`, { zh: r.zh, en: r.en }]));
}
