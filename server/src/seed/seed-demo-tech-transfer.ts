import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { enterpriseChainNodes, enterprises, expertConflicts, experts, platforms, projects, techChallengeResponses, techChallenges, techDeals, techEvaluationScores, techEvaluations, techIntroductions, techListings, techRubricCriteria, users } from '../db/schema/index.ts';
import { jinshanPhone, personName } from '../domain/demo/names.ts';
import { createRng } from '../domain/demo/prng.ts';
import { screenExperts } from '../domain/techtransfer/conflicts.ts';
import { rubricTotal } from '../domain/techtransfer/rubric.ts';
import { pushChallenge } from '../modules/services-techtransfer/index.ts';
import { loadReferenceIndex } from '../modules/registry-common/index.ts';
import { DEMO_CHALLENGES, DEMO_LISTINGS } from './demo-tech-listings.ts';

const DAY_MS = 86_400_000;
const REQUEST_MESSAGES = ['希望了解许可条件并安排技术交流', '拟在本公司产线验证，申请对接', '有意共同申报区级成果转化项目，请联系', '希望获取样品进行小试评估'];

/**
 * Demo technology transfer (issue 14 §3): ~40 listings of the demo platforms and outside institutions,
 * introductions in every state, challenges pushed by the same rule the service uses, expert evaluations (conflicted
 * experts screened out exactly as the service does) with scores on the stored rubric, and a few deals, one of them
 * linked to the investment project it created. The first listing is the walk-through one: an enterprise that one
 * expert declared a conflict with asked for an introduction, and the demo expert is not assigned to it yet.
 * Deterministic for a seed; skipped when demo listings exist.
 */
