import { describe, expect, it } from 'vitest';
import type { BreakdownRowView } from '../../../../contracts/statistics.ts';
import { statsQueryRow } from './stats.ts';

describe('stats query --json rows', () => {
  it('keep the SPEC §11 fields and add the group code, the comparable-set size and the nominal sums', () => {
    const row: BreakdownRowView = { code: 'medicine', key: '生物医药', nameEn: 'Biomedicine', month: 10, ytd: 30, base: 25, yoy: 0.2, nominalYtd: 40, nominalBase: 32, nominalYoy: 0.25, contribution: 0.5, pull: 1.5, enterprises: 7 };
    expect(statsQueryRow(row)).toEqual({ key: '生物医药', month: 10, ytd: 30, base: 25, yoy: 0.2, nominalYoy: 0.25, contribution: 0.5, pull: 1.5, code: 'medicine', enterprises: 7, nominalYtd: 40, nominalBase: 32 });
  });
});
