/**
 * The monthly report's paragraph on signings that closed chain gaps (issue 13 §3). The gap before is the chain
 * map recomputed without the month's signings (modules/attraction/attraction-report.ts), not estimated here.
 */

import { RED_GAP } from '../../../../contracts/chain-map.ts';

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
        .map((s) => `${s.project}（${s.domain}·${s.node}，缺口由${s.gapBefore.toFixed(2)}降至${s.gapAfter.toFixed(2)}${s.gapBefore >= RED_GAP && s.gapAfter < RED_GAP ? '，移出缺链红区' : ''}${s.fromTarget ? '，由招商目标转化' : ''}）`)
        .join('；')}`,
    );
  }
  return `${parts.join('')}。`;
}
