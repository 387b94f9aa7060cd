import type { MatchView, PostingView } from '../../../../contracts/matchmaking.ts';
import type { Scope } from '../../access/index.ts';
import { maskPersonalColumns, openPersonalColumns, type PersonalColumns } from '../crypto/index.ts';
import type { MatchItem, PostingItem } from './matchmaking.repository.ts';
import { ownEnterpriseOf } from './matchmaking.policy.ts';

export const POSTING_PERSONAL: PersonalColumns = { contactName: 'name', contactPhone: 'mobile' };

const dateText = (v: Date | string | null): string | null => (v === null ? null : v instanceof Date ? v.toISOString() : new Date(v).toISOString());

/** The posting's contact in the clear (for a party of an agreed match only: the caller checks). */
export function openContact(row: PostingItem['row']): { contactName: string; contactPhone: string } {
  const open = openPersonalColumns({ id: row.id, contactName: row.contactName, contactPhone: row.contactPhone }, POSTING_PERSONAL);
  return { contactName: open.contactName, contactPhone: open.contactPhone };
}

/**
 * A posting as `scope` may see it. The contact is masked for the owner and for the district and park readers
 * (who work with the enterprise anyway, decision 0024) and absent for another enterprise: an enterprise reaches
 * another's contact only through an agreed match.
 */
export function presentPosting(item: PostingItem, scope: Scope): PostingView {
  const r = item.row;
  const own = ownEnterpriseOf(scope);
  const isOwn = own !== null && own === r.enterpriseId;
  const showMasked = isOwn || scope.kind === 'district' || scope.kind === 'zone';
  const masked = showMasked ? maskPersonalColumns(openContact(r), POSTING_PERSONAL) : null;
  return {
    id: r.id,
    code: r.code,
    kind: r.kind as PostingView['kind'],
    subject: r.subject as PostingView['subject'],
    enterpriseId: r.enterpriseId,
    enterpriseName: item.enterpriseName,
    node: item.node ? { id: item.node.id, nameZh: item.node.nameZh, nameEn: item.node.nameEn, stage: item.node.stage } : null,
    title: r.title,
    description: r.description,
    specification: r.specification,
    quantity: r.quantity,
    periodFrom: r.periodFrom,
    periodTo: r.periodTo,
    validUntil: r.validUntil,
    currentSource: (r.currentSource as PostingView['currentSource']) ?? null,
    status: r.status as PostingView['status'],
    closedReason: r.closedReason,
    isOwn,
    contact: masked ? { name: masked.contactName, phone: masked.contactPhone } : null,
    createdAt: r.createdAt.toISOString(),
    version: r.version,
  };
}

export function presentMatch(m: MatchItem, postings: Map<string, PostingItem>, scope: Scope): MatchView {
  const own = ownEnterpriseOf(scope);
  const side = own === null ? null : own === m.needEnterpriseId ? 'need' : own === m.offerEnterpriseId ? 'offer' : null;
  return {
    id: m.id,
    need: presentPosting(postings.get(m.needId)!, scope),
    offer: presentPosting(postings.get(m.offerId)!, scope),
    score: Number(m.score),
    reason: m.reason,
    needConsent: m.needConsent as MatchView['needConsent'],
    offerConsent: m.offerConsent as MatchView['offerConsent'],
    status: m.status as MatchView['status'],
    side,
    dealAmount: m.dealAmount,
    outcomeNote: m.outcomeNote,
    outcomeAt: dateText(m.outcomeAt),
    proposedAt: dateText(m.proposedAt)!,
    version: m.version,
  };
}
