import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { chainNodesTable, chainTemplatesTable, supplyDemandMatches, supplyDemandPostings, users } from '../db/schema/index.ts';
import { rankCandidates, type MatchablePosting } from '../domain/matchmaking/match-score.ts';
import { buildTextIndex } from '../domain/matchmaking/text-similarity.ts';
import type { NodeRef } from '../domain/matchmaking/chain-relation.ts';
import { createRng } from '../domain/demo/prng.ts';
import type { DemoDataset } from '../domain/demo/types.ts';
import { shanghaiDate } from '../domain/services/working-time.ts';
import { sealPersonalColumns } from '../modules/crypto/index.ts';
import { LABELLED_NEEDS, LABELLED_OFFERS } from '../modules/services-matchmaking/labelled-postings.fixture.ts';
import { POSTING_PERSONAL } from '../modules/services-matchmaking/matchmaking.presenter.ts';
import { jiebaSegmenter } from '../modules/services-matchmaking/segmenter.ts';
import { chainNodeByCode } from './reference/index.ts';

const DAY_MS = 86_400_000;

/** More postings beside the labelled set's texts (which the demo reuses, so its proposals are the measured ones). */
const MORE: { kind: 'need' | 'offer'; node: string; text: string }[] = [
  { kind: 'offer', node: 'bm-diagnostics', text: '体外诊断试剂原料：抗原抗体对、磁珠与酶标板，支持化学发光平台' },
  { kind: 'need', node: 'bm-diagnostics', text: '化学发光试剂盒研发需要高亲和力抗原抗体对和磁珠原料' },
  { kind: 'offer', node: 'bm-protein', text: '重组蛋白与细胞因子定制表达纯化，毫克至克级，内毒素可控' },
  { kind: 'need', node: 'bm-protein', text: '细胞治疗培养用重组细胞因子IL-2、IL-7，GMP级' },
  { kind: 'offer', node: 'bm-devices', text: '医疗器械注册检验与生物相容性评价服务' },
  { kind: 'need', node: 'mat-medical', text: '可吸收缝合线项目需要医用级PGA与PLA原料，提供注册资料支持' },
  { kind: 'offer', node: 'mat-medical', text: '医用级聚乳酸PLA与聚乙醇酸PGA树脂，可提供DMF备案资料' },
  { kind: 'need', node: 'en-bio-jet', text: '生物航煤装置需要废弃油脂原料，年需求约3万吨' },
  { kind: 'offer', node: 'en-biomass-collection', text: '地沟油与废弃食用油脂回收，经预处理后供应生物柴油与航煤企业' },
  { kind: 'need', node: 'agf-fermented', text: '黄酒与酱油发酵需要高活性曲霉菌种与酶制剂' },
  { kind: 'offer', node: 'agf-strains', text: '食品发酵曲霉菌种与复合酶制剂，适用于酱油、黄酒与醋' },
  { kind: 'need', node: 'en-remediation', text: '农田重金属土壤修复项目需要功能微生物菌剂' },
  { kind: 'offer', node: 'en-microbes', text: '环境修复用功能微生物菌剂与降解菌，定制筛选与扩大培养' },
  { kind: 'need', node: 'mat-packaging', text: '食品包装企业采购PBAT与淀粉基可降解薄膜，每月30吨' },
];

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '朱', '胡', '郭', '何'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '洋', '艳', '勇', '军', '杰', '涛', '明', '超', '霞', '平', '刚', '桂英'];
const titleOf = (text: string) => text.split(/[，,：:；;。]/)[0]!.slice(0, 30);

/**
 * Demo data of supply–demand matchmaking (issue 14 §2): ~60 postings of the demo district's enterprises, each
 * at a node its poster or supplier works on; matches proposed by the product's own ranking, in every state —
 * awaiting an answer, agreed, contacted, deals with amounts, no deal, declined — so the chain map's
 * local-supply component has data. The demo enterprise account has a need with an agreed match and another
 * awaiting its answer. Deterministic for a seed; a second run adds nothing.
 */
