import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParsedPolicy } from '../../../../contracts/plan-parse.ts';
import { parsePolicy } from './parse-policy.ts';
import { FIXTURE_FILES, readFixture, readSharedPolicy } from './test-support.ts';
import { unwrapHardWrappedLines } from './unwrap.ts';

const jinshan = readSharedPolicy('jinshan-biomanufacturing-2023.txt');

/** Breaks every paragraph into lines of `width` characters, as a PDF copy does; `tight` drops blank lines. */
function hardWrap(text: string, width: number, tight: boolean): string {
  return text
    .split('\n')
    .filter((l) => !tight || l.trim())
    .map((l) => (l.trim() ? l.trim().match(new RegExp(`.{1,${width}}`, 'g'))!.join('\n') : ''))
    .join('\n');
}

/** The plan without ranges: wrapping moves offsets, nothing else may change. */
function withoutRanges(plan: ParsedPolicy): unknown {
  return JSON.parse(JSON.stringify(plan, (k, v) => (k === 'source' || k === 'start' || k === 'end' ? undefined : v)));
}

describe('unwrapHardWrappedLines', () => {
  it('leaves texts with one paragraph per line unchanged', () => {
    for (const text of [jinshan, ...FIXTURE_FILES.map(readFixture)]) expect(unwrapHardWrappedLines(text)).toBe(text);
  });

  it.each([
    [30, false],
    [38, true],
    [40, false],
    [50, true],
  ])('restores the Jinshan policy wrapped at %i characters (tight: %s)', (width, tight) => {
    const restored = unwrapHardWrappedLines(hardWrap(jinshan, width, tight));
    expect(withoutRanges(parsePolicy(restored))).toEqual(withoutRanges(parsePolicy(jinshan)));
  });

  it('starts a new paragraph at an indented line, a heading or a unit line', () => {
    const line = '推进生物制造产业高质量发展,加快培育壮大市场主体。'; // 25 characters
    const text = [line, line, line, `　　${line}`, line.slice(0, 24), '(一)加强组织领导。', line, '责任单位:区经委', line, line].join('\n');
    expect(unwrapHardWrappedLines(text).split('\n')).toEqual([
      line + line + line,
      `　　${line}${line.slice(0, 24)}`,
      '(一)加强组织领导。',
      line,
      '责任单位:区经委',
      line + line,
    ]);
  });

  it('only ever removes line breaks and the spaces around them', () => {
    const unit = fc.constantFrom(...'生物制造产业。,(一)责任单位:区经委1.——2023年9月12日 \n\u3000');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 600 }), (text) => {
        const out = unwrapHardWrappedLines(text);
        expect(out.replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
      }),
      { numRuns: 300 },
    );
  });
});
