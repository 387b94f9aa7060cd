import type { EnterpriseDetail, EnterpriseListItem } from '../../../../contracts/enterprises.ts';
import { refView, type ReferenceIndex } from '../registry-common/index.ts';
import { maskContacts } from '../crypto/index.ts';
import { openContactsOf } from './enterprise-contacts.ts';
import type { EnterpriseListRow, EnterpriseRow } from './enterprise.repository.ts';

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
    subfield: row.subfield ?? null,
    carrier: row.carrierCode ? { code: row.carrierCode, name: row.carrierName ?? row.carrierCode } : null,
    status: row.status as EnterpriseListItem['status'],
    foundedOn: row.foundedOn ?? null,
    updatedAt: row.updatedAt ? row.updatedAt.toISOString() : undefined,
  };
}

type NodeView = { code: string; name: string; stage: string; isPrimary: boolean };

export function presentEnterpriseDetail(row: EnterpriseRow, index: ReferenceIndex, nodes: NodeView[]): EnterpriseDetail {
  return {
    id: row.id,
    uscc: row.uscc,
    name: row.name,
    domain: refView(index, row.domainId),
    zone: refView(index, row.zoneId),
    stage: row.stage as EnterpriseDetail['stage'],
    isAboveScale: row.isAboveScale,
    tags: row.tags,
    isDemo: row.isDemo,
    subfield: row.subfield,
    carrier: refView(index, row.carrierId),
    isManufacturing: row.isManufacturing,
    status: row.status as EnterpriseDetail['status'],
    foundedOn: row.foundedOn,
    exitedOn: row.exitedOn,
    // Masked by default (138****5678); the clear values only through the audited reveal route.
    contacts: maskContacts(contactsOf(row)),
    address: row.address,
    note: row.note,
    chainNodes: nodes,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Clear contacts (stored sealed, see enterprise-contacts.ts), falling back to the single contact columns. */
export function contactsOf(row: Pick<EnterpriseRow, 'id' | 'contacts' | 'contactName' | 'contactPhone'>) {
  return openContactsOf(row);
}

/**
 * What the audit log and the record's history keep of an enterprise: the fields of the form, references by
 * code. Field names are the contract's, so the history tab can label them.
 */
export function auditViewOfEnterprise(row: EnterpriseRow, index: ReferenceIndex, nodeCodes: string[]) {
  return {
    uscc: row.uscc,
    name: row.name,
    domain: refView(index, row.domainId)?.code ?? null,
    subfield: row.subfield,
    zone: refView(index, row.zoneId)?.code ?? null,
    carrier: refView(index, row.carrierId)?.code ?? null,
    stage: row.stage,
    isAboveScale: row.isAboveScale,
    isManufacturing: row.isManufacturing,
    tags: row.tags,
    foundedOn: row.foundedOn,
    status: row.status,
    exitedOn: row.exitedOn,
    contacts: contactsOf(row),
    address: row.address,
    note: row.note,
    chainNodes: nodeCodes,
  };
}
