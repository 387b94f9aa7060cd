import { nameSimilarity, normalizeCompanyName, SIMILARITY_THRESHOLD } from '../../domain/registries/name-similarity.ts';

/**
 * Near-duplicate names (企业名称近似) for a whole import at once: the same test as the API's check
 * (nameSimilarity ≥ threshold, domain/registries/name-similarity.ts), but without comparing every row with
 * every stored name (5 000 × 5 000 comparisons). Candidates come from a prefix filter on the bigram multisets:
 *
 *   Dice(X, Y) ≥ t  ⇒  |X ∩ Y| ≥ t·|X| / (2 − t)  (and the same for Y), and two multisets sharing ≥ α
 *   elements share an element among the first |X| − α + 1 of X and the first |Y| − α + 1 of Y, in any fixed
 *   global order. Rare bigrams first keeps the prefixes selective ("生物" is in almost every name).
 *
 * Every candidate is then scored with nameSimilarity itself, so the answer is exactly the API's.
 */

export interface NamedRecord {
  name: string;
  uscc: string;
}

export interface SimilarName<T extends NamedRecord> {
  record: T;
  score: number;
}

/** Bigram occurrences as distinct tokens ("生物#1", "生物#2"): multiset intersection = set intersection. */
function tokensOf(core: string): string[] {
  const chars = [...core];
  if (chars.length === 1) return [`${chars[0]}#1`];
  const seen = new Map<string, number>();
  const out: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) {
    const g = chars[i]! + chars[i + 1]!;
    const k = (seen.get(g) ?? 0) + 1;
    seen.set(g, k);
    out.push(`${g}#${k}`);
  }
  return out;
}

const prefixLength = (size: number, t: number) => size - Math.max(1, Math.ceil((t * size) / (2 - t) - 1e-9)) + 1;

/**
 * For each name, the stored records (other than the one with the same credit code) whose name is similar,
 * most similar first, at most `limit`.
 */
export function createNameMatcher<T extends NamedRecord>(stored: readonly T[], threshold = SIMILARITY_THRESHOLD) {
  const entries = stored.map((record) => ({ record, tokens: tokensOf(normalizeCompanyName(record.name)) })).filter((e) => e.tokens.length > 0 && normalizeCompanyName(e.record.name) !== '');
  const frequency = new Map<string, number>();
  for (const e of entries) for (const tk of e.tokens) frequency.set(tk, (frequency.get(tk) ?? 0) + 1);
  const order = (a: string, b: string) => (frequency.get(a) ?? 0) - (frequency.get(b) ?? 0) || (a < b ? -1 : a > b ? 1 : 0);
  const index = new Map<string, number[]>();
  entries.forEach((e, i) => {
    const sorted = [...e.tokens].sort(order);
    for (const tk of sorted.slice(0, prefixLength(sorted.length, threshold))) {
      const list = index.get(tk);
      if (list) list.push(i);
      else index.set(tk, [i]);
    }
  });
  return (name: string, uscc: string, limit = 3): SimilarName<T>[] => {
    const core = normalizeCompanyName(name);
    if (!core) return [];
    const sorted = tokensOf(core).sort(order);
    const candidates = new Set<number>();
    for (const tk of sorted.slice(0, prefixLength(sorted.length, threshold))) for (const i of index.get(tk) ?? []) candidates.add(i);
    const hits: SimilarName<T>[] = [];
    for (const i of candidates) {
      const record = entries[i]!.record;
      if (record.uscc.trim() === uscc.trim()) continue;
      const score = nameSimilarity(name, record.name);
      if (score >= threshold) hits.push({ record, score: Math.round(score * 1000) / 1000 });
    }
    return hits.sort((a, b) => b.score - a.score || a.record.name.localeCompare(b.record.name)).slice(0, limit);
  };
}
