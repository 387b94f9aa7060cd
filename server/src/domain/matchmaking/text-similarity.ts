/**
 * Text similarity of supply–demand postings (issue 14 §2, docs/decisions/0027-supply-demand-matchmaking.md).
 * Pure: the segmenter is passed in (the jieba segmenter lives in the feature, the character-bigram one here),
 * so the same TF-IDF cosine runs over either and the two can be measured on the same labelled set.
 *
 *   weight(t, d) = (1 + ln tf) · ln(1 + N / df)     cosine(a, b) = Σ wₐ·w_b / (|a|·|b|)
 *
 * N and df come from the corpus the candidates are drawn from (the open postings), so a term every posting
 * uses (供应, 需求) weighs little and a specific one (无血清, CHO) much.
 */

export type Segmenter = (text: string) => string[];

/**
 * Words that say nothing about what is traded: the posting's own genre (需求, 供应, 提供, 采购, 长期 …),
 * function words, and units. Kept short on purpose — TF-IDF already discounts what every posting says.
 */
export const STOP_TERMS: ReadonlySet<string> = new Set([
  '需要', '需求', '求购', '采购', '提供', '供应', '供货', '服务', '产品', '我们', '我司', '本公司', '公司', '企业', '长期', '稳定',
  '合作', '寻找', '寻求', '欢迎', '联系', '要求', '具备', '能力', '相关', '用于', '以及', '及', '和', '与', '或', '的', '等', '可',
  '每月', '每年', '每周', '月', '年', '批', '吨', '升', '公斤', '千克', '台', '套', '个', '左右', '以上', '以下', '其他', '一',
]);

/** NFKC, lower case; runs of Latin letters and digits are kept as words by either segmenter. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

const HAN = /\p{Script=Han}/u;
const WORD = /^[\p{Script=Han}a-z0-9][\p{Script=Han}a-z0-9.+-]*$/u;

/** Keeps a segment when it is a word (Han, Latin or digits) of use for matching: not a stop term, not a lone digit run. */
export function keepTerm(term: string): boolean {
  if (!WORD.test(term) || STOP_TERMS.has(term)) return false;
  if (/^[0-9.]+$/.test(term)) return false;
  // a single Han character carries little meaning alone (袋, 液, 中); Latin words of two letters or more do (l, ph are noise)
  if (HAN.test(term)) return [...term].length >= 2;
  return term.length >= 2;
}

/** Character bigrams of each Han run, plus Latin/digit words whole: the segmentation-free baseline. */
export const bigramSegmenter: Segmenter = (text) => {
  const out: string[] = [];
  for (const run of normalizeText(text).match(/\p{Script=Han}+|[a-z0-9][a-z0-9.+-]*/gu) ?? []) {
    if (!HAN.test(run)) {
      out.push(run);
      continue;
    }
    const chars = [...run];
    if (chars.length === 1) out.push(run);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  }
  return out.filter(keepTerm);
};

export interface TermVector {
  weights: Map<string, number>;
  norm: number;
}

/** Document frequencies over a corpus of already segmented texts. */
export function documentFrequencies(docs: readonly string[][]): Map<string, number> {
  const df = new Map<string, number>();
  for (const doc of docs) for (const term of new Set(doc)) df.set(term, (df.get(term) ?? 0) + 1);
  return df;
}

/** The TF-IDF vector of one segmented text against a corpus of `n` documents with frequencies `df`. */
export function tfidfVector(terms: readonly string[], df: ReadonlyMap<string, number>, n: number): TermVector {
  const tf = new Map<string, number>();
  for (const term of terms) tf.set(term, (tf.get(term) ?? 0) + 1);
  const weights = new Map<string, number>();
  let sum = 0;
  for (const [term, count] of tf) {
    const w = (1 + Math.log(count)) * Math.log(1 + n / Math.max(1, df.get(term) ?? 0));
    weights.set(term, w);
    sum += w * w;
  }
  return { weights, norm: Math.sqrt(sum) };
}

/** Cosine of two vectors in [0, 1], and the shared terms by their contribution (largest first). */
export function cosine(a: TermVector, b: TermVector): { score: number; shared: string[] } {
  if (a.norm === 0 || b.norm === 0) return { score: 0, shared: [] };
  const [small, large] = a.weights.size <= b.weights.size ? [a, b] : [b, a];
  const parts: [string, number][] = [];
  for (const [term, w] of small.weights) {
    const other = large.weights.get(term);
    if (other !== undefined) parts.push([term, w * other]);
  }
  const dot = parts.reduce((s, [, v]) => s + v, 0);
  parts.sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]));
  return { score: Math.min(1, dot / (a.norm * b.norm)), shared: parts.map(([t]) => t) };
}

/**
 * A similarity index over a corpus of texts: segments each once, and answers the cosine of any two by index.
 * Built per request from the open postings (tens to a few hundred texts).
 */
export function buildTextIndex(texts: readonly string[], segment: Segmenter): { vectors: TermVector[]; similarity: (i: number, j: number) => { score: number; shared: string[] } } {
  const docs = texts.map((t) => segment(t).filter(keepTerm));
  const df = documentFrequencies(docs);
  const vectors = docs.map((d) => tfidfVector(d, df, docs.length));
  return { vectors, similarity: (i, j) => cosine(vectors[i]!, vectors[j]!) };
}
