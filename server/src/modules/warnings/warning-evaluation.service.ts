import type { EvaluationResult, WarningLevel } from '../../../../contracts/warnings.ts';
import type { AppConfig } from '../../config/config.ts';
import type { Database, Db } from '../../db/client.ts';
import { goalKey } from '../../domain/plan-model/stable-keys.ts';
import { shanghaiDay } from '../../domain/notifications/report-reminder.ts';
import { evaluateRule, shiftMonth, type EvaluationFacts, type Finding, type GoalFacts } from '../../domain/warnings/index.ts';
import type { AuditActor, AuditService } from '../audit/index.ts';
import { computeGoalProgress } from '../statistics/index.ts';
import { monthCloseRule, statsPeriods } from '../statistics/index.ts';
import { loadEnterpriseFacts, loadGroups, loadProjectFacts, loadReportFacts } from './warning-facts.repository.ts';
import { addEvent, closeWarning, insertWarning, liveWarningsOfRule, refreshWarning, type WarningRow } from './warning.repository.ts';
import { ensureShippedRules, listRules, type RuleRow } from './warning-rule.repository.ts';
import { sendWarningNotices, type WarningNotice } from './warning-notices.ts';
import { HOOK_FINDERS } from './warning-hooks.ts';

export interface EvaluationDeps {
  database: Database;
  config: Pick<AppConfig, 'smtpUrl' | 'smtpFrom'>;
  clock: () => Date;
  audit: AuditService;
  log?: (message: string) => void;
}

/** What a partial evaluation covers: the enterprises of an approval or import (their enterprise and report rules). */
export interface EvaluationTarget {
  enterpriseIds?: readonly string[];
  /** Only these rules (e.g. the rule just edited). */
  ruleCodes?: readonly string[];
}

const PARTIAL_SUBJECT_KINDS = new Set(['enterprise', 'report']);
export const AUTO_CLOSE_REASON = '条件已消除（自动关闭） / condition cleared (closed automatically)';
const SYSTEM: AuditActor = { userId: null, username: 'system', role: null };

/** The facts of the latest closed month, gathered once for all rules. */
export async function gatherFacts(db: Db, now: Date, enterpriseIds?: readonly string[]): Promise<EvaluationFacts> {
  const periods = await statsPeriods(db, monthCloseRule(now));
  const asOf = periods.period;
  const today = shanghaiDay(now);
  const yearNow = Number(today.slice(0, 4));
  const fromYear = Math.min(asOf?.year ?? yearNow, yearNow) - 4;
  const enterprises = await loadEnterpriseFacts(db, fromYear, enterpriseIds);
  const reportsFrom = shiftMonth({ year: yearNow, month: Number(today.slice(5, 7)) }, 13);
  const reports = await loadReportFacts(db, reportsFrom, enterpriseIds);
  const partial = enterpriseIds !== undefined;
  const projects = partial ? [] : await loadProjectFacts(db);
  const groups = await loadGroups(db);
  const goals: GoalFacts[] = [];
  if (!partial && asOf) {
    const view = await computeGoalProgress(db, { kind: 'district' }, { period: asOf });
    for (const g of view.goals) {
      const future = g.targets.filter((t) => t.year >= asOf.year);
      for (const [i, t] of future.entries()) {
        goals.push({
          key: goalKey({ metric: g.metric, year: t.year }),
          metric: g.metric,
          targetYear: t.year,
          target: t.value,
          unit: g.unit,
          // This year's verdict belongs to the nearest goal; later goals carry only their trend check.
          completion: i === 0 ? g.current.completion : null,
          timeProgress: i === 0 ? g.current.timeProgress : null,
          period: g.current.period,
          actuals: g.actuals,
        });
      }
    }
  }
  return { asOf, today, enterprises, reports, projects, goals, zones: groups.zones, domains: groups.domains };
}

