import { describe, expect, it } from 'vitest';
import { scoreNode } from '../chain-map/gap-score.ts';
import { gapWithoutSignings } from './gap-closure.ts';

describe('gap before a node’s signings', () => {
  it('equals the gap scored independently with fewer signed projects', () => {
    for (const [enterprises, signed, removed] of [
      [0, 1, 1],
      [2, 1, 1],
      [3, 3, 1],
      [1, 2, 2],
      [6, 0, 0],
    ] as const) {
      const figures = { outputYtd: 500, domainOutputYtd: 10_000, nodesInDomain: 14, comparableYtd: 480, comparableBase: 400 };
      const now = scoreNode({ enterprises, aboveScale: 1, signedProjects: signed, localSupply: null, figures }, 0.9);
      const before = scoreNode({ enterprises, aboveScale: 1, signedProjects: signed - removed, localSupply: null, figures }, 0.9);
      expect(gapWithoutSignings({ importance: 0.9, enterprises, components: now.components }, removed)).toBeCloseTo(before.gap, 4);
    }
  });

  it('a node with nothing but the signing had its full importance as gap', () => {
    const now = scoreNode({ enterprises: 0, aboveScale: 0, signedProjects: 1, localSupply: null, figures: null }, 0.8);
    expect(now.gap).toBeLessThan(0.8);
    expect(gapWithoutSignings({ importance: 0.8, enterprises: 0, components: now.components }, 1)).toBe(0.8);
  });
});

describe('the report paragraph on signings', () => {
  it('names the signings that closed a gap with before and after', async () => {
    const { closedGapParagraph } = await import('./gap-closure.ts');
    const text = closedGapParagraph([
      { project: '甲项目', investor: '甲', node: '培养基', domain: '生物医药', signedOn: '2026-11-03', fromTarget: true, gapBefore: 0.55, gapAfter: 0.47 },
      { project: '乙项目', investor: '乙', node: '抗体', domain: '生物医药', signedOn: '2026-11-20', fromTarget: false, gapBefore: 0.12, gapAfter: 0.12 },
    ]);
    expect(text).toBe('本月签约产业链项目2个，其中1个缩小了所在节点的缺链缺口：甲项目（生物医药·培养基，缺口由0.55降至0.47，由招商目标转化）。');
    expect(closedGapParagraph([])).toBe('本月无签约项目落在产业链节点上。');
  });
});
