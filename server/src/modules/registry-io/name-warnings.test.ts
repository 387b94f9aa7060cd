import { describe, expect, it } from 'vitest';
import { nameSimilarity, SIMILARITY_THRESHOLD } from '../../domain/registries/name-similarity.ts';
import { createNameMatcher } from './name-warnings.ts';

// The prefix-filtered matcher must find exactly what comparing every pair with nameSimilarity finds.

function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1_664_525 + 1_013_904_223) >>> 0) / 2 ** 32);
}

const CORE = ['澜', '禾', '碧', '泓', '生', '物', '医', '药', '合', '成', '科', '技', '材', '料', '远', '景', '金', '康'];
const FORMS = ['有限公司', '股份有限公司', '（上海）有限公司', '科技有限公司', ''];

function names(count: number, seed: number): { name: string; uscc: string }[] {
  const rnd = random(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const length = 1 + Math.floor(rnd() * 12);
    const core = Array.from({ length }, () => pick(CORE)).join('');
    return { name: `${rnd() < 0.3 ? '上海' : ''}${core}${pick(FORMS)}`, uscc: `U${i}` };
  });
}

describe('near-duplicate name matcher', () => {
  it('finds exactly the pairs at or above the threshold that an all-pairs comparison finds', () => {
    const stored = names(400, 7);
    // Unrelated names, stored names themselves (own code or another), and one-character edits of stored names.
    const rnd = random(3);
    const edit = (name: string) => {
      const chars = [...name];
      const at = Math.floor(rnd() * chars.length);
      const c = CORE[Math.floor(rnd() * CORE.length)]!;
      if (rnd() < 0.5) chars[at] = c;
      else chars.splice(at, 0, c);
      return chars.join('');
    };
    const incoming = [
      ...names(300, 11),
      ...stored.slice(0, 50).map((s, i) => ({ name: s.name, uscc: i % 2 ? s.uscc : `N${i}` })),
      ...stored.slice(50, 350).map((s, i) => ({ name: edit(s.name), uscc: `E${i}` })),
    ];
    const match = createNameMatcher(stored);
    let hits = 0;
    for (const row of incoming) {
      const expected = stored
        .filter((s) => s.uscc !== row.uscc && nameSimilarity(row.name, s.name) >= SIMILARITY_THRESHOLD)
        .map((s) => s.uscc)
        .sort();
      const found = match(row.name, row.uscc, Number.MAX_SAFE_INTEGER).map((h) => h.record.uscc).sort();
      expect(found, row.name).toEqual(expected);
      hits += found.length;
    }
    // The data must exercise the matcher: many similar pairs, and many rows without any.
    expect(hits).toBeGreaterThan(100);
  });

  it('orders the matches most similar first and never matches a record with itself', () => {
    const match = createNameMatcher([
      { name: '上海澜禾生物医药有限公司', uscc: 'A' },
      { name: '上海澜和生物医药有限公司', uscc: 'B' },
      { name: '上海碧云天生物材料有限公司', uscc: 'C' },
    ]);
    expect(match('澜禾生物医药（上海）有限公司', 'X').map((h) => [h.record.uscc, h.score])).toEqual([['A', 1]]);
    expect(match('上海澜禾生物医药有限公司', 'A')).toEqual([]);
  });
});
