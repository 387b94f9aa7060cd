import type { ActivityView, CandidateView, TargetView } from '../../../../contracts/attraction.ts';
import { refView, type ReferenceIndex } from '../registry-common/index.ts';
import type { CandidateRow } from './candidate.repository.ts';
import type { TargetRow } from './target.repository.ts';

/** Responses are mapped from rows, so a new column never leaks by accident. */

export function presentCandidate(row: CandidateRow, index: ReferenceIndex): CandidateView {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    domain: refView(index, row.domainId),
    chainNodes: row.nodes.map((n) => ({ code: n.code, name: n.name, nameEn: n.nameEn })),
    sizeTier: row.sizeTier as CandidateView['sizeTier'],
    annualRevenue: row.annualRevenue,
    employees: row.employees,
    city: row.city,
    province: row.province,
    isListed: row.isListed,
    products: row.products,
    source: row.source as CandidateView['source'],
    note: row.note,
    openTargets: row.openTargets,
    lastContactOn: row.lastContactOn,
    isDemo: row.isDemo,
    version: row.version,
    updatedAt: row.updatedAt,
  };
}

export function presentTarget(row: TargetRow, index: ReferenceIndex): TargetView {
  return {
    id: row.id,
    candidate: { id: row.candidateId, code: row.candidateCode, name: row.candidateName, city: row.candidateCity, sizeTier: row.candidateSizeTier as TargetView['candidate']['sizeTier'] },
    node: { id: row.nodeId, code: row.nodeCode, name: row.nodeName, nameEn: row.nodeNameEn, domain: row.domain },
    zone: refView(index, row.zoneId),
    owner: { kind: row.ownerKind as TargetView['owner']['kind'], zone: refView(index, row.ownerZoneId), department: refView(index, row.ownerDepartmentId) },
    status: row.status as TargetView['status'],
    plan: row.plan,
    nextStep: row.nextStep,
    nextOn: row.nextOn,
    assignedOn: row.assignedOn,
    project: row.projectId ? { id: row.projectId, code: row.projectCode ?? '', name: row.projectName ?? '', stage: (row.projectStage ?? 'lead') as NonNullable<TargetView['project']>['stage'] } : null,
    activities: row.activities,
    lastActivityOn: row.lastActivityOn,
    canWrite: row.canWrite && row.status === 'open',
    version: row.version,
    updatedAt: row.updatedAt,
  };
}

export function presentActivity(a: { id: string; kind: string; occurredOn: string; note: string; nextStep: string | null; actorName: string | null; targetId: string | null }): ActivityView {
  return { id: a.id, kind: a.kind as ActivityView['kind'], occurredOn: a.occurredOn, note: a.note, nextStep: a.nextStep, actorName: a.actorName, targetId: a.targetId };
}
