import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { introductionDecisionSchema, introductionInputSchema, ListingInput, listingListQuerySchema } from '../../../../contracts/tech-transfer.ts';
import type { Actor } from '../../app/actor.ts';
import { inTransaction, type AppDeps } from '../../app/deps.ts';
import { AppError, appErrorOf, errors } from '../../app/errors.ts';
import type { Db } from '../../db/client.ts';
import { techIntroductions, techListings } from '../../db/schema/index.ts';
import { notify } from '../notifications/index.ts';
import { platformAccountIds } from '../services-requests/index.ts';
import { isUniqueViolation, loadReferenceIndex, ReferenceResolver, staleVersion, type Caller } from '../registry-common/index.ts';
import { challengesOfListing, dealsOf, findListing, introductionsOf, listListings, nextCode, platformName, type ListingRow } from './listing.repository.ts';
import { dealAccess, introductionAccess, listingAccess, listingPlatformOf, managesTechTransfer, readsEvaluationResults } from './techtransfer.policy.ts';
import { presentDeal, presentIntroduction, presentListing } from './techtransfer.presenter.ts';
import { evaluationsOfListing, projectsForDeals } from './evaluation.repository.ts';

export const notFoundListing = () => errors.notFound('科技成果', 'listing');
const enterpriseOf = (actor: Actor) => (actor.role === 'enterprise' && actor.scope?.kind === 'enterprise' ? actor.scope.id : null);

/** The audited view of a listing (what changed is what the auditor reads). */
const auditView = (r: ListingRow) => ({ code: r.code, kind: r.kind, title: r.title, ownerName: r.ownerName, ownerPlatformId: r.ownerPlatformId, trl: r.trl, partnerships: r.partnerships, ipStatus: r.ipStatus, status: r.status });

export function notifyDeps(deps: AppDeps) {
  return { database: deps.database, config: deps.config, now: deps.clock };
}

/** Who owns a listing, told to them: the platform's provider accounts, or the owning enterprise's accounts. */
export async function ownerRecipients(db: Db, listing: Pick<ListingRow, 'ownerPlatformId' | 'ownerEnterpriseId'>) {
  if (listing.ownerPlatformId) {
    const userIds = await platformAccountIds(db, listing.ownerPlatformId);
    return userIds.length ? { roles: ['platform'] as const, userIds } : null;
  }
  if (listing.ownerEnterpriseId) return { roles: ['enterprise'] as const, scope: { kind: 'enterprise' as const, id: listing.ownerEnterpriseId } };
  return null;
}

/** `current`: the listing being changed — its owner stays when the body names none. */
async function listingValues(tx: Db, caller: Caller, input: ListingInput, current: ListingRow | null = null) {
  const refs = new ReferenceResolver(await loadReferenceIndex(tx));
  const domain = refs.domain(input.domainCode, 'body.domainCode');
  const node = input.nodeCode ? refs.index.nodes.get(input.nodeCode) : null;
  if (input.nodeCode && !node) refs.problems.push({ path: 'body.nodeCode', rule: 'reference', message: `未知的产业链节点“${input.nodeCode}”`, messageEn: `Unknown chain node "${input.nodeCode}"` });
  refs.throwIfProblems();
  // A platform account lists for its own platform whatever the body says; the commission names the owner.
  // An account acting for a platform that is not linked to one lists for nobody (fails closed).
  if (caller.actor.role === 'platform' && !listingPlatformOf(caller.actor)) throw errors.forbidden();
  const keepOwner = current !== null && input.ownerPlatformId === undefined && !input.ownerName;
  const platformId = listingPlatformOf(caller.actor) ?? (keepOwner ? current.ownerPlatformId : (input.ownerPlatformId ?? null));
  let ownerName = keepOwner ? current.ownerName : (input.ownerName?.trim() ?? '');
  let ownerEnterpriseId: string | null = keepOwner ? current.ownerEnterpriseId : null;
  if (platformId) {
    const platform = await platformName(tx, platformId);
    if (!platform) throw errors.validation([{ path: 'body.ownerPlatformId', rule: 'reference', message: '平台不存在', messageEn: 'No such platform' }]);
    ownerName = platform.name;
    ownerEnterpriseId = platform.operator;
  }
  if (!ownerName) throw errors.validation([{ path: 'body.ownerName', rule: 'required', message: '请填写成果所属机构', messageEn: 'Name the owning institution' }]);
  return {
    kind: input.kind,
    title: input.title.trim(),
    summary: input.summary.trim(),
    ownerPlatformId: platformId,
    ownerName,
    ownerEnterpriseId,
    domainId: domain?.id ?? null,
    nodeId: node?.id ?? null,
    trl: input.trl,
    partnerships: [...new Set(input.partnerships)],
    ipStatus: input.ipStatus,
    keywords: [...new Set(input.keywords.map((k) => k.trim()).filter(Boolean))],
    contactName: input.contactName ?? null,
    contactPhone: input.contactPhone ?? null,
  };
}

