import type { RequestView } from '../../../../contracts/services.ts';
import type { RequestListRow } from './request.repository.ts';

type Phase = RequestView['sla'][number]['phase'];

function phaseOf(now: Date, dueAt: Date, remindAt: Date, doneAt: Date | null): Phase {
  if (doneAt) return doneAt.getTime() <= dueAt.getTime() ? 'met' : 'missed';
  if (now.getTime() > dueAt.getTime()) return 'overdue';
  return now.getTime() >= remindAt.getTime() ? 'due-soon' : 'on-time';
}

/** A request as its readers see it; the SLA phases are computed at `now`. */
export function presentRequest(item: RequestListRow, now: Date): RequestView {
  const r = item.row;
  const answered = r.status === 'replied' || r.status === 'closed' ? r.repliedAt : null;
  return {
    id: r.id,
    code: r.code,
    enterpriseId: r.enterpriseId,
    enterpriseName: item.enterpriseName,
    uscc: item.uscc,
    category: r.category,
    categoryName: item.categoryName,
    categoryNameEn: item.categoryNameEn,
    title: r.title,
    description: r.description,
    target: { kind: r.targetKind as RequestView['target']['kind'], id: r.targetId, name: item.targetName, nameEn: item.targetNameEn },
    status: r.status as RequestView['status'],
    submittedAt: r.submittedAt.toISOString(),
    acceptedAt: r.acceptedAt?.toISOString() ?? null,
    plan: r.plan,
    repliedAt: r.repliedAt?.toISOString() ?? null,
    reply: r.reply,
    rating: r.rating,
    reopenCount: r.reopenCount,
    sla: [
      { step: 'acknowledge', dueAt: r.acknowledgeDueAt.toISOString(), phase: phaseOf(now, r.acknowledgeDueAt, r.acknowledgeRemindAt, r.acceptedAt) },
      { step: 'resolve', dueAt: r.resolveDueAt.toISOString(), phase: phaseOf(now, r.resolveDueAt, r.resolveRemindAt, answered) },
    ],
    version: r.version,
  };
}
