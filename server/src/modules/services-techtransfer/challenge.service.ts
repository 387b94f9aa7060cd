import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { challengeInputSchema, challengeResponseInputSchema } from '../../../../contracts/tech-transfer.ts';
import type { Actor } from '../../app/actor.ts';
import { inTransaction, type AppDeps } from '../../app/deps.ts';
import { AppError, errors } from '../../app/errors.ts';
import type { Db } from '../../db/client.ts';
import { enterprises, techChallengeMatches, techChallengeResponses, techChallenges, techListings } from '../../db/schema/index.ts';
import { matchChallenge, type MatchReason } from '../../domain/techtransfer/challenge-match.ts';
import { notify } from '../notifications/index.ts';
import { isUniqueViolation, loadReferenceIndex, ReferenceResolver, type Caller, type ReferenceIndex } from '../registry-common/index.ts';
import { findListing, nextCode } from './listing.repository.ts';
import { notifyDeps, ownerRecipients } from './listing.service.ts';
import { challengeAccess, listingAccess, listingPlatformOf, managesTechTransfer } from './techtransfer.policy.ts';
import { canManageListing, refOf } from './techtransfer.presenter.ts';

/**
 * SECURITY INVARIANT — challenges (技术需求) are public calls: every reader of the listings reads them. Which
 * listings a challenge was pushed to is the challenger's and the district's to see; a platform account sees
 * the matches of its own listings only (it learns it was asked, not who else was).
 */
const notFoundChallenge = () => errors.notFound('技术需求', 'challenge');
const enterpriseOf = (actor: Actor) => (actor.role === 'enterprise' && actor.scope?.kind === 'enterprise' ? actor.scope.id : null);
const readable = (actor: Actor) => challengeAccess.predicate(actor, 'read');

async function challengeRows(db: Db, actor: Actor, id?: string) {
  return db
    .select({
      row: techChallenges,
      enterpriseName: enterprises.name,
      pushedTo: sql<number>`(SELECT count(*)::int FROM tech_challenge_matches m WHERE m.challenge_id = tech_challenges.id)`,
      responses: sql<number>`(SELECT count(*)::int FROM tech_challenge_responses r WHERE r.challenge_id = tech_challenges.id)`,
    })
    .from(techChallenges)
    .innerJoin(enterprises, eq(enterprises.id, techChallenges.enterpriseId))
    .where(and(readable(actor), id ? eq(techChallenges.id, id) : sql`true`))
    .orderBy(desc(techChallenges.createdAt), asc(techChallenges.code));
}

function present(x: Awaited<ReturnType<typeof challengeRows>>[number], index: ReferenceIndex) {
  const r = x.row;
  return {
    id: r.id,
    code: r.code,
    enterpriseName: x.enterpriseName,
    title: r.title,
    description: r.description,
    domain: refOf(index, r.domainId),
    node: refOf(index, r.nodeId),
    keywords: r.keywords,
    deadline: r.deadline,
    status: r.status as 'open' | 'closed',
    createdAt: r.createdAt.toISOString(),
    pushedTo: x.pushedTo,
    responses: x.responses,
  };
}

/** Runs the push rule against the active listings and stores the matches (idempotent for a challenge). */
export async function pushChallenge(tx: Db, challenge: typeof techChallenges.$inferSelect) {
  const listings = await tx.select().from(techListings).where(eq(techListings.status, 'active'));
  const matches = matchChallenge(challenge, listings.filter((l) => l.ownerEnterpriseId !== challenge.enterpriseId));
  if (matches.length) {
    await tx
      .insert(techChallengeMatches)
      .values(matches.map((m) => ({ challengeId: challenge.id, listingId: m.listing.id, score: m.score, reasons: m.reasons as { kind: string; detail?: string }[], createdAt: challenge.createdAt })))
      .onConflictDoNothing();
  }
  return matches;
}

