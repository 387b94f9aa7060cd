import type { z } from 'zod';
import type { dealViewSchema, evaluationViewSchema, introductionViewSchema, listingViewSchema } from '../../../../contracts/tech-transfer.ts';
import type { Actor } from '../../app/actor.ts';
import type { ReferenceIndex } from '../registry-common/index.ts';
import { managesTechTransfer, listingPlatformOf } from './techtransfer.policy.ts';
import type { ListingRow } from './listing.repository.ts';
import type { techDeals, techEvaluations, techIntroductions } from '../../db/schema/index.ts';

type ListingView = z.infer<typeof listingViewSchema>;
type Named = { code: string; nameZh: string; nameEn: string } | null;

export function refOf(index: ReferenceIndex, id: string | null): Named {
  if (!id) return null;
  const row = index.byId.get(id);
  return row ? { code: row.code, nameZh: row.nameZh, nameEn: row.nameEn } : null;
}

/** Whether `actor` manages this listing: the commission, or the owning platform's account. */
export function canManageListing(actor: Actor, row: Pick<ListingRow, 'ownerPlatformId'>): boolean {
  const platformId = listingPlatformOf(actor);
  return managesTechTransfer(actor) || (platformId !== null && platformId === row.ownerPlatformId);
}

/**
 * Presenter, not rows: the owner's contact only to those the policy names (its owner, the commission and the
 * leader, an enterprise that owns it or whose introduction was accepted).
 */
export function presentListing(actor: Actor, x: { row: ListingRow; introductions: number; deals: number; myIntroduction: string | null }, index: ReferenceIndex): ListingView {
  const { row } = x;
  const canManage = canManageListing(actor, row);
  const ownEnterprise = actor.role === 'enterprise' && actor.scope?.kind === 'enterprise' && actor.scope.id === row.ownerEnterpriseId;
  const contactShared = canManage || actor.role === 'leader' || ownEnterprise || x.myIntroduction === 'accepted';
  return {
    id: row.id,
    code: row.code,
    kind: row.kind as ListingView['kind'],
    title: row.title,
    summary: row.summary,
    ownerName: row.ownerName,
    ownerPlatformId: row.ownerPlatformId,
    domain: refOf(index, row.domainId),
    node: refOf(index, row.nodeId),
    trl: row.trl,
    partnerships: row.partnerships as ListingView['partnerships'],
    ipStatus: row.ipStatus as ListingView['ipStatus'],
    keywords: row.keywords,
    status: row.status as ListingView['status'],
    contact: contactShared ? { name: row.contactName, phone: row.contactPhone } : null,
    canManage,
    myIntroduction: (x.myIntroduction as ListingView['myIntroduction']) ?? null,
    introductions: x.introductions,
    deals: x.deals,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentIntroduction(
  actor: Actor,
  x: { row: typeof techIntroductions.$inferSelect; listingTitle: string; ownerPlatformId: string | null; enterpriseName: string },
): z.infer<typeof introductionViewSchema> {
  const owner = canManageListing(actor, { ownerPlatformId: x.ownerPlatformId });
  const requester = actor.role === 'enterprise';
  // The requester's contact goes to the owner once it accepted; the requester sees what it gave.
  const contactShared = requester || actor.role === 'leader' || managesTechTransfer(actor) || (owner && x.row.status === 'accepted');
  return {
    id: x.row.id,
    listingId: x.row.listingId,
    listingTitle: x.listingTitle,
    enterpriseName: x.enterpriseName,
    message: x.row.message,
    status: x.row.status as 'requested' | 'accepted' | 'declined',
    contact: contactShared ? { name: x.row.contactName, phone: x.row.contactPhone } : null,
    decisionNote: x.row.decisionNote,
    createdAt: x.row.createdAt.toISOString(),
    decidedAt: x.row.decidedAt?.toISOString() ?? null,
    canDecide: owner && x.row.status === 'requested',
    version: x.row.version,
  };
}

export function presentDeal(
  x: { row: typeof techDeals.$inferSelect; listingTitle: string; enterpriseName: string; uscc: string },
  project: { id: string; code: string; name: string; stage: string; expectedAnnualOutput: string | null } | null,
): z.infer<typeof dealViewSchema> {
  const r = x.row;
  return {
    id: r.id,
    listingId: r.listingId,
    listingTitle: x.listingTitle,
    enterprise: { name: x.enterpriseName, uscc: x.uscc },
    kind: r.kind as z.infer<typeof dealViewSchema>['kind'],
    status: r.status as z.infer<typeof dealViewSchema>['status'],
    amount: r.amount,
    financingAmount: r.financingAmount,
    financingSource: r.financingSource,
    signedOn: r.signedOn,
    project,
    note: r.note,
    version: r.version,
  };
}

export type EvaluationJoined = {
  row: typeof techEvaluations.$inferSelect;
  listing: ListingRow;
  expertName: string;
  challengeTitle: string | null;
};

export function presentEvaluation(
  actor: Actor,
  x: EvaluationJoined,
  scores: { criterion: string; nameZh: string; nameEn: string; weight: number; score: number }[],
  index: ReferenceIndex,
): z.infer<typeof evaluationViewSchema> {
  const scopeExpert = actor.role === 'expert' && actor.scope?.kind === 'expert' ? actor.scope.id : null;
  return {
    id: x.row.id,
    listing: { id: x.listing.id, code: x.listing.code, title: x.listing.title, summary: x.listing.summary, ownerName: x.listing.ownerName, trl: x.listing.trl, domain: refOf(index, x.listing.domainId) },
    challengeTitle: x.challengeTitle,
    expert: { id: x.row.expertId, name: x.expertName },
    status: x.row.status as 'assigned' | 'submitted',
    total: x.row.total === null ? null : Number(x.row.total),
    comment: x.row.comment,
    scores,
    assignedAt: x.row.assignedAt.toISOString(),
    submittedAt: x.row.submittedAt?.toISOString() ?? null,
    canScore: scopeExpert === x.row.expertId && x.row.status === 'assigned',
    version: x.row.version,
  };
}