export async function seedDemoTechTransfer(tx: Db, seed: number, now: Date) {
  if ((await tx.select({ id: techListings.id }).from(techListings).where(eq(techListings.isDemo, true)).limit(1)).length) return;
  const rng = createRng(seed, 'tech-transfer');
  const index = await loadReferenceIndex(tx);
  const platformRows = await tx.select({ id: platforms.id, code: platforms.code, name: platforms.name, operator: platforms.operatorEnterpriseId }).from(platforms);
  const platformByCode = new Map(platformRows.map((p) => [p.code, p]));
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY_MS);

  const listingRows = [];
  for (const [i, [owner, kind, domain, node, trl, partnerships, ip, title, summary, keywords]] of DEMO_LISTINGS.entries()) {
    const platform = platformByCode.get(owner);
    const created = at(rng.int(20, 330));
    listingRows.push({
      code: `CG-DEMO-${String(i + 1).padStart(3, '0')}`,
      kind,
      title,
      summary,
      ownerPlatformId: platform?.id ?? null,
      ownerName: platform?.name ?? owner,
      ownerEnterpriseId: platform?.operator ?? null,
      domainId: index.domains.get(domain)?.id ?? null,
      nodeId: node ? (index.nodes.get(node)?.id ?? null) : null,
      trl,
      partnerships,
      ipStatus: ip,
      keywords,
      contactName: `${personName(rng)}(成果转化办)`,
      contactPhone: jinshanPhone(rng),
      isDemo: true,
      createdAt: created,
      updatedAt: created,
    });
  }
  const listings = await tx.insert(techListings).values(listingRows).returning();

  // District enterprises by domain (the ones that would ask): active, mapped to a node.
  const firms = await tx
    .select({ id: enterprises.id, name: enterprises.name, domainId: enterprises.domainId, nodeId: enterpriseChainNodes.nodeId })
    .from(enterprises)
    .leftJoin(enterpriseChainNodes, eq(enterpriseChainNodes.enterpriseId, enterprises.id))
    .where(and(eq(enterprises.isDemo, true), sql`${enterprises.deletedAt} IS NULL`));
  if (!firms.length) return;
  const firmsOf = (domainId: string | null) => {
    const same = firms.filter((f) => f.domainId === domainId);
    return same.length ? same : firms;
  };
  const demoEnterprise = (await tx.select({ scopeId: users.scopeId }).from(users).where(eq(users.username, 'demo_enterprise')))[0]?.scopeId ?? null;
  const demoExpertId = (await tx.select({ scopeId: users.scopeId }).from(users).where(eq(users.username, 'demo_expert')))[0]?.scopeId ?? null;

  // The walk-through listing: an enterprise with a declared conflict of some expert (not the demo expert) asked for it.
  const walk = listings[0]!;
  const conflict = (await tx.select({ expertId: expertConflicts.expertId, enterpriseId: expertConflicts.enterpriseId }).from(expertConflicts)).find((c) => c.expertId !== demoExpertId && c.enterpriseId !== walk.ownerEnterpriseId);
  const intros: (typeof techIntroductions.$inferInsert)[] = [];
  if (conflict) intros.push({ listingId: walk.id, enterpriseId: conflict.enterpriseId, message: '拟用于本公司单抗产线纯化工艺升级，申请技术对接', contactName: personName(rng), contactPhone: jinshanPhone(rng), status: 'requested', isDemo: true, createdAt: at(6) });
  for (let i = 0; i < 24; i++) {
    const listing = listings[rng.int(1, listings.length - 1)]!;
    const firm = rng.pick(firmsOf(listing.domainId));
    if (firm.id === listing.ownerEnterpriseId || intros.some((x) => x.listingId === listing.id && x.enterpriseId === firm.id)) continue;
    // about a third still waiting, one in seven declined, the rest accepted
    const status = i % 7 === 3 ? 'declined' : i % 3 === 0 ? 'requested' : 'accepted';
    const created = at(rng.int(3, 120));
    intros.push({
      listingId: listing.id,
      enterpriseId: firm.id,
      message: rng.pick(REQUEST_MESSAGES),
      contactName: personName(rng),
      contactPhone: jinshanPhone(rng),
      status,
      decidedAt: status === 'requested' ? null : new Date(created.getTime() + rng.int(1, 6) * DAY_MS),
      decisionNote: status === 'declined' ? '该成果已进入独家许可谈判，暂不对接' : null,
      isDemo: true,
      createdAt: created,
    });
  }
  // the demo enterprise account has one accepted introduction, so its contact sharing can be seen
  if (demoEnterprise && !intros.some((x) => x.enterpriseId === demoEnterprise)) {
    intros.push({ listingId: listings[1]!.id, enterpriseId: demoEnterprise, message: '希望了解许可条件并安排技术交流', contactName: personName(rng), contactPhone: jinshanPhone(rng), status: 'accepted', decidedAt: at(10), isDemo: true, createdAt: at(14) });
  }
  await tx.insert(techIntroductions).values(intros);

  // Challenges, pushed by the service's own rule; owners of some matched listings responded.
  for (const [i, [domain, node, title, description, keywords]] of DEMO_CHALLENGES.entries()) {
    const domainId = index.domains.get(domain)?.id ?? null;
    const nodeId = node ? (index.nodes.get(node)?.id ?? null) : null;
    const poster = rng.pick(firms.filter((f) => f.nodeId === nodeId).length ? firms.filter((f) => f.nodeId === nodeId) : firmsOf(domainId));
    const [challenge] = await tx
      .insert(techChallenges)
      .values({ code: `XQ-DEMO-${String(i + 1).padStart(3, '0')}`, enterpriseId: poster.id, title, description, domainId, nodeId, keywords, deadline: new Date(now.getTime() + rng.int(20, 90) * DAY_MS).toISOString().slice(0, 10), isDemo: true, createdAt: at(rng.int(5, 60)) })
      .returning();
    const matches = await pushChallenge(tx, challenge!);
    for (const m of matches.slice(0, rng.int(0, 2))) {
      await tx.insert(techChallengeResponses).values({ challengeId: challenge!.id, listingId: m.listing.id, note: '我方成果与需求高度契合，可提供技术方案与样品验证。', isDemo: true, createdAt: new Date(challenge!.createdAt.getTime() + 3 * DAY_MS) });
    }
  }

  // Evaluations: 10 listings, 3 experts each, screened as the service screens them; most scored.
  const pool = await tx.select().from(experts).where(sql`${experts.deletedAt} IS NULL`);
  const conflicts = await tx.select().from(expertConflicts);
  const candidates = pool.map((e) => ({ id: e.id, name: e.name, affiliation: e.affiliation, domainCodes: e.domainCodes, conflicts: conflicts.filter((c) => c.expertId === e.id) }));
  const criteria = await tx.select().from(techRubricCriteria);
  const partiesOf = (listingId: string, owner: string | null) => {
    const ids = new Set([...(owner ? [owner] : []), ...intros.filter((x) => x.listingId === listingId).map((x) => x.enterpriseId)]);
    return [...ids].map((enterpriseId) => ({ enterpriseId, name: '', role: 'requester' as const }));
  };
  for (const listing of listings.slice(1, 11)) {
    const domainCode = listing.domainId ? (index.byId.get(listing.domainId)?.code ?? null) : null;
    const { offered } = screenExperts(candidates, { domainCode, ownerName: listing.ownerName, parties: partiesOf(listing.id, listing.ownerEnterpriseId) });
    const chosen = offered.filter((o) => o.fieldMatch).slice(0, 3);
    // the demo expert gets a few assignments of its own (some still to score) when it is free of conflicts there
    if (demoExpertId && listings.indexOf(listing) % 3 === 1 && offered.some((o) => o.expert.id === demoExpertId) && !chosen.some((o) => o.expert.id === demoExpertId)) chosen.push(offered.find((o) => o.expert.id === demoExpertId)!);
    for (const o of chosen) {
      const assignedAt = new Date(listing.createdAt.getTime() + rng.int(5, 15) * DAY_MS);
      const scored = o.expert.id === demoExpertId ? listings.indexOf(listing) === 1 : rng.chance(0.8);
      const base = Math.min(9, Math.max(3, listing.trl + rng.int(-2, 2)));
      const sheet = criteria.map((c) => ({ criterion: c.code, weight: c.weight, score: Math.min(10, Math.max(0, base + rng.int(-2, 2))) }));
      const [evaluation] = await tx
        .insert(techEvaluations)
        .values({
          listingId: listing.id,
          expertId: o.expert.id,
          assignedAt,
          status: scored ? 'submitted' : 'assigned',
          total: scored ? rubricTotal(sheet)!.toFixed(2) : null,
          comment: scored ? rng.pick(['技术路线清晰，建议推进中试验证。', '知识产权布局较完整，市场前景需进一步论证。', '与区内产业链契合度高，建议优先对接。']) : null,
          submittedAt: scored ? new Date(assignedAt.getTime() + rng.int(2, 10) * DAY_MS) : null,
          isDemo: true,
        })
        .returning();
      if (scored) await tx.insert(techEvaluationScores).values(sheet.map((s) => ({ evaluationId: evaluation!.id, ...s })));
    }
  }

  // Deals: a signed licence that created an investment project, a co-development with financing, one in negotiation.
  const accepted = intros.filter((x) => x.status === 'accepted');
  const withProject = await tx
    .select({ id: projects.id, investor: projects.investorEnterpriseId, domainId: projects.domainId })
    .from(projects)
    .where(and(eq(projects.isDemo, true), isNotNull(projects.investorEnterpriseId), inArray(projects.stage, ['signed', 'started', 'completed'])))
    .limit(20);
  const deals: (typeof techDeals.$inferInsert)[] = [];
  const project = withProject.find((p) => listings.some((l) => l.domainId === p.domainId)) ?? withProject[0];
  if (project) {
    const listing = listings.find((l) => l.domainId === project.domainId && l.trl >= 6) ?? listings[7]!;
    deals.push({ listingId: listing.id, enterpriseId: project.investor!, kind: 'licence', status: 'signed', amount: '850.00', financingAmount: '3200.00', financingSource: '区产业引导基金', signedOn: at(75).toISOString().slice(0, 10), projectId: project.id, note: '独家许可 + 技术服务，许可费分三期支付', isDemo: true, createdAt: at(90), updatedAt: at(75) });
  }
  for (const [i, x] of accepted.slice(0, 2).entries()) {
    deals.push({
      listingId: x.listingId,
      enterpriseId: x.enterpriseId,
      kind: i === 0 ? 'co-development' : 'transfer',
      status: i === 0 ? 'signed' : 'negotiating',
      amount: i === 0 ? '320.50' : null,
      financingAmount: i === 0 ? '1500.00' : null,
      financingSource: i === 0 ? '科技型中小企业贷款' : null,
      signedOn: i === 0 ? at(30).toISOString().slice(0, 10) : null,
      note: i === 0 ? '联合开发，成果共享' : '转让价格谈判中',
      isDemo: true,
      createdAt: at(40),
      updatedAt: at(30),
    });
  }
  if (deals.length) await tx.insert(techDeals).values(deals);
}
