import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeSpreadsheetText } from '../../lib/spreadsheet.ts';
import { displayValue, parseCell, plainCellValue, unescapeSpreadsheetText } from './cells.ts';
import type { ColumnSpec } from './columns.ts';
import { toCsv, UTF8_BOM } from './csv.ts';
import { matchHeaders, normalizeHeader } from './headers.ts';

const spec = (kind: ColumnSpec['kind'], extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ key: 'k', header: '列', kind, note: '', ...extra });

describe('headers', () => {
  it('match regardless of order, spacing, full-width characters and the required marker', () => {
    const specs: ColumnSpec[] = [
      { key: 'uscc', header: '统一社会信用代码', required: true, kind: 'text', note: '' },
      { key: 'invest', header: '总投资（万元）', kind: 'number', note: '' },
      { key: 'name', header: '企业名称', required: true, kind: 'text', note: '' },
    ];
    const m = matchHeaders(
      [
        { column: 1, text: ' 企业 名称 ' },
        { column: 2, text: '总投资(万元)' },
        { column: 3, text: '统一社会信用代码＊' },
        { column: 4, text: '某个无关列' },
        { column: 5, text: '错误说明' },
      ],
      specs,
    );
    expect(Object.fromEntries(m.columns)).toEqual({ name: 1, invest: 2, uscc: 3 });
    expect(m.unknown.map((u) => u.header)).toEqual(['某个无关列']);
    expect(m.missingRequired).toEqual([]);
    expect(normalizeHeader('ＡＢＣ\u3000def')).toBe('abcdef');
  });

  it('report missing required and duplicated columns', () => {
    const specs: ColumnSpec[] = [{ key: 'uscc', header: '统一社会信用代码', required: true, kind: 'text', note: '' }, { key: 'name', header: '企业名称', kind: 'text', note: '' }];
    const m = matchHeaders([{ column: 1, text: '企业名称' }, { column: 2, text: '企业名称' }], specs);
    expect(m.missingRequired.map((s) => s.key)).toEqual(['uscc']);
    expect(m.duplicates).toEqual([{ column: 2, header: '企业名称' }]);
  });
});

describe('cells', () => {
  it('read rich text, hyperlinks and cached formula results, never formulas', () => {
    expect(plainCellValue({ richText: [{ text: '上海' }, { text: '澜禾' }] })).toBe('上海澜禾');
    expect(plainCellValue({ formula: 'A1*2', result: 42 })).toBe(42);
    expect(plainCellValue({ text: 'x', hyperlink: 'http://example' })).toBe('x');
    expect(plainCellValue({ error: '#N/A' })).toBeNull();
  });

  it('parse dates in the common spellings and Excel serials, and refuse the rest with a message', () => {
    for (const v of ['2024-03-15', '2024/3/15', '2024.03.15', '2024年3月15日', new Date(Date.UTC(2024, 2, 15)), 45366]) {
      expect(parseCell(spec('date'), v as never)).toEqual({ ok: true, value: '2024-03-15' });
    }
    const bad = parseCell(spec('date'), '15/03/2024');
    expect(bad.ok).toBe(false);
  });

  it('parse enums by label or code, booleans and lists', () => {
    const options = [{ value: 'incubating', label: '孵化' }, { value: 'accelerating', label: '加速' }];
    expect(parseCell(spec('enum', { options }), ' 加速 ')).toEqual({ ok: true, value: 'accelerating' });
    expect(parseCell(spec('enum', { options }), 'incubating')).toEqual({ ok: true, value: 'incubating' });
    expect(parseCell(spec('enum', { options }), '成熟').ok).toBe(false);
    expect(parseCell(spec('boolean'), '是')).toEqual({ ok: true, value: true });
    expect(parseCell(spec('list', { options }), '孵化、加速')).toEqual({ ok: true, value: ['incubating', 'accelerating'] });
    expect(parseCell(spec('number'), '1,234.5')).toEqual({ ok: true, value: 1234.5 });
    expect(parseCell(spec('number'), '十万').ok).toBe(false);
    expect(displayValue(spec('list', { options }), ['incubating', 'accelerating'])).toBe('孵化、加速');
  });

  it('undo the export’s formula escaping on import (export → import round-trips any text)', () => {
    fc.assert(fc.property(fc.string(), (s) => unescapeSpreadsheetText(escapeSpreadsheetText(s)) === s || s.startsWith("'")));
    expect(parseCell(spec('text'), escapeSpreadsheetText('=1+1'))).toEqual({ ok: true, value: '=1+1' });
  });
});

describe('CSV', () => {
  it('is UTF-8 with a BOM, CRLF, quoted where needed, and escapes formula starts', () => {
    const csv = toCsv(['名称', '金额'], [['=HYPERLINK("x")', 12.5], ['a,b', null], ['-1', 3]]);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv).toBe(`${UTF8_BOM}名称,金额\r\n"'=HYPERLINK(""x"")",12.5\r\n"a,b",\r\n'-1,3\r\n`);
  });

  it('never lets a field start with a formula character (property)', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const out = toCsv(['h'], [[value]]).slice(UTF8_BOM.length);
        let field = out.slice(out.indexOf('\r\n') + 2, -2);
        if (field.startsWith('"')) field = field.slice(1, -1).replace(/""/g, '"');
        return !/^[=+\-@\t\r]/.test(field);
      }),
    );
  });
});
