import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { normalizeText, type Segmenter } from '../../domain/matchmaking/text-similarity.ts';

/**
 * Chinese word segmentation with jieba (docs/decisions/0027: measured against character bigrams on a labelled
 * set). The dictionary takes ~100–150 ms to load, so it is loaded once, on the first posting that needs it,
 * never at server start.
 */
let jieba: Jieba | null = null;

function instance(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

/** jieba's search mode: words and their in-dictionary parts (一次性 → 一次, 一次性), so partial wordings still meet. */
export const jiebaSegmenter: Segmenter = (text) => instance().cutForSearch(normalizeText(text), true);

/** jieba's precise mode (one segmentation per sentence), kept for the measurement. */
export const jiebaPreciseSegmenter: Segmenter = (text) => instance().cut(normalizeText(text), true);
