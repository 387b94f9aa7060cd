import type { WarningAction, WarningListQuery, WarningRollup, WarningStatus } from '../../../../contracts/warnings.ts';
import type { Actor, RequestOrigin } from '../../app/actor.ts';
import { inTransaction, type AppDeps } from '../../app/deps.ts';
import { AppError, errors } from '../../app/errors.ts';
import type { Db } from '../../db/client.ts';
import { nextStatus, worstLevel } from '../../domain/warnings/index.ts';
import type { WarningLevel } from '../../../../contracts/warnings.ts';
import { auditActorOf } from '../audit/index.ts';
import { warningActScope, warningReadScope } from './warning.policy.ts';
import { presentWarning } from './warning.presenter.ts';
import { addEvent, closeWarning, findWarning, goalKeys, listWarnings, rollupRows, setStatus, touch, warningEvents } from './warning.repository.ts';
import { sendWarningNotices, type WarningNotice } from './warning-notices.ts';
import { ensureShippedRules } from './warning-rule.repository.ts';

const ACTION_AUDIT = {
  acknowledge: 'warning.acknowledge',
  handle: 'warning.handle',
  note: 'warning.note',
  resolve: 'warning.resolve',
  dismiss: 'warning.dismiss',
} as const;

const STEP_TEXT: Record<WarningAction['action'], { zh: string; en: string }> = {
  acknowledge: { zh: '已签收', en: 'acknowledged' },
  handle: { zh: '处置中', en: 'being handled' },
  note: { zh: '新增备注', en: 'a note was added' },
  resolve: { zh: '已办结', en: 'resolved' },
  dismiss: { zh: '已排除', en: 'dismissed' },
};

/** Warnings: list, detail, lifecycle actions and roll-up, every one through the scope of warning.policy.ts. */
export function createWarningService(deps: AppDeps) {
  return {
    async list(actor: Actor, q: WarningListQuery) {
      const { items, total } = await listWarnings(deps.database.db, warningReadScope(actor), q);
      return { items: items.map(presentWarning), total };
    },

    async get(actor: Actor, id: string) {
      const row = await findWarning(deps.database.db, warningReadScope(actor), id);
      if (!row) throw errors.notFound('预警', 'warning');
      const events = await warningEvents(deps.database.db, id);
      return {
        ...presentWarning(row),
        events: events.map((e) => ({ id: Number(e.id), kind: e.kind, fromStatus: e.from_status, toStatus: e.to_status, note: e.note, actorName: e.actor_name, at: new Date(e.at).toISOString() })),
      };
    },

    /**
     * One lifecycle step: 404 outside the read scope, 403 where the actor may read but not act (not the owner),
     * 409 on a stale version or a step the status does not allow. Audited with before and after; the owner
     * (and, once escalated, the commission) is notified.
     */
    async act(actor: Actor, origin: RequestOrigin, id: string, input: WarningAction) {
      const notices: WarningNotice[] = [];
      const view = await inTransaction(deps, async (tx: Db) => {
        const visible = await findWarning(tx, warningReadScope(actor), id, true);
        if (!visible) throw errors.notFound('预警', 'warning');
        const row = await findWarning(tx, warningActScope(actor), id);
        if (!row) throw errors.forbidden();
        if (Number(row.version) !== input.version) throw new AppError(409, 'STALE_VERSION', '预警已被他人更新，请刷新后重试', 'The warning changed meanwhile; reload and try again');
        const to = nextStatus(row.status as WarningStatus, input.action);
        if (!to) throw new AppError(409, 'WARNING_STATE', `预警当前状态（${row.status}）不允许此操作`, `The warning's current status (${row.status}) does not allow this`);
        const now = deps.clock();
        if (to === 'resolved' || to === 'dismissed') await closeWarning(tx, id, to, input.note!, actor.userId, now);
        else if (to !== row.status) await setStatus(tx, id, to, now);
        else await touch(tx, id, now);
        await addEvent(tx, { warningId: id, kind: input.action === 'handle' ? 'handling' : input.action === 'acknowledge' ? 'acknowledged' : input.action === 'resolve' ? 'resolved' : input.action === 'dismiss' ? 'dismissed' : 'note',
          fromStatus: row.status, toStatus: to, note: input.note ?? null, actorUserId: actor.userId, actorName: actor.displayName }, now);
        await deps.audit.inTransaction(tx, auditActorOf(actor), origin, {
          action: ACTION_AUDIT[input.action],
          objectType: 'warning',
          objectId: id,
          before: { status: row.status, version: Number(row.version) },
          after: { status: to, note: input.note ?? null },
        });
        const step = STEP_TEXT[input.action];
        const base = { warningId: id, zoneId: row.zone_id, departmentId: row.department_id, level: row.level, ruleNameZh: row.rule_name_zh, ruleNameEn: row.rule_name_en, subjectLabel: row.subject_label };
        const text = { bodyZh: `${actor.displayName}：${step.zh}${input.note ? `。${input.note}` : ''}`, bodyEn: `${actor.displayName}: ${step.en}${input.note ? `. ${input.note}` : ''}` };
        notices.push({ ...base, ...text, kind: 'warning.step', step: `${input.action}-${Number(row.version)}`, role: row.owner_role as WarningNotice['role'] });
        if (Number(row.escalation_level) > 0 && row.owner_role !== 'commission') notices.push({ ...base, ...text, kind: 'warning.step', step: `${input.action}-${Number(row.version)}`, role: 'commission' });
        return (await findWarning(tx, warningReadScope(actor), id))!;
      });
      await sendWarningNotices({ database: deps.database, config: deps.config, now: deps.clock }, notices);
      return presentWarning(view);
    },

    /** Live warnings counted (number and worst colour) on the goals, zones, domains and chain nodes, in scope. */
    async rollup(actor: Actor): Promise<WarningRollup> {
      await inTransaction(deps, (tx) => ensureShippedRules(tx, deps.clock()));
      const rows = await rollupRows(deps.database.db, warningReadScope(actor));
      return rollupOf(rows, await goalKeys(deps.database.db));
    },
  };
}