/**
 * Evaluates every enabled rule (or those of a partial target) and reconciles the warnings: a finding on a
 * subject with a live warning refreshes it (never a second row: a partial unique index makes duplication
 * impossible), a new one opens a warning and notifies its owner, a live warning whose condition no longer
 * holds is closed with the reason. A rule whose parameters or condition fail is logged and skipped — its
 * warnings are left as they are, since "could not evaluate" is not "cleared".
 */
export async function evaluateWarnings(deps: EvaluationDeps, target: EvaluationTarget = {}, who: AuditActor = SYSTEM): Promise<EvaluationResult> {
  const now = deps.clock();
  const log = deps.log ?? (() => {});
  await deps.database.db.transaction(async (tx) => ensureShippedRules(tx as unknown as Db, now));
  const partial = target.enterpriseIds !== undefined;
  // Hook rules (fed by supervision and enterprise services) run in full evaluations only.
  const rules = (await listRules(deps.database.db)).filter(
    (r) =>
      r.enabled &&
      (r.evaluated_by === 'warnings' || (!partial && HOOK_FINDERS[r.code] !== undefined)) &&
      (!target.ruleCodes || target.ruleCodes.includes(r.code)) &&
      (!partial || PARTIAL_SUBJECT_KINDS.has(r.subject_kind)),
  );
  const result: EvaluationResult = { opened: 0, updated: 0, closed: 0, open: [], skipped: [] };
  if (rules.length === 0 || target.enterpriseIds?.length === 0) return result;
  const facts = await gatherFacts(deps.database.db, now, target.enterpriseIds);
  const notices: WarningNotice[] = [];
  for (const rule of rules) {
    let findings: Finding[];
    try {
      const hook = rule.evaluated_by === 'hook' ? HOOK_FINDERS[rule.code] : undefined;
      findings = hook ? await hook(deps.database.db, rule.params as Record<string, unknown>, now) : evaluateRule(rule.kind, rule.params, facts);
    } catch (error) {
      const message = (error as Error).message;
      log(`warning rule ${rule.code} skipped: ${message}`);
      result.skipped.push({ rule: rule.code, error: message.slice(0, 500) });
      continue;
    }
    const counts = await deps.database.db.transaction(async (tx) => reconcileRule(tx as unknown as Db, rule, findings, now, target.enterpriseIds, notices));
    result.opened += counts.opened;
    result.updated += counts.updated;
    result.closed += counts.closed;
  }
  await deps.audit.standalone(who, null, {
    action: 'warning.evaluate',
    details: { partial, enterprises: target.enterpriseIds?.length ?? null, rules: rules.map((r) => r.code), opened: result.opened, updated: result.updated, closed: result.closed, skipped: result.skipped },
  });
  await sendWarningNotices({ database: deps.database, config: deps.config, now: deps.clock }, notices, log);
  result.open = await liveSummary(deps.database);
  return result;
}

