import type { z } from 'zod';
import type { matchConsentSchema, matchListQuerySchema, matchOutcomeSchema, matchProposeSchema, MatchView } from '../../../../contracts/matchmaking.ts';
import { scopeOf } from '../../access/index.ts';
import { inTransaction, type AppDeps } from '../../app/deps.ts';
import { appErrorOf, errors } from '../../app/errors.ts';
import type { Db } from '../../db/client.ts';
import { rankCandidates, type Candidate, type MatchablePosting } from '../../domain/matchmaking/match-score.ts';
import { buildTextIndex } from '../../domain/matchmaking/text-similarity.ts';
import { shanghaiDate } from '../../domain/services/working-time.ts';
import { notify } from '../notifications/index.ts';
import type { Caller } from '../registry-common/index.ts';
import { matchAccess, ownEnterpriseOf, postingAccess } from './matchmaking.policy.ts';
import { openContact, presentMatch, presentPosting } from './matchmaking.presenter.ts';
import {
  findMatch,
  findPosting,
  insertMatch,
  listMatches,
  matchesOfPosting,
  nodeRefOf,
  openPostings,
  unsafePostingsOfMatches,
  updateMatch,
  type MatchItem,
  type PostingItem,
} from './matchmaking.repository.ts';
import { jiebaSegmenter } from './segmenter.ts';

const postingNotFound = () => errors.notFound('供需信息', 'posting');
const matchNotFound = () => errors.notFound('对接记录', 'match');
const stale = () => errors.conflict('对接记录已被更新，请刷新后重试', 'The match was changed; reload and try again');

const textOf = (p: PostingItem) => [p.row.title, p.row.description, p.row.specification ?? ''].join('\n');
const matchable = (p: PostingItem): MatchablePosting => ({ id: p.row.id, enterpriseId: p.row.enterpriseId, kind: p.row.kind as 'need' | 'offer', node: nodeRefOf(p) });

/** Ranks the open pool for `base` (the TF-IDF corpus is the pool itself plus the base). */
function rank(base: PostingItem, pool: PostingItem[], limit: number): Candidate[] {
  const others = pool.filter((p) => p.row.id !== base.row.id);
  const index = buildTextIndex([textOf(base), ...others.map(textOf)], jiebaSegmenter);
  return rankCandidates(matchable(base), others.map(matchable), (i) => index.similarity(0, i + 1), limit);
}

