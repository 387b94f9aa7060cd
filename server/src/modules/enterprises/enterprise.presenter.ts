import type { EnterpriseListItem } from '../../../../contracts/enterprises.ts';
import type { EnterpriseListRow } from './enterprise.repository.ts';

export function presentEnterprise(row: EnterpriseListRow): EnterpriseListItem {
  return {
    id: row.id,
    uscc: row.uscc,
    name: row.name,
    domain: row.domainCode ? { code: row.domainCode, name: row.domainName ?? row.domainCode } : null,
    zone: row.zoneCode ? { code: row.zoneCode, name: row.zoneName ?? row.zoneCode } : null,
    stage: row.stage as EnterpriseListItem['stage'],
    isAboveScale: row.isAboveScale,
    tags: row.tags,
    isDemo: row.isDemo,
  };
}
