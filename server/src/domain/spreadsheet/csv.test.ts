import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCell } from './cells.ts';
import type { ColumnSpec } from './columns.ts';
import { parseCsv } from './csv.test-support.ts';
import { toCsv, UTF8_BOM } from './csv.ts';

/**
 * What a spreadsheet (or any RFC 4180 reader) gets back from our CSV: numbers as numbers, negative ones
 * included, and text that would be a formula made inert and restored by the import's cell reader.
 */

const textSpec: ColumnSpec = { key: 'name', header: '名称', kind: 'text', note: '' };
/** Exact decimals with up to four places, as the database gives them (numeric::text), negative ones too. */
const decimalText = fc.tuple(fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }), fc.integer({ min: 0, max: 4 })).map(([n, places]) => {
  const sign = n < 0n ? '-' : '';
  const digits = (n < 0n ? -n : n).toString().padStart(places + 1, '0');
  return places === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -places)}.${digits.slice(-places)}`;
});

describe('CSV numbers and formula text', () => {
  it('writes every numeric column as a number: export → parse → the same value (property)', () => {
    fc.assert(
      fc.property(decimalText, fc.double({ noNaN: true, noDefaultInfinity: true }), (exact, float) => {
        const [, line] = parseCsv(toCsv(['uscc', 'profit', 'float'], [['91310116MA1X', exact, float]], { numericColumns: new Set([1]) }));
        expect(line![1]).toBe(exact);
        expect(Number(line![1])).toBe(Number(exact));
        // == rather than Object.is: a spreadsheet has no negative zero.
        expect(Number(line![2]) === float).toBe(true);
      }),
    );
  });

  it('writes a negative profit as -0.6004, not as the text \u2019-0.6004', () => {
    expect(toCsv(['profit'], [['-0.6004'], [-0.6004]], { numericColumns: new Set([0]) })).toBe(`${UTF8_BOM}profit\r\n-0.6004\r\n-0.6004\r\n`);
  });

  it('makes text starting with = + - @ tab or CR inert, and the import reads back the same text (property)', () => {
    const formulaText = fc
      .tuple(fc.constantFrom('=', '+', '-', '@', '\t', '\r'), fc.string())
      .map(([start, rest]) => start + rest)
      // The import trims a cell's trailing blanks (a registry convention); the start is what matters here.
      .filter((s) => s === s.trimEnd());
    fc.assert(
      fc.property(formulaText, fc.boolean(), (value, inNumericColumn) => {
        // A plain decimal ("-0", "-12.5") in a column declared numeric is a number by that declaration (the
        // database's numeric text); the numbers property above covers it. Text is everything else.
        fc.pre(!(inNumericColumn && /^-?\d+(\.\d+)?$/.test(value)));
        const [, line] = parseCsv(toCsv(['h'], [[value]], { numericColumns: new Set(inNumericColumn ? [0] : []) }));
        const field = line![0]!;
        expect(field).not.toMatch(/^[=+\-@\t\r]/);
        expect(parseCell(textSpec, field)).toEqual({ ok: true, value });
      }),
    );
  });
});
