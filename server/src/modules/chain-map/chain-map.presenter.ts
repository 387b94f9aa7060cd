import { RED_GAP, type ChainMapNode } from '../../../../contracts/chain-map.ts';
import type { NodeScore } from '../../domain/chain-map/gap-score.ts';
import type { NodeRow } from './chain-map.repository.ts';
import type { MemberRow } from './chain-node-lists.repository.ts';

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

export function presentNode(
  n: NodeRow,
  score: NodeScore,
  c: { enterprises: number; aboveScale: number; leaders: number; projects: number; signed: number; outputYtd: number | null; committed: { enterprises: number; aboveScale: number; outputYtd: number | null }; context: { platforms: number; experts: number; openWarnings: number; platformGaps: number } },
): ChainMapNode {
  return {
    id: n.id,
    code: n.code,
    domain: n.domain,
    nameZh: n.nameZh,
    nameEn: n.nameEn,
    stage: n.stage as ChainMapNode['stage'],
    sortOrder: n.sortOrder,
    strength: score.strength,
    importance: score.importance,
    importanceSet: n.importance !== null,
    importanceVersion: n.importanceVersion,
    gap: score.gap,
    enterprises: c.enterprises,
    aboveScale: c.aboveScale,
    leaders: c.leaders,
    projects: c.projects,
    signedProjects: c.signed,
    committed: { ...c.committed, outputYtd: c.committed.outputYtd === null ? null : round(c.committed.outputYtd, 4) },
    red: score.gap >= RED_GAP,
    ...c.context,
    outputYtd: c.outputYtd === null ? null : round(c.outputYtd, 4),
    share: score.share,
    growth: score.growth,
    components: score.components.map((k) => ({ ...k, score: k.score === null ? null : round(k.score, 4), input: k.input === null ? null : round(k.input, 6) })),
  };
}

/** A local enterprise on a node: its output only for callers who may see figures. */
export function presentMember(m: MemberRow, figures: boolean) {
  return { id: m.id, name: m.name, zone: m.zone, aboveScale: m.aboveScale, tags: m.tags, outputYtd: figures ? round(m.outputYtd, 4) : null };
}
