import { describe, expect, it } from 'vitest';

describe('the report paragraph on signings', () => {
  it('names the signings that closed a gap with before and after', async () => {
    const { closedGapParagraph } = await import('./gap-closure.ts');
    const text = closedGapParagraph([
      { project: '甲项目', investor: '甲', node: '培养基', domain: '生物医药', signedOn: '2026-11-03', fromTarget: true, gapBefore: 0.55, gapAfter: 0.47 },
      { project: '乙项目', investor: '乙', node: '抗体', domain: '生物医药', signedOn: '2026-11-20', fromTarget: false, gapBefore: 0.12, gapAfter: 0.12 },
    ]);
    expect(text).toBe('本月签约产业链项目2个，其中1个缩小了所在节点的缺链缺口：甲项目（生物医药·培养基，缺口由0.55降至0.47，移出缺链红区，由招商目标转化）。');
    expect(closedGapParagraph([])).toBe('本月无签约项目落在产业链节点上。');
  });
});
