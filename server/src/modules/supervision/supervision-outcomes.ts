import { and, eq, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app/deps.ts';
import { inTransaction } from '../../app/deps.ts';
import { errors } from '../../app/errors.ts';
import type { Db } from '../../db/client.ts';
import { supervisionOutcomeLinks, supervisionStatusRules } from '../../db/schema/index.ts';
import type { OUTCOME_METRICS } from '../../../../contracts/supervision.ts';
import { dualTrackFlag, evaluateOutcome, taskTrackColour, yearTimeProgress } from '../../domain/supervision/dual-track.ts';
import { RULE_COLOUR, type StatusRuleCode } from '../../domain/supervision/status.ts';
import type { Caller } from '../registry-common/index.ts';
import { staleVersion } from '../registry-common/index.ts';
import { currentYear, scopedYearState } from './supervision.service.ts';
import { listStatusRules } from './supervision.repository.ts';

type Metric = (typeof OUTCOME_METRICS)[number];
const rowsOf = <T>(result: unknown): T[] => ((result as { rows?: T[] }).rows ?? (result as T[]));

/**
 * The outcome indicators a task can be linked to (issue 12 §5), each computed from the registries and the
 * approved monthly statistics: counts, 亿元 for money (stored in 万元), percent for occupancy.
 */
export async function outcomeActuals(db: Db, year: number): Promise<Record<Metric, number>> {
  const [row] = rowsOf<Record<string, string | number | null>>(
    await db.execute(sql`
      WITH signed AS (
        SELECT p.id, p.total_investment FROM projects p JOIN project_stages s ON s.project_id = p.id AND s.stage = 'signed'
         WHERE p.deleted_at IS NULL AND s.actual_on >= make_date(${year}::int, 1, 1) AND s.actual_on < make_date(${year}::int + 1, 1, 1)
      )
      SELECT
        (SELECT count(*) FROM signed) AS "projects-signed",
        (SELECT coalesce(sum(total_investment), 0) / 10000 FROM signed) AS "projects-signed-investment",
        (SELECT count(*) FROM platforms WHERE deleted_at IS NULL) AS "platforms",
        (SELECT CASE WHEN coalesce(sum(c.leasable_area_m2), 0) = 0 THEN 0
                     ELSE 100 * (SELECT coalesce(sum(o.leased_area_m2), 0) FROM carrier_occupants o WHERE o.move_out_on IS NULL) / sum(c.leasable_area_m2) END
           FROM carriers c WHERE c.deleted_at IS NULL) AS "carrier-occupancy",
        (SELECT count(*) FROM enterprises WHERE deleted_at IS NULL AND stage IN ('accelerating','industrialized')) AS "enterprises-accelerating-or-later",
        (SELECT count(*) FROM enterprises WHERE deleted_at IS NULL AND is_above_scale) AS "above-scale-enterprises",
        (SELECT coalesce(sum(r.revenue), 0) / 10000 FROM monthly_reports r JOIN enterprises e ON e.id = r.enterprise_id
          WHERE r.year = ${year} AND r.status = 'approved' AND e.domain_id IS NOT NULL) AS "industry-scale",
        (SELECT coalesce(sum(r.output), 0) / 10000 FROM monthly_reports r JOIN enterprises e ON e.id = r.enterprise_id
          WHERE r.year = ${year} AND r.status = 'approved' AND e.is_manufacturing) AS "manufacturing-output"`),
  );
  return Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, Math.round(Number(v ?? 0) * 100) / 100])) as Record<Metric, number>;
}

