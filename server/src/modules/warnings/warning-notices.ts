import type { NotificationKind } from '../../../../contracts/notifications.ts';
import { WARNING_LEVEL_LABELS, type WarningLevel } from '../../../../contracts/warnings.ts';
import type { AppConfig } from '../../config/config.ts';
import type { Database } from '../../db/client.ts';
import { notify, type Notice } from '../notifications/index.ts';

/** Who a warning's notice reaches: the owning role in the subject's scope (the commission when it has none). */
export function recipientsOf(role: 'park' | 'department' | 'commission' | 'leader', w: { zoneId: string | null; departmentId: string | null }): Notice['recipients'] {
  if (role === 'park' && w.zoneId) return { roles: ['park'], scope: { kind: 'zone', id: w.zoneId } };
  if (role === 'department' && w.departmentId) return { roles: ['department'], scope: { kind: 'department', id: w.departmentId } };
  if (role === 'leader') return { roles: ['leader'] };
  return { roles: ['commission'] };
}

export interface WarningNotice {
  kind: NotificationKind;
  warningId: string;
  /** Part of the de-duplication key: one notice per warning, step and day. */
  step: string;
  role: 'park' | 'department' | 'commission' | 'leader';
  zoneId: string | null;
  departmentId: string | null;
  level: string;
  ruleNameZh: string;
  ruleNameEn: string;
  subjectLabel: string;
  bodyZh: string;
  bodyEn: string;
}

/**
 * Sends notices after the writes committed (notify reads the accounts through the root connection). A failed
 * notice never undoes a warning: the warning page is the record; the count of failures is returned.
 */
export async function sendWarningNotices(deps: { database: Database; config: Pick<AppConfig, 'smtpUrl' | 'smtpFrom'>; now: () => Date }, notices: readonly WarningNotice[], log: (m: string) => void = () => {}): Promise<number> {
  let failed = 0;
  for (const n of notices) {
    const colour = WARNING_LEVEL_LABELS[n.level as WarningLevel] ?? { zh: n.level, en: n.level };
    try {
      await notify(deps, {
        kind: n.kind,
        object: { kind: 'warning', id: `${n.warningId}:${n.step}` },
        recipients: recipientsOf(n.role, n),
        titleZh: `【${colour.zh}预警】${n.ruleNameZh}：${n.subjectLabel}`,
        titleEn: `[${colour.en} warning] ${n.ruleNameEn}: ${n.subjectLabel}`,
        bodyZh: n.bodyZh,
        bodyEn: n.bodyEn,
        link: `/warnings?id=${n.warningId}`,
      });
    } catch (error) {
      failed++;
      log(`warning notice ${n.warningId}:${n.step} failed: ${(error as Error).message}`);
    }
  }
  return failed;
}