async function reconcileRule(tx: Db, rule: RuleRow, findings: readonly Finding[], now: Date, enterpriseIds: readonly string[] | undefined, notices: WarningNotice[]) {
  const live = new Map<string, WarningRow>((await liveWarningsOfRule(tx, rule.code, enterpriseIds)).map((w) => [w.subject_key, w]));
  let opened = 0;
  let updated = 0;
  let closed = 0;
  const seen = new Set<string>();
  for (const f of findings) {
    if (seen.has(f.subjectKey)) continue;
    seen.add(f.subjectKey);
    const level: WarningLevel = f.level ?? (rule.level as WarningLevel);
    const existing = live.get(f.subjectKey);
    if (existing) {
      if (await refreshWarning(tx, existing, f, level, Number(rule.version), now)) {
        updated++;
        await addEvent(tx, { warningId: existing.id, kind: 'updated', details: { level, explanation: f.explanationZh } }, now);
      }
      continue;
    }
    const id = await insertWarning(tx, { code: rule.code, version: Number(rule.version), subjectKind: rule.subject_kind, level, ownerRole: rule.owner_role }, f, level, now);
    await addEvent(tx, { warningId: id, kind: 'opened', toStatus: 'open', details: { ruleVersion: Number(rule.version) } }, now);
    opened++;
    notices.push({
      kind: 'warning.opened', warningId: id, step: 'opened', role: rule.owner_role as WarningNotice['role'], zoneId: f.refs.zoneId ?? null, departmentId: f.refs.departmentId ?? null,
      level, ruleNameZh: rule.name_zh, ruleNameEn: rule.name_en, subjectLabel: f.subjectLabel, bodyZh: f.explanationZh, bodyEn: f.explanationEn,
    });
  }
  for (const [key, w] of live) {
    if (seen.has(key)) continue;
    await closeWarning(tx, w.id, 'resolved', AUTO_CLOSE_REASON, null, now);
    await addEvent(tx, { warningId: w.id, kind: 'auto-closed', fromStatus: w.status, toStatus: 'resolved', note: AUTO_CLOSE_REASON }, now);
    closed++;
    notices.push({
      kind: 'warning.step', warningId: w.id, step: 'auto-closed', role: w.owner_role as WarningNotice['role'], zoneId: w.zone_id, departmentId: w.department_id,
      level: w.level, ruleNameZh: w.rule_name_zh, ruleNameEn: w.rule_name_en, subjectLabel: w.subject_label,
      bodyZh: `预警条件已消除，已自动关闭：${w.explanation_zh}`, bodyEn: `The condition cleared and the warning was closed automatically: ${w.explanation_en}`,
    });
  }
  return { opened, updated, closed };
}

/** Every live warning, for the command line's `open` list. */
export async function liveSummary(database: Database): Promise<EvaluationResult['open']> {
  const rows = await database.query<{ rule_code: string; level: WarningLevel; subject_kind: string; subject_key: string }>(
    `SELECT rule_code, level, subject_kind, subject_key FROM warnings WHERE status IN ('open', 'acknowledged', 'handling') ORDER BY rule_code, subject_kind, subject_key`,
  );
  return rows.map((r) => ({ rule: r.rule_code, level: r.level, subjectKind: r.subject_kind, subjectKey: r.subject_key }));
}

/**
 * The hook for rules evaluated by other features (supervision items overdue, requests past their SLA): the
 * feature evaluates its own condition with the rule's parameters and hands over the complete list of current
 * findings; they are reconciled exactly as the rules evaluated here (opened, refreshed, auto-closed).
 */
export async function applyHookFindings(deps: EvaluationDeps, ruleCode: string, findings: readonly Finding[]): Promise<Pick<EvaluationResult, 'opened' | 'updated' | 'closed'>> {
  const now = deps.clock();
  await deps.database.db.transaction(async (tx) => ensureShippedRules(tx as unknown as Db, now));
  const rule = (await listRules(deps.database.db)).find((r) => r.code === ruleCode);
  if (!rule || rule.evaluated_by !== 'hook') throw new Error(`not a hook rule: ${ruleCode}`);
  if (!rule.enabled) return { opened: 0, updated: 0, closed: 0 };
  const notices: WarningNotice[] = [];
  const counts = await deps.database.db.transaction(async (tx) => reconcileRule(tx as unknown as Db, rule, findings, now, undefined, notices));
  await deps.audit.standalone(SYSTEM, null, { action: 'warning.evaluate', details: { hook: ruleCode, ...counts } });
  await sendWarningNotices({ database: deps.database, config: deps.config, now: deps.clock }, notices, deps.log);
  return counts;
}

/**
 * After an approval or an import: the enterprise and report rules for the enterprises it touched. Never fails
 * the caller — the figures are committed; a failure here is logged and the nightly job catches up.
 */
export async function evaluateAfterReportChange(deps: EvaluationDeps, enterpriseIds: readonly string[]): Promise<EvaluationResult | null> {
  try {
    return await evaluateWarnings(deps, { enterpriseIds: [...new Set(enterpriseIds)] });
  } catch (error) {
    (deps.log ?? console.warn)(`warnings after report change failed: ${(error as Error).message}`);
    return null;
  }
}
