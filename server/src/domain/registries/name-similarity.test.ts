import { describe, expect, it } from 'vitest';
import { findSimilarNames, nameSimilarity, normalizeCompanyName } from './name-similarity.ts';

describe('near-duplicate company names', () => {
  it('reduces names to their distinctive core', () => {
    expect(normalizeCompanyName('上海澜禾生物医药有限公司')).toBe('澜禾生物医药');
    expect(normalizeCompanyName('澜禾生物医药（上海）有限公司')).toBe('澜禾生物医药');
    expect(normalizeCompanyName('上海市金山区 澜禾 生物医药股份有限公司')).toBe('澜禾生物医药');
  });

  it('scores the same firm written twice as 1, a one-character slip high, unrelated firms low', () => {
    expect(nameSimilarity('上海澜禾生物医药有限公司', '澜禾生物医药(上海)有限公司')).toBe(1);
    expect(nameSimilarity('上海澜禾生物医药有限公司', '上海澜和生物医药有限公司')).toBeGreaterThanOrEqual(0.6);
    expect(nameSimilarity('上海澜禾生物医药有限公司', '上海碧云天生物材料有限公司')).toBeLessThan(0.5);
  });

  it('finds candidates above the threshold, most similar first', () => {
    const hits = findSimilarNames('澜禾生物医药有限公司', [
      { id: '1', name: '上海澜禾生物医药有限公司' },
      { id: '2', name: '上海碧云天生物材料有限公司' },
      { id: '3', name: '澜禾生物医药科技有限公司' },
    ]);
    expect(hits.map((h) => h.id)).toEqual(['1', '3']);
  });
});
