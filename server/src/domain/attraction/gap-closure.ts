/**
 * How much of a node's gap its signed projects closed (issue 13 §3: "the project's signing closes its node's
 * gap"). Pure: from the node's strength components as the chain map shows them (domain/chain-map/gap-score.ts),
 * the strength and gap are recomputed with `removed` fewer signed projects, i.e. as they stood before.
 */
import { SATURATION } from '../chain-map/gap-score.ts';

export interface ShownComponent {
  key: string;
  input: number | null;
  score: number | null;
  weight: number;
}

const round = (v: number, digits = 4) => Math.round(v * 10 ** digits) / 10 ** digits;

export function gapWithoutSignings(node: { importance: number; enterprises: number; components: readonly ShownComponent[] }, removed: number): number {
  const pipeline = node.components.find((c) => c.key === 'pipeline');
  const signedBefore = Math.max(0, (pipeline?.input ?? 0) - removed);
  if (node.enterprises === 0 && signedBefore === 0) return round(node.importance);
  const present = node.components
    .map((c) => (c.key === 'pipeline' ? { ...c, score: Math.min(1, signedBefore / SATURATION.pipeline) } : c))
    .filter((c) => c.score !== null);
  const weights = present.reduce((s, c) => s + c.weight, 0);
  const strength = weights > 0 ? present.reduce((s, c) => s + c.weight * c.score!, 0) / weights : 0;
  return round(node.importance * (1 - round(strength)));
}

/** A project signed in the report's month on a chain node, with the node's gap before and after. */
export interface ClosedGapSigning {
  project: string;
  investor: string;
  node: string;
  domain: string;
  signedOn: string;
  /** Whether it came through the attraction pipeline (a converted target). */
  fromTarget: boolean;
  gapBefore: number;
  gapAfter: number;
}

/** The report's sentences on them (Chinese, as the rest of the document). */
export function closedGapParagraph(signings: readonly ClosedGapSigning[]): string {
  if (signings.length === 0) return '本月无签约项目落在产业链节点上。';
  const closing = signings.filter((s) => s.gapAfter < s.gapBefore);
  const parts = [`本月签约产业链项目${signings.length}个，其中${closing.length}个缩小了所在节点的缺链缺口`];
  if (closing.length) {
    parts.push(
      `：${closing
        .map((s) => `${s.project}（${s.domain}·${s.node}，缺口由${s.gapBefore.toFixed(2)}降至${s.gapAfter.toFixed(2)}${s.fromTarget ? '，由招商目标转化' : ''}）`)
        .join('；')}`,
    );
  }
  return `${parts.join('')}。`;
}
