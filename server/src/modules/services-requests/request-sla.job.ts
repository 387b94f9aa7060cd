import { eq } from 'drizzle-orm';
import { serviceRequests } from '../../db/schema/index.ts';
import type { JobDefinition } from '../jobs/index.ts';
import { notify, type Notice } from '../notifications/index.ts';
import type { Db } from '../../db/client.ts';
import { platformAccountIds, unsafeOverdueRequests, unsafeRequestsToRemind } from './request.repository.ts';

const STEP_ZH = { acknowledge: '受理', resolve: '办结' } as const;

/** Who handles a request routed to a target: the accounts scoped to it (a platform's: its provider accounts, by id). */
async function handlers(db: Db, targetKind: string, targetId: string): Promise<Notice['recipients']> {
  if (targetKind === 'department') return { roles: ['department'], scope: { kind: 'department', id: targetId } };
  if (targetKind === 'zone') return { roles: ['park'], scope: { kind: 'zone', id: targetId } };
  return { roles: ['platform'], userIds: await platformAccountIds(db, targetId) };
}

/**
 * SLA clocks of enterprise requests (issue 14 §5): every half hour, a request whose current step has used
 * its reminder share of the limit reminds its handler once per step; one past its limit is escalated to the
 * commission once per step. Running twice is harmless: the request remembers the step it was reminded and
 * escalated for, and notify() de-duplicates per day.
 */
export const requestSlaJob: JobDefinition = {
  name: 'service-request-sla',
  titleZh: '企业诉求时限提醒与超时督办',
  titleEn: 'Enterprise requests: SLA reminders and escalation',
  schedule: '*/30 * * * *',
  async run({ database, config, now }) {
    const at = now();
    const db = database.db;
    let reminded = 0;
    let escalated = 0;
    for (const r of await unsafeRequestsToRemind(db, at)) {
      const step = r.status === 'submitted' ? 'acknowledge' : 'resolve';
      const due = (step === 'acknowledge' ? r.acknowledgeDueAt : r.resolveDueAt).toISOString();
      await notify(
        { database, config, now },
        {
          kind: 'service-request.sla-reminder',
          object: { kind: 'service-request', id: `${r.id}:${step}` },
          recipients: await handlers(db, r.targetKind, r.targetId),
          titleZh: `企业诉求 ${r.code} 即将到达${STEP_ZH[step]}时限`,
          titleEn: `Request ${r.code}: the ${step} limit is near`,
          bodyZh: `“${r.title}”须在 ${due} 前${STEP_ZH[step]}。`,
          bodyEn: `"${r.title}" must be ${step === 'acknowledge' ? 'acknowledged' : 'resolved'} by ${due}.`,
          link: `/services/requests?id=${r.id}`,
        },
      );
      await db.update(serviceRequests).set({ remindedStep: step }).where(eq(serviceRequests.id, r.id));
      reminded++;
    }
    for (const r of await unsafeOverdueRequests(db, at)) {
      const [row] = await db.select({ escalatedStep: serviceRequests.escalatedStep }).from(serviceRequests).where(eq(serviceRequests.id, r.id));
      if (row?.escalatedStep === r.step) continue;
      const notice = {
        kind: 'service-request.escalated' as const,
        object: { kind: 'service-request', id: `${r.id}:${r.step}` },
        titleZh: `企业诉求 ${r.code} 已超过${STEP_ZH[r.step]}时限`,
        titleEn: `Request ${r.code} is past its ${r.step} limit`,
        bodyZh: `“${r.title}”的${STEP_ZH[r.step]}时限为 ${r.dueAt.toISOString()},已超时,请督办。`,
        bodyEn: `"${r.title}" was due for ${r.step} at ${r.dueAt.toISOString()} and is overdue.`,
        link: `/services/requests?id=${r.id}`,
      };
      await notify({ database, config, now }, { ...notice, recipients: { roles: ['commission'] } });
      await notify({ database, config, now }, { ...notice, recipients: await handlers(db, r.targetKind, r.targetId) });
      await db.update(serviceRequests).set({ escalatedStep: r.step }).where(eq(serviceRequests.id, r.id));
      escalated++;
    }
    return { reminded, escalated };
  },
};
