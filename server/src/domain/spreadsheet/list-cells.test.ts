import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceData } from '../../seed/reference/index.ts';
import { displayValue, parseCell } from './cells.ts';
import type { ColumnSpec, EnumOption } from './columns.ts';

/** The chain nodes as seeded: the labels the import has to recognise. */
const nodeOptions: EnumOption[] = referenceData.chainTemplates.flatMap((t) => t.nodes.map((n) => ({ value: n.code, label: n.nameZh })));
const nodes: ColumnSpec = { key: 'chainNodes', header: '产业链节点', kind: 'list', options: nodeOptions, note: '' };
const freeText: ColumnSpec = { key: 'fields', header: '研究方向', kind: 'list', note: '' };

describe('list cells with enumerated options', () => {
  it('read the seeded node names that contain a separator as one item, in a 顿号-separated cell', () => {
    // Guard: the reference data still has such names (otherwise this test would prove nothing).
    expect(nodeOptions.filter((o) => /[、,，]/.test(o.label)).map((o) => o.value)).toEqual(expect.arrayContaining(['agf-produce', 'mat-bulk-chem', 'mat-fine-chem', 'en-biomass-collection']));

    expect(parseCell(nodes, '优势农产品(节水抗旱稻、食用菌)')).toEqual({ ok: true, value: ['agf-produce'] });
    expect(parseCell(nodes, '优势农产品(节水抗旱稻、食用菌)、生物饲料')).toEqual({ ok: true, value: ['agf-produce', 'agf-feed'] });
    expect(parseCell(nodes, '生物饲料，大宗基础化学品(烃类、醇类、1,3-丙二醇)；精细化学品(日化、助剂、表面活性剂)')).toEqual({
      ok: true,
      value: ['agf-feed', 'mat-bulk-chem', 'mat-fine-chem'],
    });
    // Full-width parentheses and stray spaces, as people type them.
    expect(parseCell(nodes, ' 生物质原料收集（湿垃圾、秸秆、畜禽粪便） 、 培养基')).toEqual({ ok: true, value: ['en-biomass-collection', 'bm-media'] });
    // One item per line (Alt+Enter), and codes.
    expect(parseCell(nodes, '优势农产品(节水抗旱稻、食用菌)\nmat-bulk-chem')).toEqual({ ok: true, value: ['agf-produce', 'mat-bulk-chem'] });
  });

  it('still refuse a part of a name on its own, naming it as typed', () => {
    const r = parseCell(nodes, '生物饲料、节水抗旱稻、食用菌');
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.message).toContain('“节水抗旱稻”不是可选值');
    const bad = parseCell(nodes, '优势农产品（节水抗旱稻）');
    expect(bad.ok ? '' : bad.message).toContain('“优势农产品（节水抗旱稻）”');
  });

  it('export → import returns the same nodes for every seeded combination (property)', () => {
    const codes = nodeOptions.map((o) => o.value);
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...codes), { minLength: 1, maxLength: 10 }), (picked) => {
        expect(parseCell(nodes, displayValue(nodes, picked))).toEqual({ ok: true, value: picked });
      }),
    );
  });

  it('are unambiguous even when one label is two others joined by a separator', () => {
    const tricky: ColumnSpec = {
      ...nodes,
      options: [
        { value: 'a', label: '甲' },
        { value: 'b', label: '乙' },
        { value: 'ab', label: '甲、乙' },
        { value: 'bc', label: '乙、丙' },
      ],
    };
    // Longest match first, but not at the cost of leaving an unknown remainder.
    expect(parseCell(tricky, '甲、乙、丙')).toEqual({ ok: true, value: ['a', 'bc'] });
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom('a', 'b', 'ab', 'bc'), { minLength: 1 }), (picked) => {
        expect(parseCell(tricky, displayValue(tricky, picked))).toEqual({ ok: true, value: picked });
      }),
      // 64 ordered selections in all: enough runs to meet each of them (["a", "b"] → "甲、乙" once read back as "ab").
      { numRuns: 2000 },
    );
  });
});

describe('free-text list cells', () => {
  it('split on the separators, or one item per line when the cell has line breaks', () => {
    expect(parseCell(freeText, '合成生物学、酶工程,发酵')).toEqual({ ok: true, value: ['合成生物学', '酶工程', '发酵'] });
    expect(parseCell(freeText, '1,3-丙二醇发酵\n细胞、基因治疗')).toEqual({ ok: true, value: ['1,3-丙二醇发酵', '细胞、基因治疗'] });
  });

  it('round-trip items that contain a separator (property)', () => {
    const item = fc.stringMatching(/^[a-z甲乙丙、,，;；]{0,6}[a-z甲乙丙]$/).filter((s) => !/^[、,，;；]/.test(s));
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 5 }), (items) => {
        expect(parseCell(freeText, displayValue(freeText, items))).toEqual({ ok: true, value: items });
      }),
    );
    expect(displayValue(freeText, ['抗体', '疫苗'])).toBe('抗体、疫苗');
  });
});
