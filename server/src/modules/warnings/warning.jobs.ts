import { escalationTarget, isDueForEscalation } from '../../domain/warnings/index.ts';
import type { Db } from '../../db/client.ts';
import { createAuditService } from '../audit/index.ts';
import type { JobDefinition } from '../jobs/index.ts';
import { evaluateWarnings } from './warning-evaluation.service.ts';
import { sendWarningNotices, type WarningNotice } from './warning-notices.ts';
import { addEvent, markEscalated, openWarningsForEscalation } from './warning.repository.ts';

/** Nightly: every enabled rule over every subject (the approval hook covers only the enterprises it touched). */
export const warningEvaluationJob: JobDefinition = {
  name: 'warnings-evaluate',
  titleZh: '每晚评估全部预警规则',
  titleEn: 'Evaluate every warning rule nightly',
  schedule: '30 2 * * *',
  async run({ database, config, now }) {
    const result = await evaluateWarnings({ database, config, clock: now, audit: createAuditService(database, now), log: (m) => console.warn(m) });
    return { opened: result.opened, updated: result.updated, closed: result.closed, live: result.open.length, skipped: result.skipped.map((s) => s.rule) };
  },
};

/**
 * Every morning: a warning still open (not even acknowledged) past its rule's time limit goes one level up —
 * from the park or department to the commission, from the commission to the district leaders — and the new
 * addressee is notified. The clock restarts at each escalation.
 */
export const warningEscalationJob: JobDefinition = {
  name: 'warnings-escalate',
  titleZh: '逾期未签收预警逐级升级',
  titleEn: 'Escalate warnings left open past their time limit',
  schedule: '0 8 * * *',
  async run({ database, config, now }) {
    const at = now();
    const audit = createAuditService(database, now);
    const notices: WarningNotice[] = [];
    let escalated = 0;
    for (const w of await openWarningsForEscalation(database.db)) {
      const ceiling = w.owner_role === 'commission' ? 1 : 2;
      const level = Number(w.escalation_level);
      if (level >= ceiling) continue;
      const since = new Date(w.escalated_at ?? w.opened_at);
      if (!isDueForEscalation({ status: 'open', escalationLevel: level, since }, Number(w.escalate_after_days), at)) continue;
      const to = escalationTarget(w.owner_role as 'park', level + 1);
      await database.db.transaction(async (raw) => {
        const tx = raw as unknown as Db;
        await markEscalated(tx, w.id, level + 1, at);
        await addEvent(tx, { warningId: w.id, kind: 'escalated', fromStatus: 'open', toStatus: 'open', note: `升级至 ${to} / escalated to ${to}`, details: { level: level + 1, to } }, at);
        await audit.inTransaction(tx, { userId: null, username: 'system', role: null }, null, { action: 'warning.escalate', objectType: 'warning', objectId: w.id, before: { escalationLevel: level }, after: { escalationLevel: level + 1, to } });
      });
      escalated++;
      notices.push({
        kind: 'warning.escalated', warningId: w.id, step: `escalated-${level + 1}`, role: to, zoneId: w.zone_id, departmentId: w.department_id, level: w.level,
        ruleNameZh: w.rule_name_zh, ruleNameEn: w.rule_name_en, subjectLabel: w.subject_label,
        bodyZh: `预警超过 ${w.escalate_after_days} 天未签收，已升级：${w.explanation_zh}`, bodyEn: `Not acknowledged within ${w.escalate_after_days} days, escalated: ${w.explanation_en}`,
      });
    }
    await sendWarningNotices({ database, config, now }, notices);
    return { escalated };
  },
};
