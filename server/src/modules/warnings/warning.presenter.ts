import type { WarningRuleView, WarningView } from '../../../../contracts/warnings.ts';
import type { WarningRow } from './warning.repository.ts';
import type { RuleRow } from './warning-rule.repository.ts';

const iso = (v: string | Date | null): string | null => (v === null ? null : new Date(v).toISOString());

export function presentWarning(w: WarningRow): WarningView {
  return {
    id: w.id,
    rule: w.rule_code,
    ruleNameZh: w.rule_name_zh,
    ruleNameEn: w.rule_name_en,
    subjectKind: w.subject_kind as WarningView['subjectKind'],
    subjectKey: w.subject_key,
    subjectLabel: w.subject_label,
    level: w.level as WarningView['level'],
    status: w.status as WarningView['status'],
    ownerRole: w.owner_role as WarningView['ownerRole'],
    zoneCode: w.zone_code,
    domainCode: w.domain_code,
    period: w.period,
    explanationZh: w.explanation_zh,
    explanationEn: w.explanation_en,
    facts: w.facts ?? {},
    escalationLevel: Number(w.escalation_level),
    openedAt: iso(w.opened_at)!,
    updatedAt: iso(w.updated_at)!,
    closedAt: iso(w.closed_at),
    closeReason: w.close_reason,
    version: Number(w.version),
  };
}

export function presentRule(r: RuleRow, liveWarnings: number): WarningRuleView {
  return {
    code: r.code,
    kind: r.kind,
    subjectKind: r.subject_kind as WarningRuleView['subjectKind'],
    nameZh: r.name_zh,
    nameEn: r.name_en,
    descriptionZh: r.description_zh,
    descriptionEn: r.description_en,
    level: r.level as WarningRuleView['level'],
    ownerRole: r.owner_role as WarningRuleView['ownerRole'],
    evaluatedBy: r.evaluated_by as WarningRuleView['evaluatedBy'],
    enabled: r.enabled,
    params: r.params,
    escalateAfterDays: Number(r.escalate_after_days),
    version: Number(r.version),
    updatedAt: iso(r.updated_at)!,
    liveWarnings,
  };
}
