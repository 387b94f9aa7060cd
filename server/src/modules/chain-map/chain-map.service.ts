import type { ChainMapNode, ChainMapQuery, ChainMapView, ChainNodeLists, PlatformGapItem } from '../../../../contracts/chain-map.ts';
import { formatPeriod, parsePeriod } from '../../../../contracts/indicators.ts';
import type { Actor } from '../../app/actor.ts';
import { inTransaction, type AppDeps } from '../../app/deps.ts';
import { AppError, errors } from '../../app/errors.ts';
import type { Db } from '../../db/client.ts';
import { committedCapacity, NO_COMMITMENT, withCommitted } from '../../domain/chain-map/committed.ts';
import { DEFAULT_IMPORTANCE, rankByGap, scoreNode, type NodeFacts } from '../../domain/chain-map/gap-score.ts';
import { zoneByCode } from '../../seed/reference/index.ts';
import type { Caller } from '../registry-common/index.ts';
import { staleVersion } from '../registry-common/index.ts';
import { recordChange } from '../registry-common/index.ts';
import { monthCloseRule, statsPeriods } from '../statistics/index.ts';
import { localSupplyRatios } from '../services-matchmaking/index.ts';
import { listPlatformGapItems } from '../services-instruments/index.ts';
import { nodeContextCounts, nodePlatforms, nodeWarnings } from './chain-node-context.repository.ts';
import { listNodes, nodeCommittedProjects, nodeEnterpriseFacts, nodeProjectCounts, type NodeRow } from './chain-map.repository.ts';
import { canReadChainMap, canSetImportance, mapScopeOf, type MapScope } from './chain-map.policy.ts';
import { domainExperts, findWeight, nodeCandidates, nodeExists, nodeMembers, nodePipeline, writeWeight } from './chain-node-lists.repository.ts';
import { presentMember, presentNode } from './chain-map.presenter.ts';

/**
 * The chain map is computed on read (docs/decisions/0022-chain-gap-score.md): the inputs are a few grouped
 * queries over the registry and stat_enterprise_ytd, so every approval, registry change or signed project shows
 * on the next read without a recompute job.
 */

const notFound = () => errors.notFound('产业链节点', 'chain node');

/** The statistics period: the one asked for, else the cockpit's (latest closed month), else this month. */
async function periodOf(db: Db, asked: string | undefined, now: Date): Promise<{ year: number; month: number; known: boolean }> {
  if (asked) {
    const p = parsePeriod(asked)!;
    return { ...p, known: true };
  }
  const periods = await statsPeriods(db, monthCloseRule(now));
  if (periods.period) return { ...periods.period, known: true };
  return { year: now.getUTCFullYear(), month: now.getUTCMonth() + 1, known: false };
}

/** The domains a zone is designated for (一城一港一湾一园一谷), or every domain without a zone filter. */
function domainFilter(scope: MapScope, domain: string | undefined): string[] | null {
  const designated = scope.zoneCode ? (zoneByCode.get(scope.zoneCode)?.domainCodes ?? []) : null;
  if (domain === undefined) return designated ? [...designated] : null;
  return designated === null || designated.includes(domain) ? [domain] : [];
}

const YEAR_MS = 365 * 86_400_000;

/** Platform-gap items (issue 14 §1) with the nodes they belong to: counts and labels only, district-wide. */
async function gapItemsOn(db: Db, nodes: readonly NodeRow[], now: Date): Promise<PlatformGapItem[]> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  return (await listPlatformGapItems(db, now))
    .map((g) => ({
      gapKind: g.gapKind as PlatformGapItem['gapKind'],
      label: g.label,
      platformName: g.platformName,
      demand: g.demand,
      hoursPerMonth: g.hoursPerMonth,
      enterprises: g.enterprises,
      nodes: g.nodeIds.flatMap((id) => {
        const n = byId.get(id);
        return n ? [{ id: n.id, code: n.code, domain: n.domain, nameZh: n.nameZh, nameEn: n.nameEn }] : [];
      }),
    }))
    .filter((g) => g.nodes.length > 0);
}