export async function seedDemoMatchmaking(tx: Db, dataset: DemoDataset, enterpriseIds: ReadonlyMap<string, string>, seed: number, now: Date) {
  const [existing] = await tx.select({ n: sql<number>`count(*)::int` }).from(supplyDemandPostings);
  if (Number(existing?.n ?? 0) > 0) return;
  const rng = createRng(seed, 'services', 'matchmaking');
  const nodes = await tx.select({ id: chainNodesTable.id, code: chainNodesTable.code, stage: chainNodesTable.stage, templateId: chainNodesTable.templateId }).from(chainNodesTable);
  await tx.select({ id: chainTemplatesTable.id }).from(chainTemplatesTable);
  const nodeByCode = new Map(nodes.map((n) => [n.code, n]));
  const active = dataset.enterprises.filter((e) => e.status === 'active' && enterpriseIds.has(e.id));
  if (active.length < 4) return;
  const demoUser = (await tx.select({ scopeId: users.scopeId }).from(users).where(sql`${users.username} = 'demo_enterprise'`))[0];
  const demoEnterprise = demoUser?.scopeId ?? null;

  const onNode = (code: string) => active.filter((e) => e.chainNodeCodes.includes(code));
  const ofDomain = (code: string) => active.filter((e) => e.domainCode === chainNodeByCode.get(code)?.domainCode);
  const texts = [
    ...LABELLED_OFFERS.map((p) => ({ kind: p.kind, node: p.node!, text: p.text })),
    ...LABELLED_NEEDS.map((p) => ({ kind: p.kind, node: p.node!, text: p.text })),
    ...MORE,
  ];
  // the demo enterprise posts the first two needs of its own domain
  const demoDomain = dataset.enterprises.find((e) => enterpriseIds.get(e.id) === demoEnterprise)?.domainCode;
  const demoNeeds = new Set(texts.filter((p) => p.kind === 'need' && chainNodeByCode.get(p.node)?.domainCode === demoDomain).slice(0, 2).map((p) => p.text));

  const postings: { id: string; enterpriseId: string; kind: 'need' | 'offer'; node: NodeRef | null; text: string; open: boolean }[] = [];
  let seq = 0;
  for (const p of texts) {
    const node = nodeByCode.get(p.node);
    // offers from firms on the node; needs from firms of the domain that work elsewhere on the chain
    const pool = p.kind === 'offer' ? onNode(p.node) : ofDomain(p.node).filter((e) => !e.chainNodeCodes.includes(p.node));
    const fallback = ofDomain(p.node).length ? ofDomain(p.node) : active;
    const firm = demoNeeds.has(p.text) && demoEnterprise ? demoEnterprise : enterpriseIds.get(rng.pick(pool.length ? pool : fallback).id)!;
    const created = new Date(now.getTime() - rng.int(3, 75) * DAY_MS);
    const open = demoNeeds.has(p.text) || rng.chance(0.88);
    const id = crypto.randomUUID();
    const contact = { contactName: rng.pick(SURNAMES) + rng.pick(GIVEN), contactPhone: `13${rng.int(0, 9)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}` };
    await tx.insert(supplyDemandPostings).values({
      id,
      code: `GX${shanghaiDate(created).replaceAll('-', '')}-${String(++seq).padStart(4, '0')}`,
      enterpriseId: firm,
      kind: p.kind,
      subject: node && chainNodeByCode.get(p.node)?.kind === 'service' ? 'service' : /服务|委托|外包|检测|加工|代工|CDMO|CMO/i.test(p.text) ? 'service' : 'product',
      nodeId: node?.id ?? null,
      title: titleOf(p.text),
      description: p.text,
      quantity: p.text.match(/(每月|年产能?|年需求约?)[^，,。]*|\d+(L|升|吨|台|亩)[^，,。]*/)?.[0] ?? null,
      periodFrom: shanghaiDate(created),
      periodTo: shanghaiDate(new Date(created.getTime() + 365 * DAY_MS)),
      validUntil: shanghaiDate(new Date(now.getTime() + rng.int(20, 150) * DAY_MS)),
      currentSource: p.kind === 'need' ? rng.weighted(['outside', 'local', 'none'] as const, [0.55, 0.2, 0.25]) : null,
      ...sealPersonalColumns(id, contact, POSTING_PERSONAL),
      status: open ? 'open' : 'closed',
      closedReason: open ? null : '已找到供应商',
      isDemo: true,
      createdAt: created,
      updatedAt: created,
    });
    postings.push({ id, enterpriseId: firm, kind: p.kind, node: node ? { id: node.id, templateId: node.templateId, stage: node.stage as NodeRef['stage'] } : null, text: p.text, open });
  }

  // Matches: each need's best offer by the product's own ranking, in every state of the workflow.
  const index = buildTextIndex(postings.map((p) => p.text), jiebaSegmenter);
  const matchable = postings.map((p): MatchablePosting => ({ id: p.id, enterpriseId: p.enterpriseId, kind: p.kind, node: p.node }));
  const states = ['proposed', 'agreed', 'contacted', 'deal', 'deal', 'no-deal', 'declined', 'deal', 'agreed', 'contacted'] as const;
  let demoMatches = 0;
  for (const [i, need] of postings.entries()) {
    if (need.kind !== 'need') continue;
    const best = rankCandidates(matchable[i]!, matchable, (j) => index.similarity(i, j), 2).filter((c) => c.score >= 0.3);
    for (const [rank, candidate] of best.entries()) {
      if (rank > 0 && !rng.chance(0.3)) continue;
      const isDemo = need.enterpriseId === demoEnterprise;
      const status = isDemo ? (demoMatches++ === 0 ? 'agreed' : 'proposed') : rng.pick(states);
      const proposedAt = new Date(now.getTime() - rng.int(1, 30) * DAY_MS);
      const decided = new Date(proposedAt.getTime() + rng.int(1, 3) * DAY_MS);
      const agreedBoth = status !== 'proposed' && status !== 'declined';
      const outcome = status === 'contacted' || status === 'deal' || status === 'no-deal';
      await tx.insert(supplyDemandMatches).values({
        needId: need.id,
        offerId: candidate.postingId,
        score: candidate.score.toFixed(4),
        reason: candidate.reason,
        needConsent: isDemo && status === 'proposed' ? 'pending' : 'agreed',
        needConsentAt: isDemo && status === 'proposed' ? null : proposedAt,
        offerConsent: agreedBoth ? 'agreed' : status === 'declined' ? 'declined' : isDemo ? 'agreed' : 'pending',
        offerConsentAt: agreedBoth || status === 'declined' || isDemo ? decided : null,
        status,
        dealAmount: status === 'deal' ? (Math.round(rng.logUniform(5, 400) * 100) / 100).toFixed(2) : null,
        outcomeNote: status === 'deal' ? '已签订年度供货协议' : status === 'no-deal' ? '价格与交期未谈拢' : status === 'contacted' ? '已电话沟通，安排样品测试' : null,
        outcomeAt: outcome ? new Date(decided.getTime() + rng.int(1, 10) * DAY_MS) : null,
        proposedAt,
        isDemo: true,
        createdAt: proposedAt,
        updatedAt: proposedAt,
      });
    }
  }
}