type RollupRow = Awaited<ReturnType<typeof rollupRows>>[number];

/**
 * Enterprise and project warnings count on their zone, domain and chain nodes, and on every goal (the goals
 * are district totals of which each enterprise is a part); a zone's, domain's or goal's own warnings on itself.
 */
export function rollupOf(rows: readonly RollupRow[], allGoalKeys: readonly string[]): WarningRollup {
  const groups = { goals: new Map<string, WarningLevel[]>(), zones: new Map<string, WarningLevel[]>(), domains: new Map<string, WarningLevel[]>(), chainNodes: new Map<string, WarningLevel[]>() };
  const add = (m: Map<string, WarningLevel[]>, key: string | null, level: WarningLevel) => {
    if (key) m.set(key, [...(m.get(key) ?? []), level]);
  };
  const goalKeys = new Set([...allGoalKeys, ...rows.filter((r) => r.subject_kind === 'goal').map((r) => r.subject_key)]);
  const byLevel: Record<WarningLevel, number> = { blue: 0, yellow: 0, orange: 0, red: 0 };
  for (const r of rows) {
    const level = r.level as WarningLevel;
    byLevel[level]++;
    if (r.subject_kind === 'goal') add(groups.goals, r.subject_key, level);
    if (r.subject_kind === 'zone') add(groups.zones, r.subject_key, level);
    else add(groups.zones, r.zone_code, level);
    if (r.subject_kind === 'domain') add(groups.domains, r.subject_key, level);
    else add(groups.domains, r.domain_code, level);
    const nodes = Array.isArray(r.node_codes) ? r.node_codes : r.node_codes ? String(r.node_codes).replace(/^\{|\}$/g, '').split(',').filter(Boolean) : [];
    for (const n of nodes) add(groups.chainNodes, n, level);
    if (r.subject_kind === 'enterprise' || r.subject_kind === 'project') for (const g of goalKeys) add(groups.goals, g, level);
  }
  const list = (m: Map<string, WarningLevel[]>) => [...m].map(([key, levels]) => ({ key, count: levels.length, worst: worstLevel(levels) })).sort((a, b) => a.key.localeCompare(b.key));
  return {
    total: { count: rows.length, worst: worstLevel(rows.map((r) => r.level as WarningLevel)), byLevel },
    goals: list(groups.goals),
    zones: list(groups.zones),
    domains: list(groups.domains),
    chainNodes: list(groups.chainNodes),
  };
}


/** The rollup for one caller, exactly as GET /api/warnings/rollup computes it. */
export function warningRollupFor(deps: AppDeps, actor: Actor): Promise<WarningRollup> {
  return createWarningService(deps).rollup(actor);
}
