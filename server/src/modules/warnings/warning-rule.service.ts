import type { WarningRuleUpdate } from '../../../../contracts/warnings.ts';
import type { Actor, RequestOrigin } from '../../app/actor.ts';
import { inTransaction, type AppDeps } from '../../app/deps.ts';
import { AppError, errors } from '../../app/errors.ts';
import { evaluateRule, hasCondition, parseRuleParams, RuleParamsError } from '../../domain/warnings/index.ts';
import { auditActorOf } from '../audit/index.ts';
import { presentRule } from './warning.presenter.ts';
import { addEvent, closeWarning, liveRuleCounts, liveWarningsOfRule } from './warning.repository.ts';
import { evaluateWarnings, gatherFacts } from './warning-evaluation.service.ts';
import { ensureShippedRules, findRule, listRules, ruleVersions, saveRuleVersion } from './warning-rule.repository.ts';

/** A rule change that would open more warnings than this at once must be confirmed (issue 11, bad input). */
export const CONFIRM_OPEN_THRESHOLD = 20;

function validated(kind: string, params: unknown): Record<string, unknown> {
  try {
    return parseRuleParams(kind, params);
  } catch (error) {
    if (error instanceof RuleParamsError) {
      throw errors.validation(error.issues.map((i) => ({ path: `body.${i.path}`, rule: 'range', message: i.message, messageEn: i.message })));
    }
    throw error;
  }
}

/** The commission's rule settings: list, history, a dry run of a change, and the change itself (versioned, audited). */
export function createWarningRuleService(deps: AppDeps) {
  async function liveCounts() {
    return liveRuleCounts(deps.database.db);
  }

  async function dryRun(code: string, change: Pick<WarningRuleUpdate, 'params' | 'enabled'>) {
    const rule = await findRule(deps.database.db, code);
    if (!rule) throw errors.notFound('预警规则', 'warning rule');
    const params = validated(rule.kind, change.params ?? rule.params);
    const live = await liveWarningsOfRule(deps.database.db, code);
    const enabled = change.enabled ?? rule.enabled;
    const findings = enabled && hasCondition(rule.kind) ? evaluateRule(rule.kind, params, await gatherFacts(deps.database.db, deps.clock())) : null;
    if (!findings) return { wouldOpen: 0, wouldClose: enabled ? 0 : live.length, wouldStay: enabled ? live.length : 0, needsConfirmation: false, threshold: CONFIRM_OPEN_THRESHOLD };
    const keys = new Set(findings.map((f) => f.subjectKey));
    const liveKeys = new Set(live.map((w) => w.subject_key));
    const wouldOpen = [...keys].filter((k) => !liveKeys.has(k)).length;
    return {
      wouldOpen,
      wouldClose: [...liveKeys].filter((k) => !keys.has(k)).length,
      wouldStay: [...liveKeys].filter((k) => keys.has(k)).length,
      needsConfirmation: wouldOpen > CONFIRM_OPEN_THRESHOLD,
      threshold: CONFIRM_OPEN_THRESHOLD,
    };
  }

  return {
    async list() {
      await inTransaction(deps, (tx) => ensureShippedRules(tx, deps.clock()));
      const counts = await liveCounts();
      return (await listRules(deps.database.db)).map((r) => presentRule(r, counts.get(r.code) ?? 0));
    },

    async versions(code: string) {
      if (!(await findRule(deps.database.db, code))) throw errors.notFound('预警规则', 'warning rule');
      return (await ruleVersions(deps.database.db, code)).map((v) => ({
        version: Number(v.version),
        enabled: v.enabled,
        level: v.level as 'blue',
        params: v.params,
        escalateAfterDays: Number(v.escalate_after_days),
        note: v.note,
        changedAt: new Date(v.changed_at).toISOString(),
        changedBy: v.changed_by_name,
      }));
    },

    dryRun,

    /**
     * A new version of the rule's settings. Parameters are validated against the kind's schema (located
     * messages); a change that would open more than CONFIRM_OPEN_THRESHOLD warnings answers 409
     * CONFIRMATION_REQUIRED with the counts until it is sent again with `confirmed: true`. The rule is then
     * evaluated at once, so the warnings follow the change.
     */
    async update(actor: Actor, origin: RequestOrigin, code: string, input: WarningRuleUpdate) {
      const current = await findRule(deps.database.db, code);
      if (!current) throw errors.notFound('预警规则', 'warning rule');
      const params = validated(current.kind, input.params ?? current.params);
      const enabled = input.enabled ?? current.enabled;
      if (!input.confirmed && enabled) {
        const preview = await dryRun(code, { params, enabled });
        if (preview.needsConfirmation) {
          throw new AppError(409, 'CONFIRMATION_REQUIRED', `此修改将新开 ${preview.wouldOpen} 条预警（超过 ${CONFIRM_OPEN_THRESHOLD} 条），请确认`,
            `This change would open ${preview.wouldOpen} warnings (more than ${CONFIRM_OPEN_THRESHOLD}); please confirm`, [{ path: 'body.confirmed', rule: 'confirm', message: String(preview.wouldOpen) }]);
        }
      }
      await inTransaction(deps, async (tx) => {
        const locked = await findRule(tx, code, true);
        if (!locked || Number(locked.version) !== input.version) throw new AppError(409, 'STALE_VERSION', '规则已被他人修改，请刷新后重试', 'The rule changed meanwhile; reload and try again');
        const next = { version: Number(locked.version) + 1, enabled, level: input.level ?? locked.level, params, escalateAfterDays: input.escalateAfterDays ?? Number(locked.escalate_after_days), note: input.note ?? null };
        await saveRuleVersion(tx, code, next, { userId: actor.userId, name: actor.displayName }, deps.clock());
        await deps.audit.inTransaction(tx, auditActorOf(actor), origin, {
          action: 'warning.rule-update',
          objectType: 'warning-rule',
          objectId: code,
          before: { version: Number(locked.version), enabled: locked.enabled, level: locked.level, params: locked.params, escalateAfterDays: Number(locked.escalate_after_days) },
          after: next,
        });
      });
      // Switching a rule off closes its live warnings (their condition is no longer watched).
      if (!enabled && current.enabled) await closeAllOf(code, actor);
      else await evaluateWarnings({ ...deps, log: () => {} }, { ruleCodes: [code] }, auditActorOf(actor));
      const counts = await liveCounts();
      return presentRule((await findRule(deps.database.db, code))!, counts.get(code) ?? 0);
    },
  };

  async function closeAllOf(code: string, actor: Actor) {
    const reason = '规则已停用 / rule switched off';
    await inTransaction(deps, async (tx) => {
      const live = await liveWarningsOfRule(tx, code);
      for (const w of live) {
        await closeWarning(tx, w.id, 'dismissed', reason, actor.userId, deps.clock());
        await addEvent(tx, { warningId: w.id, kind: 'dismissed', fromStatus: w.status, toStatus: 'dismissed', note: reason, actorUserId: actor.userId, actorName: actor.displayName }, deps.clock());
      }
    });
  }
}