async function scoredNodes(db: Db, actor: Actor, scope: MapScope, nodes: NodeRow[], year: number, month: number, exclude: readonly string[], now: Date, gapItems: readonly PlatformGapItem[]): Promise<ChainMapNode[]> {
  const context = await nodeContextCounts(db, actor, scope.zoneId, new Date(now.getTime() - YEAR_MS));
  const gapsPerNode = new Map<string, number>();
  for (const g of gapItems) for (const n of g.nodes) gapsPerNode.set(n.id, (gapsPerNode.get(n.id) ?? 0) + 1);
  const facts = await nodeEnterpriseFacts(db, actor, scope.zoneId, year, month);
  const projects = await nodeProjectCounts(db, actor, scope.zoneId, exclude);
  // signed projects not yet producing: committed new enterprises and their planned output (decision 0035)
  const committed = committedCapacity(await nodeCommittedProjects(db, actor, scope.zoneId, exclude), month);
  // district-wide ratios from supply–demand matchmaking; a node without declared suppliers has none
  const localSupply = await localSupplyRatios(db);
  const nodesPerTemplate = new Map<string, number>();
  for (const n of nodes) nodesPerTemplate.set(n.templateId, (nodesPerTemplate.get(n.templateId) ?? 0) + 1);
  return nodes.map((n) => {
    const f = facts.nodes.get(n.id);
    const p = projects.get(n.id) ?? { projects: 0, signed: 0 };
    const c = committed.nodes.get(n.id) ?? NO_COMMITMENT;
    const local: NodeFacts = {
      enterprises: f?.enterprises ?? 0,
      aboveScale: f?.aboveScale ?? 0,
      signedProjects: p.signed,
      localSupply: localSupply.get(n.id) ?? null,
      figures: scope.figuresVisible
        ? {
            outputYtd: f?.outputYtd ?? 0,
            domainOutputYtd: facts.templates.get(n.templateId) ?? 0,
            nodesInDomain: nodesPerTemplate.get(n.templateId) ?? 1,
            comparableYtd: f?.comparableYtd ?? 0,
            comparableBase: f?.comparableBase ?? 0,
          }
        : null,
  };
    const score = scoreNode(withCommitted(local, c, committed.templates.get(n.templateId) ?? 0), n.importance ?? DEFAULT_IMPORTANCE);
    return presentNode(n, score, {
      enterprises: f?.enterprises ?? 0,
      aboveScale: f?.aboveScale ?? 0,
      leaders: f?.leaders ?? 0,
      projects: p.projects,
      signed: p.signed,
      outputYtd: scope.figuresVisible ? (f?.outputYtd ?? 0) : null,
      committed: { enterprises: c.enterprises, aboveScale: c.aboveScale, outputYtd: scope.figuresVisible ? c.outputYtd : null },
      context: { platforms: context.platforms.get(n.id) ?? 0, experts: context.experts.get(n.domain) ?? 0, openWarnings: context.warnings.get(n.id) ?? 0, platformGaps: gapsPerNode.get(n.id) ?? 0 },
    });
  });
}

/** `options.excludeProjects`: the map as it stood without these projects (the monthly report's "gap before"). */
export async function computeChainMap(db: Db, actor: Actor, query: ChainMapQuery, now: Date, options: { excludeProjects?: readonly string[] } = {}): Promise<ChainMapView> {
  if (!canReadChainMap(actor)) throw new AppError(403, 'FORBIDDEN', '无权查看产业链图谱', 'You may not read the chain map');
  const started = performance.now();
  const scope = await mapScopeOf(db, actor, query.zone);
  const period = await periodOf(db, query.period, now);
  const nodes = await listNodes(db, domainFilter(scope, query.domain));
  const platformGaps = await gapItemsOn(db, nodes, now);
  const scored = await scoredNodes(db, actor, scope, nodes, period.year, period.month, options.excludeProjects ?? [], now, platformGaps);
  const domains: ChainMapView['domains'] = [];
  for (const n of nodes) {
    let d = domains.find((x) => x.code === n.domain);
    if (!d) domains.push((d = { code: n.domain, nameZh: n.domainNameZh, nameEn: n.domainNameEn, nodes: [] }));
    d.nodes.push(scored.find((s) => s.id === n.id)!);
  }
  return {
    period: period.known ? formatPeriod(period.year, period.month) : null,
    zone: scope.zoneCode,
    figuresVisible: scope.figuresVisible,
    domains,
    gaps: rankByGap(scored),
    platformGaps,
    computeMs: Math.round(performance.now() - started),
  };
}

export async function computeNodeLists(db: Db, actor: Actor, nodeId: string, query: ChainMapQuery, now: Date): Promise<ChainNodeLists> {
  if (!canReadChainMap(actor)) throw notFound();
  const map = await computeChainMap(db, actor, { zone: query.zone, period: query.period }, now);
  const node = map.gaps.find((n) => n.id === nodeId);
  if (!node) throw notFound();
  const period = await periodOf(db, query.period, now);
  const scope = await mapScopeOf(db, actor, query.zone);
  const members = await nodeMembers(db, actor, nodeId, scope.zoneId, period.year, period.month);
  const figures = scope.figuresVisible;
  return {
    period: map.period,
    node,
    leading: members.filter((m) => m.leader).map((m) => presentMember(m, figures)),
    suppliers: members.filter((m) => !m.leader).map((m) => presentMember(m, figures)),
    pipeline: await nodePipeline(db, actor, nodeId, scope.zoneId),
    experts: await domainExperts(db, node.domain),
    platforms: await nodePlatforms(db, nodeId, new Date(now.getTime() - YEAR_MS)),
    warnings: await nodeWarnings(db, actor, nodeId, scope.zoneId),
    platformGaps: map.platformGaps.filter((g) => g.nodes.some((n) => n.id === nodeId)),
    candidates: await nodeCandidates(db, nodeId),
  };
}

export async function setNodeImportance(deps: AppDeps, caller: Caller, nodeId: string, body: { importance: number; reason?: string; version: number }, now: Date) {
  if (!canSetImportance(caller.actor)) throw new AppError(403, 'FORBIDDEN', '节点权重由区经委设定', 'The commission sets the node weights');
  return inTransaction(deps, async (tx) => {
    if (!(await nodeExists(tx, nodeId))) throw notFound();
    const before = await findWeight(tx, nodeId);
    const written = await writeWeight(tx, nodeId, body.importance, body.reason ?? null, body.version, caller.actor.userId, now);
    if (!written) throw staleVersion(before?.version ?? 0);
    await recordChange(
      tx,
      deps.audit,
      caller,
      { objectType: 'chain-node', objectId: nodeId, action: 'chain-map.weight-update', before: { importance: before?.importance ?? DEFAULT_IMPORTANCE }, after: { importance: body.importance, reason: body.reason ?? null } },
      now,
    );
    return { nodeId, importance: body.importance, version: (before?.version ?? 0) + 1 };
  });
}