export async function dualTrack(db: Db, caller: Caller, year: number, now: Date) {
  const { state, items } = await scopedYearState(db, caller, year, now);
  const links = await db.select().from(supervisionOutcomeLinks).where(eq(supervisionOutcomeLinks.year, year));
  const actuals = await outcomeActuals(db, year);
  const timeProgress = yearTimeProgress(year, state.asOf);
  const tasks = new Map<string, { key: string; label: string; title: string; colours: ('green' | 'blue' | 'yellow' | 'red')[] }>();
  for (const item of items) {
    const t = tasks.get(item.clause.taskKey) ?? { key: item.clause.taskKey, label: item.clause.task, title: item.clause.taskTitle, colours: [] };
    t.colours.push(item.status.status);
    tasks.set(item.clause.taskKey, t);
  }
  return {
    year,
    asOf: state.asOf,
    tasks: [...tasks.values()].map((t) => {
      const outcomes = links
        .filter((l) => l.taskKey === t.key)
        .map((l) => evaluateOutcome({ metric: l.metric, baseline: Number(l.baseline), target: Number(l.target), actual: actuals[l.metric as Metric] ?? 0 }, timeProgress));
      const taskTrack = taskTrackColour(t.colours);
      return {
        key: t.key,
        label: t.label,
        title: t.title,
        taskTrack,
        items: t.colours.length,
        outcomes: outcomes.map((o) => ({ ...o, metric: o.metric as Metric, completion: Math.round(o.completion * 1000) / 1000, timeProgress: Math.round(o.timeProgress * 1000) / 1000 })),
        flag: dualTrackFlag(taskTrack, outcomes),
      };
    }),
  };
}

export function createSupervisionSettingsService(deps: AppDeps) {
  const db = () => deps.database.db;
  return {
    async rules() {
      const rows = await listStatusRules(db());
      return { items: rows.map((r) => ({ code: r.code, colour: RULE_COLOUR[r.code as StatusRuleCode] ?? (r.colour as 'red'), enabled: r.enabled, params: r.params ?? {}, version: r.version })) };
    },
    updateRule: (caller: Caller, code: string, input: { enabled: boolean; params: Record<string, number>; version: number }) =>
      inTransaction(deps, async (tx) => {
        const [before] = await tx.select().from(supervisionStatusRules).where(eq(supervisionStatusRules.code, code));
        if (!before) throw errors.notFound('规则', 'rule');
        const [row] = await tx
          .update(supervisionStatusRules)
          .set({ enabled: input.enabled, params: input.params, updatedAt: deps.clock(), version: sql`${supervisionStatusRules.version} + 1` })
          .where(and(eq(supervisionStatusRules.code, code), eq(supervisionStatusRules.version, input.version)))
          .returning();
        if (!row) throw staleVersion(before.version);
        await deps.audit.inTransaction(tx, caller.audit, caller.origin, { action: 'supervision.rule-update', objectType: 'supervision-rule', objectId: code, before: { enabled: before.enabled, params: before.params }, after: { enabled: row.enabled, params: row.params } });
        return { code: row.code, colour: RULE_COLOUR[row.code as StatusRuleCode], enabled: row.enabled, params: row.params, version: row.version };
      }),
    dualTrack: (caller: Caller, year?: number) => dualTrack(db(), caller, year ?? currentYear(deps.clock()), deps.clock()),
    setOutcomeLinks: (caller: Caller, taskKey: string, input: { year: number; links: { metric: string; baseline: number; target: number }[] }) =>
      inTransaction(deps, async (tx) => {
        const before = await tx.select().from(supervisionOutcomeLinks).where(and(eq(supervisionOutcomeLinks.taskKey, taskKey), eq(supervisionOutcomeLinks.year, input.year)));
        await tx.delete(supervisionOutcomeLinks).where(and(eq(supervisionOutcomeLinks.taskKey, taskKey), eq(supervisionOutcomeLinks.year, input.year)));
        const at = deps.clock();
        const seen = new Set<string>();
        for (const l of input.links) {
          if (seen.has(l.metric)) continue;
          seen.add(l.metric);
          await tx.insert(supervisionOutcomeLinks).values({ taskKey, metric: l.metric, year: input.year, baseline: String(l.baseline), target: String(l.target), updatedAt: at });
        }
        await deps.audit.inTransaction(tx, caller.audit, caller.origin, {
          action: 'supervision.outcome-links-update',
          objectType: 'supervision-task',
          objectId: taskKey,
          before: before.map((b) => ({ metric: b.metric, baseline: Number(b.baseline), target: Number(b.target) })),
          after: input.links,
        });
        return dualTrack(tx, caller, input.year, at);
      }),
  };
}