export function createListingService(deps: AppDeps) {
  const db = () => deps.database.db;

  async function view(dbx: Db, actor: Actor, id: string) {
    const [x] = await listListings(dbx, listingAccess.predicate(actor, 'read'), {}, enterpriseOf(actor), id);
    if (!x) throw notFoundListing();
    return presentListing(actor, x, await loadReferenceIndex(dbx));
  }

  return {
    async list(actor: Actor, query: z.infer<typeof listingListQuerySchema>) {
      const index = await loadReferenceIndex(db());
      const domainId = query.domain ? index.domains.get(query.domain)?.id ?? '00000000-0000-0000-0000-000000000000' : undefined;
      const rows = await listListings(db(), listingAccess.predicate(actor, 'read'), { q: query.q, domainId, kind: query.kind, minTrl: query.minTrl, status: query.status, platformId: query.mine === 'true' ? (listingPlatformOf(actor) ?? undefined) : undefined }, enterpriseOf(actor));
      return { items: rows.map((x) => presentListing(actor, x, index)) };
    },

    /** One listing and its path to output: introductions, deals with the projects they created, evaluations. */
    async detail(actor: Actor, id: string) {
      const base = await view(db(), actor, id);
      const index = await loadReferenceIndex(db());
      const [intros, deals, challenges] = await Promise.all([
        introductionsOf(db(), introductionAccess.predicate(actor, 'read'), id),
        dealsOf(db(), dealAccess.predicate(actor, 'read'), id),
        challengesOfListing(db(), id),
      ]);
      const projects = await projectsForDeals(db(), actor, deals.map((d) => d.row.projectId));
      return {
        ...base,
        introductionList: intros.map((x) => presentIntroduction(actor, x)),
        dealList: deals.map((d) => presentDeal(d, d.row.projectId ? (projects.get(d.row.projectId) ?? null) : null)),
        evaluation: readsEvaluationResults(actor) ? await evaluationsOfListing(db(), actor, id, index) : null,
        challenges,
      };
    },

    async create(caller: Caller, input: ListingInput) {
      const created = await inTransaction(deps, async (tx) => {
        const values = await listingValues(tx, caller, input);
        const now = deps.clock();
        const code = await nextCode(tx, 'tech_listings', 'CG', Number(now.toISOString().slice(0, 4)));
        const [row] = await tx.insert(techListings).values({ ...values, code, status: input.status ?? 'active', createdAt: now, updatedAt: now }).returning();
        await deps.audit.inTransaction(tx, caller.audit, caller.origin, { action: 'tech-listing.create', objectType: 'tech-listing', objectId: row!.id, before: null, after: auditView(row!) });
        return row!;
      });
      return view(db(), caller.actor, created.id);
    },

    async update(caller: Caller, id: string, input: ListingInput & { version: number }) {
      await inTransaction(deps, async (tx) => {
        const before = await findListing(tx, listingAccess.predicate(caller.actor, 'write'), id, true);
        if (!before) {
          if (await findListing(tx, listingAccess.predicate(caller.actor, 'read'), id)) throw errors.forbidden();
          throw notFoundListing();
        }
        if (before.version !== input.version) throw staleVersion(before.version);
        const values = await listingValues(tx, caller, input, before);
        // a platform account cannot move its listing to another owner; the commission can re-home it
        if (!managesTechTransfer(caller.actor)) Object.assign(values, { ownerPlatformId: before.ownerPlatformId, ownerName: before.ownerName, ownerEnterpriseId: before.ownerEnterpriseId });
        const [row] = await tx
          .update(techListings)
          .set({ ...values, status: input.status ?? before.status, version: before.version + 1, updatedAt: deps.clock() })
          .where(and(eq(techListings.id, id), eq(techListings.version, input.version)))
          .returning();
        if (!row) throw staleVersion(before.version);
        await deps.audit.inTransaction(tx, caller.audit, caller.origin, { action: 'tech-listing.update', objectType: 'tech-listing', objectId: id, before: auditView(before), after: auditView(row) });
      });
      return view(db(), caller.actor, id);
    },

    /** An enterprise asks the owner for an introduction; contacts are shared only once the owner accepts. */
    async requestIntroduction(caller: Caller, listingId: string, body: z.infer<typeof introductionInputSchema>) {
      const enterpriseId = enterpriseOf(caller.actor);
      if (!enterpriseId) throw errors.forbidden();
      const result = await inTransaction(deps, async (tx) => {
        const listing = await findListing(tx, listingAccess.predicate(caller.actor, 'read'), listingId);
        if (!listing) throw notFoundListing();
        if (listing.status !== 'active') throw appErrorOf('INVALID_STATE');
        if (listing.ownerEnterpriseId === enterpriseId) throw new AppError(409, 'INVALID_STATE', '不能申请对接本企业自己的成果', 'You cannot request an introduction to your own listing');
        // one live request per enterprise and listing: the partial unique index refuses a second (caught below)
        const [row] = await tx
          .insert(techIntroductions)
          .values({ listingId, enterpriseId, requestedBy: caller.actor.userId, message: body.message, contactName: body.contactName ?? null, contactPhone: body.contactPhone ?? null, createdAt: deps.clock() })
          .returning();
        await deps.audit.inTransaction(tx, caller.audit, caller.origin, { action: 'tech-introduction.request', objectType: 'tech-introduction', objectId: row!.id, before: null, after: { listingId, status: 'requested' } });
        return { row: row!, listing };
      }).catch((error: unknown) => {
        if (isUniqueViolation(error)) throw appErrorOf('INTRODUCTION_EXISTS');
        throw error;
      });
      const recipients = await ownerRecipients(db(), result.listing);
      if (recipients) {
        await notify(notifyDeps(deps), {
          kind: 'tech.introduction-requested',
          object: { kind: 'tech-introduction', id: result.row.id },
          recipients,
          titleZh: `成果对接申请:${result.listing.title}`,
          titleEn: `Introduction requested: ${result.listing.title}`,
          bodyZh: '有企业申请与您对接该成果，请在成果转化页面处理。',
          bodyEn: 'An enterprise asks for an introduction to this listing; answer it on the technology-transfer page.',
          link: `/tech-transfer/listings/${listingId}`,
        });
      }
      const [x] = await introductionsOf(db(), sql`${techIntroductions.id} = ${result.row.id}`);
      return presentIntroduction(caller.actor, x!);
    },

    async decideIntroduction(caller: Caller, id: string, verb: 'accept' | 'decline', body: z.infer<typeof introductionDecisionSchema>) {
      const result = await inTransaction(deps, async (tx) => {
        const [row] = await tx.select().from(techIntroductions).where(and(introductionAccess.predicate(caller.actor, 'decide'), eq(techIntroductions.id, id))).for('update');
        if (!row) {
          if ((await tx.select({ id: techIntroductions.id }).from(techIntroductions).where(and(introductionAccess.predicate(caller.actor, 'read'), eq(techIntroductions.id, id)))).length) throw errors.forbidden();
          throw errors.notFound('对接申请', 'introduction');
        }
        if (row.version !== body.version) throw staleVersion(row.version);
        if (row.status !== 'requested') throw appErrorOf('INVALID_STATE');
        const status = verb === 'accept' ? 'accepted' : 'declined';
        await tx.update(techIntroductions).set({ status, decidedBy: caller.actor.userId, decidedAt: deps.clock(), decisionNote: body.note ?? null, version: row.version + 1 }).where(eq(techIntroductions.id, id));
        await deps.audit.inTransaction(tx, caller.audit, caller.origin, { action: verb === 'accept' ? 'tech-introduction.accept' : 'tech-introduction.decline', objectType: 'tech-introduction', objectId: id, before: { status: row.status }, after: { status, note: body.note ?? null } });
        return row;
      });
      const [x] = await introductionsOf(db(), sql`${techIntroductions.id} = ${id}`);
      await notify(notifyDeps(deps), {
        kind: 'tech.introduction-decided',
        object: { kind: 'tech-introduction', id },
        recipients: { roles: ['enterprise'], scope: { kind: 'enterprise', id: result.enterpriseId } },
        titleZh: `成果对接申请${verb === 'accept' ? '已同意' : '未获同意'}:${x!.listingTitle}`,
        titleEn: `Introduction ${verb === 'accept' ? 'accepted' : 'declined'}: ${x!.listingTitle}`,
        bodyZh: verb === 'accept' ? '成果方已同意对接，联系方式已在成果页面显示。' : `成果方婉拒了本次对接${body.note ? `:${body.note}` : ''}。`,
        bodyEn: verb === 'accept' ? 'The owner accepted; its contact is now shown on the listing.' : `The owner declined${body.note ? `: ${body.note}` : ''}.`,
        link: `/tech-transfer/listings/${x!.row.listingId}`,
      });
      return presentIntroduction(caller.actor, x!);
    },

    async introductions(actor: Actor) {
      const rows = await introductionsOf(db(), introductionAccess.predicate(actor, 'read'));
      return { items: rows.map((x) => presentIntroduction(actor, x)) };
    },
  };
}