/** Matches 对接: proposed from a posting's candidates, agreed by both sides, closed with an outcome. */
export function createMatchService(deps: AppDeps) {
  const notifyDeps = { database: deps.database, config: deps.config, now: deps.clock };

  async function view(db: Db, caller: Caller, item: MatchItem): Promise<MatchView> {
    const postings = await unsafePostingsOfMatches(db, [item.needId, item.offerId]);
    return presentMatch(item, postings, scopeOf(caller.actor));
  }

  /** Loads a match for a change under `action`: 404 outside the caller's view, 403 when visible but not theirs to change. */
  async function lockForChange(tx: Db, caller: Caller, id: string, action: 'consent' | 'outcome', version: number): Promise<MatchItem> {
    const item = await findMatch(tx, matchAccess.predicate(caller.actor, action), id, true);
    if (!item) {
      if (await findMatch(tx, matchAccess.predicate(caller.actor, 'read'), id)) throw errors.forbidden();
      throw matchNotFound();
    }
    if (item.version !== version) throw stale();
    return item;
  }

  async function tellEnterprise(enterpriseId: string, kind: 'matchmaking.proposed' | 'matchmaking.consent' | 'matchmaking.outcome', matchId: string, zh: [string, string], en: [string, string]) {
    await notify(notifyDeps, {
      kind,
      object: { kind: 'supply-match', id: matchId },
      recipients: { roles: ['enterprise'], scope: { kind: 'enterprise', id: enterpriseId } },
      titleZh: zh[0],
      bodyZh: zh[1],
      titleEn: en[0],
      bodyEn: en[1],
      link: '/services?tab=matchmaking',
    });
  }

  return {
    /** Offers for a need (needs for an offer), best first, each with its reason — for the owner or the commission. */
    async candidates(caller: Caller, postingId: string) {
      const db = deps.database.db;
      const base = await findPosting(db, postingAccess.predicate(caller.actor, 'write'), postingId);
      if (!base) {
        if (await findPosting(db, postingAccess.predicate(caller.actor, 'read'), postingId)) throw errors.forbidden();
        throw postingNotFound();
      }
      const pool = await openPostings(db, postingAccess.predicate(caller.actor, 'read'), shanghaiDate(deps.clock()));
      const ranked = rank(base, pool, 10);
      const byId = new Map(pool.map((p) => [p.row.id, p]));
      const existing = await matchesOfPosting(db, postingId);
      const scope = scopeOf(caller.actor);
      return {
        items: ranked.map((c) => ({
          posting: presentPosting(byId.get(c.postingId)!, scope),
          score: c.score,
          reason: c.reason,
          matchId: existing.find((m) => m.needId === c.postingId || m.offerId === c.postingId)?.id ?? null,
        })),
      };
    },

    /**
     * Proposes a need × offer match. The caller owns one side (its consent is given by proposing) or is the
     * commission (both sides still to agree). The score and reason are computed now and kept with the match.
     */
    async propose(caller: Caller, input: z.infer<typeof matchProposeSchema>) {
      const scope = scopeOf(caller.actor);
      const own = ownEnterpriseOf(scope);
      const result = await inTransaction(deps, async (tx) => {
        const read = postingAccess.predicate(caller.actor, 'read');
        const need = await findPosting(tx, read, input.needId);
        const offer = await findPosting(tx, read, input.offerId);
        if (!need || !offer) throw postingNotFound();
        if (need.row.kind !== 'need' || offer.row.kind !== 'offer') {
          throw errors.validation([{ path: 'body', rule: 'kinds', message: '需在一条需求与一条供给之间对接', messageEn: 'a match pairs one need with one offer' }]);
        }
        if (need.row.enterpriseId === offer.row.enterpriseId) {
          throw errors.validation([{ path: 'body', rule: 'same-enterprise', message: '不能与本企业自己的信息对接', messageEn: 'an enterprise is not matched with itself' }]);
        }
        const writable = await postingAccess.allowedIds(tx, caller.actor, 'write', [need.row.id, offer.row.id]);
        if (writable.size === 0) throw errors.forbidden();
        if (need.row.status !== 'open' || offer.row.status !== 'open') throw appErrorOf('INVALID_STATE');
        const pool = await openPostings(tx, read, shanghaiDate(deps.clock()));
        const scored = rank(need, pool.some((p) => p.row.id === offer.row.id) ? pool : [...pool, offer], pool.length + 1).find((c) => c.postingId === offer.row.id);
        const reason = scored?.reason ?? { relation: 'text-only' as const, nodeScore: 0, textScore: 0, terms: [] };
        const now = deps.clock();
        const side = own === need.row.enterpriseId ? 'need' : own === offer.row.enterpriseId ? 'offer' : null;
        const id = await insertMatch(tx, {
          needId: need.row.id,
          offerId: offer.row.id,
          score: (scored?.score ?? 0).toFixed(4),
          reason,
          needConsent: side === 'need' ? 'agreed' : 'pending',
          needConsentAt: side === 'need' ? now : null,
          offerConsent: side === 'offer' ? 'agreed' : 'pending',
          offerConsentAt: side === 'offer' ? now : null,
          status: 'proposed',
          proposedBy: caller.audit.userId,
          proposedAt: now,
          createdAt: now,
          updatedAt: now,
        });
        if (!id) throw appErrorOf('MATCH_EXISTS');
        await deps.audit.inTransaction(tx, caller.audit, caller.origin, {
          action: 'supply-match.propose',
          objectType: 'supply-match',
          objectId: id,
          after: { needId: need.row.id, offerId: offer.row.id, score: scored?.score ?? 0, relation: reason.relation, proposedBy: side ?? 'commission' },
        });
        const item = (await findMatch(tx, matchAccess.predicate(caller.actor, 'read'), id))!;
        return { view: await view(tx, caller, item), need, offer, side };
      });
      const { need, offer, side } = result;
      const title = `${need.row.title} ↔ ${offer.row.title}`;
      for (const [posting, other] of [[need, offer], [offer, need]] as const) {
        if (side !== null && posting.row.enterpriseId === own) continue;
        await tellEnterprise(
          posting.row.enterpriseId,
          'matchmaking.proposed',
          result.view.id,
          [`供需对接推荐：${title}`, `${other.enterpriseName} 的“${other.row.title}”与贵企业的“${posting.row.title}”匹配，请在“供需对接”中答复。双方同意后可查看联系方式。`],
          [`Match proposed: ${title}`, `“${other.row.title}” of ${other.enterpriseName} matches your “${posting.row.title}”. Answer under Supply–demand; contacts are shared once both agree.`],
        );
      }
      return result.view;
    },

    async list(caller: Caller, query: z.infer<typeof matchListQuerySchema>, postingId?: string) {
      const db = deps.database.db;
      const { items, total } = await listMatches(db, matchAccess.predicate(caller.actor, 'read'), { status: query.status, postingId }, query.page, query.pageSize);
      const postings = await unsafePostingsOfMatches(db, items.flatMap((m) => [m.needId, m.offerId]));
      const scope = scopeOf(caller.actor);
      return { items: items.map((m) => presentMatch(m, postings, scope)), total, page: query.page, pageSize: query.pageSize };
    },

    async get(caller: Caller, id: string) {
      const item = await findMatch(deps.database.db, matchAccess.predicate(caller.actor, 'read'), id);
      if (!item) throw matchNotFound();
      return view(deps.database.db, caller, item);
    },

    /** A party agrees or declines for its own side; both agreed → `agreed` (contacts may be shown); one declines → `declined`. */
    async consent(caller: Caller, id: string, input: z.infer<typeof matchConsentSchema>) {
      const own = ownEnterpriseOf(scopeOf(caller.actor));
      const result = await inTransaction(deps, async (tx) => {
        const item = await lockForChange(tx, caller, id, 'consent', input.version);
        if (item.status !== 'proposed') throw appErrorOf('INVALID_STATE');
        const side = own === item.needEnterpriseId ? 'need' : 'offer';
        const answer = input.agree ? 'agreed' : 'declined';
        const now = deps.clock();
        const needConsent = side === 'need' ? answer : item.needConsent;
        const offerConsent = side === 'offer' ? answer : item.offerConsent;
        const status = needConsent === 'declined' || offerConsent === 'declined' ? 'declined' : needConsent === 'agreed' && offerConsent === 'agreed' ? 'agreed' : 'proposed';
        await updateMatch(tx, id, {
          ...(side === 'need' ? { needConsent: answer, needConsentAt: now } : { offerConsent: answer, offerConsentAt: now }),
          status,
          version: item.version + 1,
          updatedAt: now,
        });
        await deps.audit.inTransaction(tx, caller.audit, caller.origin, {
          action: 'supply-match.consent',
          objectType: 'supply-match',
          objectId: id,
          before: { status: item.status, [`${side}Consent`]: side === 'need' ? item.needConsent : item.offerConsent },
          after: { status, [`${side}Consent`]: answer },
        });
        return { view: await view(tx, caller, (await findMatch(tx, matchAccess.predicate(caller.actor, 'read'), id))!), other: side === 'need' ? item.offerEnterpriseId : item.needEnterpriseId, status };
      });
      const v = result.view;
      const mine = v.side === 'need' ? v.need : v.offer;
      const zh = result.status === 'agreed' ? '双方已同意，可在“供需对接”中查看联系方式' : result.status === 'declined' ? '对方未同意本次对接' : input.agree ? '对方已同意，等待贵企业答复' : '对方未同意本次对接';
      const en = result.status === 'agreed' ? 'Both sides agreed; the contacts are shown under Supply–demand' : result.status === 'declined' ? 'The other side declined this match' : 'The other side agreed; your answer is awaited';
      await tellEnterprise(result.other, 'matchmaking.consent', id, [`供需对接答复：${mine.enterpriseName}`, `${mine.enterpriseName}：${zh}。`], [`Match answered: ${mine.enterpriseName}`, `${mine.enterpriseName}: ${en}.`]);
      return v;
    },

    /**
     * The other side's contact in the clear, for a party of a match both sides agreed to. Each call is a
     * `supply-match.contacts-reveal` audit record naming the match and the fields, never the values.
     */
    async contacts(caller: Caller, id: string) {
      const own = ownEnterpriseOf(scopeOf(caller.actor));
      return inTransaction(deps, async (tx) => {
        const item = await findMatch(tx, matchAccess.predicate(caller.actor, 'consent'), id);
        if (!item) {
          if (await findMatch(tx, matchAccess.predicate(caller.actor, 'read'), id)) throw errors.forbidden();
          throw matchNotFound();
        }
        if (!['agreed', 'contacted', 'deal', 'no-deal'].includes(item.status)) throw appErrorOf('CONSENT_REQUIRED');
        const otherId = own === item.needEnterpriseId ? item.offerId : item.needId;
        const other = (await unsafePostingsOfMatches(tx, [otherId])).get(otherId)!;
        await deps.audit.inTransaction(tx, caller.audit, caller.origin, {
          action: 'supply-match.contacts-reveal',
          objectType: 'supply-match',
          objectId: id,
          after: { posting: other.row.code, fields: ['contactName', 'contactPhone'] },
        });
        return { matchId: id, enterpriseName: other.enterpriseName, ...openContact(other.row) };
      });
    },

    /** Records the outcome: contacted, then deal (with its amount in 万元, exact) or no deal. */
    async outcome(caller: Caller, id: string, input: z.infer<typeof matchOutcomeSchema>) {
      const own = ownEnterpriseOf(scopeOf(caller.actor));
      const result = await inTransaction(deps, async (tx) => {
        const item = await lockForChange(tx, caller, id, 'outcome', input.version);
        const allowed = item.status === 'agreed' || (item.status === 'contacted' && input.outcome !== 'contacted');
        if (!allowed) throw appErrorOf('INVALID_STATE');
        const now = deps.clock();
        const amount = input.outcome === 'deal' ? (input.amount ?? null) : null;
        await updateMatch(tx, id, { status: input.outcome, dealAmount: amount, outcomeNote: input.note || null, outcomeAt: now, outcomeBy: caller.audit.userId, version: item.version + 1, updatedAt: now });
        await deps.audit.inTransaction(tx, caller.audit, caller.origin, {
          action: 'supply-match.outcome',
          objectType: 'supply-match',
          objectId: id,
          before: { status: item.status },
          after: { status: input.outcome, dealAmount: amount, note: input.note ?? null },
        });
        return { view: await view(tx, caller, (await findMatch(tx, matchAccess.predicate(caller.actor, 'read'), id))!), item };
      });
      const { view: v, item } = result;
      const label = { contacted: ['已联系', 'contacted'], deal: ['已成交', 'a deal'], 'no-deal': ['未成交', 'no deal'] }[input.outcome];
      for (const enterpriseId of [item.needEnterpriseId, item.offerEnterpriseId]) {
        if (enterpriseId === own) continue;
        await tellEnterprise(
          enterpriseId,
          'matchmaking.outcome',
          id,
          [`供需对接结果：${label[0]}`, `“${v.need.title}” ↔ “${v.offer.title}”：${label[0]}${amount(v)}。`],
          [`Match outcome: ${label[1]}`, `“${v.need.title}” ↔ “${v.offer.title}”: ${label[1]}${amountEn(v)}.`],
        );
      }
      return v;
    },
  };
}

const amount = (v: MatchView) => (v.dealAmount ? `，金额 ${v.dealAmount} 万元` : '');
const amountEn = (v: MatchView) => (v.dealAmount ? `, ${v.dealAmount} (10k yuan)` : '');