export function createChallengeService(deps: AppDeps) {
  const db = () => deps.database.db;
  return {
    async list(actor: Actor) {
      const index = await loadReferenceIndex(db());
      return { items: (await challengeRows(db(), actor)).map((x) => present(x, index)) };
    },

    async detail(actor: Actor, id: string) {
      const [x] = await challengeRows(db(), actor, id);
      if (!x) throw notFoundChallenge();
      const index = await loadReferenceIndex(db());
      const seesAll = managesTechTransfer(actor) || actor.role === 'leader' || enterpriseOf(actor) === x.row.enterpriseId;
      const platformId = listingPlatformOf(actor);
      const matches = await db()
        .select({ m: techChallengeMatches, listing: techListings, responded: sql<boolean>`EXISTS (SELECT 1 FROM tech_challenge_responses r WHERE r.challenge_id = ${id} AND r.listing_id = tech_listings.id)` })
        .from(techChallengeMatches)
        .innerJoin(techListings, eq(techListings.id, techChallengeMatches.listingId))
        .where(and(eq(techChallengeMatches.challengeId, id), seesAll ? sql`true` : platformId ? eq(techListings.ownerPlatformId, platformId) : sql`false`))
        .orderBy(desc(techChallengeMatches.score), asc(techListings.code));
      const responses = await db()
        .select({ r: techChallengeResponses, listing: techListings })
        .from(techChallengeResponses)
        .innerJoin(techListings, eq(techListings.id, techChallengeResponses.listingId))
        .where(and(eq(techChallengeResponses.challengeId, id), seesAll ? sql`true` : platformId ? eq(techListings.ownerPlatformId, platformId) : sql`false`))
        .orderBy(asc(techChallengeResponses.createdAt));
      return {
        ...present(x, index),
        matches: matches.map((m) => ({
          listingId: m.listing.id,
          listingTitle: m.listing.title,
          ownerName: m.listing.ownerName,
          score: m.m.score,
          reasons: m.m.reasons as MatchReason[],
          responded: Boolean(m.responded),
          canRespond: canManageListing(actor, m.listing) && x.row.status === 'open' && !m.responded,
        })),
        responseList: responses.map((r) => ({ id: r.r.id, listingId: r.listing.id, listingTitle: r.listing.title, ownerName: r.listing.ownerName, note: r.r.note, createdAt: r.r.createdAt.toISOString() })),
      };
    },

    /** An enterprise posts a challenge; it is pushed at once to the owners of the listings the rule matches. */
    async create(caller: Caller, body: z.infer<typeof challengeInputSchema>) {
      const enterpriseId = enterpriseOf(caller.actor);
      if (!enterpriseId) throw errors.forbidden();
      const { challenge, matches } = await inTransaction(deps, async (tx) => {
        const refs = new ReferenceResolver(await loadReferenceIndex(tx));
        const domain = refs.domain(body.domainCode, 'body.domainCode');
        const node = body.nodeCode ? refs.index.nodes.get(body.nodeCode) : null;
        if (body.nodeCode && !node) refs.problems.push({ path: 'body.nodeCode', rule: 'reference', message: `未知的产业链节点“${body.nodeCode}”`, messageEn: `Unknown chain node "${body.nodeCode}"` });
        refs.throwIfProblems();
        const now = deps.clock();
        const [challenge] = await tx
          .insert(techChallenges)
          .values({
            code: await nextCode(tx, 'tech_challenges', 'XQ', Number(now.toISOString().slice(0, 4))),
            enterpriseId,
            title: body.title.trim(),
            description: body.description.trim(),
            domainId: domain?.id ?? null,
            nodeId: node?.id ?? null,
            keywords: [...new Set(body.keywords.map((k) => k.trim()).filter(Boolean))],
            deadline: body.deadline ?? null,
            createdAt: now,
          })
          .returning();
        const matches = await pushChallenge(tx, challenge!);
        await deps.audit.inTransaction(tx, caller.audit, caller.origin, {
          action: 'tech-challenge.create',
          objectType: 'tech-challenge',
          objectId: challenge!.id,
          before: null,
          after: { code: challenge!.code, title: challenge!.title, pushedTo: matches.map((m) => m.listing.code) },
        });
        return { challenge: challenge!, matches };
      });
      for (const m of matches) {
        const recipients = await ownerRecipients(db(), m.listing);
        if (!recipients) continue;
        await notify(notifyDeps(deps), {
          kind: 'tech.challenge-pushed',
          object: { kind: 'tech-challenge', id: challenge.id },
          recipients,
          titleZh: `技术需求与您的成果匹配:${challenge.title}`,
          titleEn: `A challenge matches your listing: ${challenge.title}`,
          bodyZh: `“${m.listing.title}”与该需求匹配(得分 ${m.score})，欢迎响应。`,
          bodyEn: `“${m.listing.title}” matches this challenge (score ${m.score}); you are invited to respond.`,
          link: `/tech-transfer/challenges/${challenge.id}`,
        });
      }
      return this.detail(caller.actor, challenge.id);
    },

    /** The owner of a listing (its platform account, or the commission for it) responds to a challenge. */
    async respond(caller: Caller, id: string, body: z.infer<typeof challengeResponseInputSchema>) {
      await inTransaction(deps, async (tx) => {
        const [challenge] = await tx.select().from(techChallenges).where(and(readable(caller.actor), eq(techChallenges.id, id)));
        if (!challenge) throw notFoundChallenge();
        if (challenge.status !== 'open') throw new AppError(409, 'INVALID_STATE', '该需求已关闭', 'The challenge is closed');
        const listing = await findListing(tx, listingAccess.predicate(caller.actor, 'write'), body.listingId);
        if (!listing) throw errors.notFound('科技成果', 'listing');
        try {
          const [row] = await tx.insert(techChallengeResponses).values({ challengeId: id, listingId: listing.id, note: body.note, respondedBy: caller.actor.userId, createdAt: deps.clock() }).returning();
          await deps.audit.inTransaction(tx, caller.audit, caller.origin, { action: 'tech-challenge.respond', objectType: 'tech-challenge', objectId: id, before: null, after: { responseId: row!.id, listingId: listing.id } });
        } catch (error) {
          if (isUniqueViolation(error)) throw new AppError(409, 'CONFLICT', '该成果已响应过此需求', 'This listing already responded to the challenge');
          throw error;
        }
      }).catch((error: unknown) => {
        if (isUniqueViolation(error)) throw new AppError(409, 'CONFLICT', '该成果已响应过此需求', 'This listing already responded to the challenge');
        throw error;
      });
      return this.detail(caller.actor, id);
    },
  };
}
