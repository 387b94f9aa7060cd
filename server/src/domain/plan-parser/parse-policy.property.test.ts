import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsedPolicySchema } from '../../../../contracts/plan-parse.ts';
import { parsePolicy } from './parse-policy.ts';
import { allRanges, FIXTURE_FILES, readFixture, readSharedPolicy } from './test-support.ts';

// Whatever the input, parsePolicy returns a contract-valid result whose ranges lie inside the text, and no
// stage fails internally (a stage failure would surface as an "内部错误" warning).

function checkInvariants(text: string): void {
  let result;
  try {
    result = parsePolicy(text);
  } catch (err) {
    throw new Error(`parsePolicy threw on input of length ${text.length}: ${String(err)}`);
  }
  const parsed = parsedPolicySchema.safeParse(result);
  if (!parsed.success) throw new Error(`schema: ${parsed.error.issues[0]?.message}`);
  for (const r of allRanges(result)) {
    if (!(r.start >= 0 && r.start <= r.end && r.end <= text.length)) {
      throw new Error(`${r.what}: range ${r.start}..${r.end} outside 0..${text.length}`);
    }
  }
  const internal = result.warnings.find((w) => w.message.includes('内部错误'));
  if (internal) throw new Error(internal.message);
}

const bases = [readSharedPolicy('jinshan-biomanufacturing-2023.txt'), ...FIXTURE_FILES.map(readFixture)];

// Characters that drive the parser: numbering, brackets, quotes, digits, units, comparators, separators.
const POLICY_CHARS = [
  ...'一二三四五六七八九十百千万亿两〇零0123456789.,、;:。!?()（）[]【】〔〕“”"《》—-~%％ \n\r\t',
  ...'年月日号到至达突破超过以上左右力争家个项件亿元万责任单位牵头配合领导按职责分工负责区经委科委金融办',
  ...'生物制造领域依托打造发展目标主要任务保障措施产业布局重点通过努力今后内的级等及和',
  '\u3000', '\ufeff', '😀', '\ud800', '\udc00', '億', '達', '產', '（', '）', '：', '，', '［', '］',
];
const policyish = fc.string({ unit: fc.constantFrom(...POLICY_CHARS), maxLength: 400 });

const INSERTS = ['(', ')', '（', '〔2023〕', '[2024]', '一、', '(一)', '1.', '2、', '——', '到2025年', '500亿元', '2至4家',
  '(责任单位:', '区财政局(金融办', ')', '通过五年努力', '“', '”', '《', '》', '\n', '\n\n', '2023年9月12日', '上海市金山区经济委员会'];

type Mutation =
  | { op: 'delete-line' | 'duplicate-line'; i: number }
  | { op: 'swap-lines'; i: number; j: number }
  | { op: 'insert'; at: number; s: string }
  | { op: 'cut'; at: number; len: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constantFrom('delete-line' as const, 'duplicate-line' as const), i: fc.nat() }),
  fc.record({ op: fc.constant('swap-lines' as const), i: fc.nat(), j: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), s: fc.constantFrom(...INSERTS) }),
  fc.record({ op: fc.constant('cut' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 200 }) }),
);

function mutate(text: string, ops: readonly Mutation[]): string {
  let t = text;
  for (const m of ops) {
    const lines = t.split('\n');
    if (m.op === 'delete-line') lines.splice(m.i % lines.length, 1);
    else if (m.op === 'duplicate-line') lines.splice(m.i % lines.length, 0, lines[m.i % lines.length]!);
    else if (m.op === 'swap-lines') {
      const a = m.i % lines.length;
      const b = m.j % lines.length;
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
    }
    if (m.op === 'insert' || m.op === 'cut') {
      const at = m.at % (t.length + 1);
      t = m.op === 'insert' ? t.slice(0, at) + m.s + t.slice(at) : t.slice(0, at) + t.slice(at + m.len);
    } else t = lines.join('\n');
  }
  return t;
}

describe('parsePolicy never fails', () => {
  it('on arbitrary Unicode strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), checkInvariants), { numRuns: 300 });
  });

  it('on strings made of the characters the parser reacts to', () => {
    fc.assert(fc.property(policyish, checkInvariants), { numRuns: 500 });
  });

  it('on mutated policies (deleted, duplicated, swapped lines; inserted brackets, numbers, headings)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...bases), fc.array(mutation, { minLength: 1, maxLength: 12 }), (base, ops) => {
        checkInvariants(mutate(base, ops));
      }),
      { numRuns: 300 },
    );
  });

  it('on the unmutated texts and on every prefix cut of the Jinshan policy at line ends', () => {
    for (const base of bases) checkInvariants(base);
    const jinshan = bases[0]!;
    for (let i = jinshan.indexOf('\n'); i >= 0; i = jinshan.indexOf('\n', i + 1)) checkInvariants(jinshan.slice(0, i));
  });
});

describe('parsePolicy stays linear on hostile input', () => {
  // Each of these once took tens of seconds (a search per block that ran to the end of the document,
  // or bracket matching per unclosed bracket). The budget is loose; quadratic behaviour blows far past it.
  const cases: Record<string, string> = {
    'unclosed brackets': `一、主要任务\n(一)任务。${'('.repeat(100_000)}`,
    'a long run of numerals': `一、发展目标\n到2025年${'一'.repeat(100_000)}家`,
    'many year phrases and figures': `一、发展目标\n${'到2025年'.repeat(30_000)}${'1家'.repeat(20_000)}`,
    'many short sentences': `一、主要任务\n(一)任务\n${'甲乙丙。'.repeat(50_000)}`,
    'many unit clauses, no figures': `一、主要任务\n(一)任务\n${'内容。(责任单位:区经委)\n'.repeat(20_000)}`,
    'many unit clauses in one paragraph': `一、主要任务\n(一)任务\n${'内容。(责任单位:区经委)'.repeat(20_000)}`,
  };
  for (const [name, text] of Object.entries(cases)) {
    it(name, () => {
      const t0 = performance.now();
      checkInvariants(text);
      expect(performance.now() - t0).toBeLessThan(8_000);
    });
  }
});
