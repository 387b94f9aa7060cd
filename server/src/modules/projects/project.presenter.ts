import type { ProjectDetail, ProjectListItem, ProjectStage } from '../../../../contracts/projects.ts';
import { isOverdue, stageStatuses, type StageDates } from '../../domain/projects/stages.ts';
import type { ProjectListRow, ProjectRow } from './project.repository.ts';

const num = (v: string | null) => (v === null ? null : Number(v));

export function presentProject(r: ProjectListRow, stages: StageDates[], today: string): ProjectListItem {
  const row = r.row;
  const stage = row.stage as ProjectStage;
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    investorName: row.investorName,
    investorEnterprise: r.investorId ? { id: r.investorId, name: r.investorEnterpriseName ?? '', uscc: r.investorUscc ?? '' } : null,
    domain: r.domainCode ? { code: r.domainCode, name: r.domainName ?? r.domainCode } : null,
    zone: r.zoneCode ? { code: r.zoneCode, name: r.zoneName ?? r.zoneCode } : null,
    department: r.departmentCode ? { code: r.departmentCode, name: r.departmentName ?? r.departmentCode } : null,
    stage,
    totalInvestment: num(row.totalInvestment),
    expectedAnnualOutput: num(row.expectedAnnualOutput),
    stages: stageStatuses(stage, stages, today),
    isOverdue: isOverdue(stage, stages, today),
    lastFollowUpOn: r.lastFollowUpOn,
    isDemo: row.isDemo,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentProjectDetail(
  r: ProjectListRow,
  stages: StageDates[],
  today: string,
  extra: Pick<ProjectDetail, 'chainNodes' | 'events' | 'followUps'>,
): ProjectDetail {
  return {
    ...presentProject(r, stages, today),
    chainNodes: extra.chainNodes,
    planClauseKeys: r.row.planClauseKeys,
    note: r.row.note,
    events: extra.events,
    followUps: extra.followUps,
    version: r.row.version,
    createdAt: r.row.createdAt.toISOString(),
  };
}

/** What the audit log and the record's history keep of a project: the contract's fields, references by code. */
export function auditViewOfProject(
  row: ProjectRow,
  refs: { domain: string | null; zone: string | null; department: string | null; investorUscc: string | null },
  nodeCodes: string[],
  stages: StageDates[],
) {
  return {
    code: row.code,
    name: row.name,
    investorName: row.investorName,
    investorUscc: refs.investorUscc,
    domain: refs.domain,
    zone: refs.zone,
    totalInvestment: num(row.totalInvestment),
    expectedAnnualOutput: num(row.expectedAnnualOutput),
    responsibleDepartment: refs.department,
    stage: row.stage,
    chainNodes: nodeCodes,
    planClauseKeys: row.planClauseKeys,
    note: row.note,
    stages: stages.map((s) => ({ stage: s.stage, plannedOn: s.plannedOn, actualOn: s.actualOn })),
  };
}
