/**
 * Near-duplicate company names (企业名称近似): "上海澜禾生物医药有限公司" and "澜禾生物医药（上海）有限公司" are
 * the same firm written twice. Names are reduced to their distinctive core (legal form, place names and
 * brackets removed, full-width folded) and compared by the Dice coefficient of character bigrams.
 */

const LEGAL_FORMS = ['股份有限公司', '有限责任公司', '有限公司', '集团', '股份', '分公司', '公司'];
const PLACES = ['中国', '上海市', '上海', '金山区', '金山'];

export function normalizeCompanyName(name: string): string {
  let s = name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  s = s.replace(/\([^)]*\)/g, '');
  for (const form of LEGAL_FORMS) s = s.split(form).join('');
  for (const place of PLACES) if (s.startsWith(place)) s = s.slice(place.length);
  return s.replace(/[·.,，、\-]/g, '');
}

function bigrams(s: string): Map<string, number> {
  const grams = new Map<string, number>();
  const chars = [...s];
  if (chars.length === 1) grams.set(chars[0]!, 1);
  for (let i = 0; i < chars.length - 1; i++) {
    const g = chars[i]! + chars[i + 1]!;
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  return grams;
}

/** 0 … 1; 1 for names with the same core. */
export function nameSimilarity(a: string, b: string): number {
  const x = normalizeCompanyName(a);
  const y = normalizeCompanyName(b);
  if (!x || !y) return 0;
  if (x === y) return 1;
  const gx = bigrams(x);
  const gy = bigrams(y);
  let common = 0;
  let total = 0;
  for (const [g, n] of gx) {
    common += Math.min(n, gy.get(g) ?? 0);
    total += n;
  }
  for (const n of gy.values()) total += n;
  return total === 0 ? 0 : (2 * common) / total;
}

export const SIMILARITY_THRESHOLD = 0.8;

/** Candidates at or above the threshold, most similar first. */
export function findSimilarNames<T extends { name: string }>(name: string, candidates: Iterable<T>, threshold = SIMILARITY_THRESHOLD, limit = 10) {
  const hits: (T & { score: number })[] = [];
  for (const c of candidates) {
    const score = nameSimilarity(name, c.name);
    if (score >= threshold) hits.push({ ...c, score: Math.round(score * 1000) / 1000 });
  }
  return hits.sort((a, b) => b.score - a.score).slice(0, limit);
}
