import { describe, expect, it } from 'vitest';
import { parsePolicy } from './parse-policy.ts';
import { unwrapHardWrappedLines } from './unwrap.ts';

// An upload is unwrapped and parsed on the server; a quadratic step there lets one request stall every other
// (8 000 wrapped lines once took 210 s). Time per KB must stay flat from 10 KB to 2 MB for every shape of
// hostile text below. Only ratios measured within this run are compared, never absolute times, so a loaded
// machine slows both ends alike; a quadratic step makes the 2 MB end some hundred times slower per KB.

const LINE = '合成生物产业创新发展推动生物制造产业集群建设和企业培育及平台打造工作持续推进中关键核心技术攻关';
const SHAPES: Record<string, string> = {
  'hard-wrapped 40-character lines without full stops': `${LINE.slice(0, 40)}\n`,
  'wrapped lines full of figures and year phrases': '到2025年力争产业规模突破500亿元新增企业2至4家建成平台6—8个突破\n',
  'no punctuation at all, one line': '到2025年产业规模达到500亿元培育企业10家以上建成平台6至8个责任单位区经委区科委',
  'one huge line of clauses': '产业规模达到500亿元,(责任单位:区经委、区科委)',
  'many numbering markers': '一、(一)1.(1)①——2、(二)3.主要任务。\n',
  'unclosed brackets over wrapped lines': `(${LINE.slice(0, 39)}\n`,
};
const SIZES_KB = [10, 100, 500, 2000];

function textOf(unit: string, kb: number): string {
  const repeat = Math.ceil((kb * 1024) / Buffer.byteLength(unit));
  return `一、发展目标\n${unit.repeat(repeat)}`;
}

/** Best of `runs` timings in milliseconds per KB: the minimum is the least disturbed by other work. */
function msPerKb(text: string, kb: number, runs: number): number {
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    parsePolicy(unwrapHardWrappedLines(text));
    best = Math.min(best, performance.now() - t0);
  }
  return best / kb;
}

describe('unwrapping and parsing take linear time on hostile text', () => {
  for (const [shape, unit] of Object.entries(SHAPES)) {
    it(shape, { timeout: 120_000 }, () => {
      msPerKb(textOf(unit, 100), 100, 1); // warm up the compiled code paths first
      const perKb = SIZES_KB.map((kb) => msPerKb(textOf(unit, kb), kb, kb >= 2000 ? 2 : 3));
      // The median of the smaller sizes as the reference: one lucky (cache-warm) or unlucky (collected) run
      // does not decide. Linear code stays within 1–3 of it on a busy machine; a quadratic step makes the
      // 2 MB run at least 20 times slower per KB than the 100 KB one.
      const reference = [...perKb.slice(0, -1)].sort((a, b) => a - b)[1]!;
      const ratio = perKb[perKb.length - 1]! / reference;
      expect(ratio, `ms per KB at ${SIZES_KB.join('/')} KB: ${perKb.map((x) => x.toFixed(3)).join(' / ')}`).toBeLessThan(10);
    });
  }
});
