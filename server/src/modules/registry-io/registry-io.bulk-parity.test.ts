import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testUscc } from '../../../../test/fixtures.ts';
import type { TestApp } from '../../../../test/test-app.ts';
import { callerOf, createPair, expectSameImport, onBoth, seed, type Pair } from './bulk-parity.helpers.ts';
import type { ImportOptions } from './import.ts';

// Projects and carriers imported set-based give what the per-row path gives on an identical database: the same
// result (counts, rejected cells and messages, warnings) and the same stored rows, links, stage events, history
// and audit records. Each file mixes new rows, updates, a record reached twice, unchanged rows, in-file
// duplicates, cell errors and refusals found only at write time, for the commission and for scoped users.

const LONG = 600_000;
let pair: Pair;
beforeAll(async () => {
  pair = await createPair();
}, LONG);
afterAll(async () => pair?.close());

const expectSame = (entity: string, sheet: string, header: string[], rows: unknown[][], caller: (t: TestApp) => ReturnType<typeof callerOf>, options: Omit<ImportOptions, 'writer'>) =>
  expectSameImport(pair, entity, { sheet, header, rows }, caller, options);

const commission = (t: TestApp) => callerOf(t, 'console');

describe('set-based project import = row by row', () => {
  const SHEET = '项目库';
  const HEADER = ['项目编号', '项目名称', '投资方', '投资方统一社会信用代码', '所在功能区', '产业链节点', '总投资（万元）', '责任单位', '当前阶段', '在谈计划日期', '签约计划日期', '签约实际日期', '备注'];
  const investor = testUscc();
  const unregistered = testUscc();

  beforeAll(async () => {
    await onBoth(pair, seed('enterprises', ['统一社会信用代码', '企业名称', '所在功能区'], '企业名录', [[investor, '对照投资方生物有限公司', '生物医药港']]));
    await onBoth(
      pair,
      seed('projects', HEADER, SHEET, [
        ['PX-001', '对照项目一', '甲投资', null, '生物医药港', '培养基', 1000, '区投资促进办', '线索', '2025-03-01', null, null, null],
        ['PX-002', '对照项目二', '乙投资', investor, '生物材料湾', null, 2000, '区科委', '在谈', null, '2025-09-01', null, '旧备注'],
        [null, '对照项目三', '丙投资', null, '生物医药港', '培养基、菌种与细胞株构建', null, '区投资促进办', '线索', null, null, null, null],
        ['PX-004', '对照项目四', '丁投资', null, null, null, 400, '区投资促进办', '在谈', null, null, null, null],
        ['PX-005', '对照项目五', '戊投资', null, '生物医药港', null, 500, '区科委', '线索', null, null, null, '不变'],
      ]),
    );
  }, LONG);

  it('commission: new, updated (one twice), unchanged, duplicate, invalid and write-time refusals', async () => {
    const result = await expectSame(
      'projects',
      SHEET,
      HEADER,
      [
        ['PX-101', '对照新项目甲', '新投资', investor, '生物医药港', '培养基、培养基', 3000, '区投资促进办', '在谈', '2025-05-01', null, null, null],
        [null, '对照新项目乙', '新投资乙', null, '生物材料湾', null, null, null, '签约', null, null, '2025-06-01', null],
        ['PX-001', '对照项目一（改名）', '甲投资', null, '生物医药港', '菌种与细胞株构建', 1100, '区投资促进办', '签约', '2025-03-01', '2025-07-01', null, null],
        ['PX-002', '对照项目二', '乙投资', investor, '生物材料湾', null, 2000, '区科委', '在谈', null, '2025-09-01', null, '新备注'],
        [null, '对照项目三', '丙投资', null, '生物创新城', null, 300, '区投资促进办', '线索', null, null, null, '按名称'],
        ['PX-004', '对照项目四', '丁投资', null, null, null, 444, '区投资促进办', '在谈', null, null, null, '按编号'],
        [null, '对照项目四', '丁投资', null, '生物医药港', null, 455, '区投资促进办', '签约', null, null, null, '按名称再来'],
        ['PX-005', '对照项目五', '戊投资', null, '生物医药港', null, 500, '区科委', '线索', null, null, null, '不变'],
        ['PX-101', '对照新项目甲（重复）', '新投资', null, null, null, null, null, null, null, null, null, null],
        ['PX-102', '对照新项目丙', '新投资丙', unregistered, '生物医药港', null, null, null, null, null, null, null, null],
        ['PX-103', '对照新项目丁', '新投资丁', null, '不存在的园区', null, '很多', null, '在谈', null, null, '2025-01-01', null],
      ],
      commission,
      { mode: 'valid-only', duplicates: 'update' },
    );
    expect(result).toMatchObject({ imported: 2, updated: 5, unchanged: 1, committed: true });
    expect(result.rejected.map((r) => r.row)).toEqual(expect.arrayContaining([10, 11, 12]));
  }, LONG);

  it('a department: its own projects only; others refused as the per-row path refuses them', async () => {
    const touzi = (t: TestApp) => callerOf(t, 'department', { table: 'departments', code: 'touzi' });
    await expectSame(
      'projects',
      SHEET,
      HEADER,
      [
        ['PX-201', '对照部门新项目', '部门投资', null, '生物医药港', null, null, null, '线索', null, null, null, null],
        ['PX-202', '对照他部门项目', '部门投资乙', null, null, null, null, '区科委', '线索', null, null, null, null],
        ['PX-002', '对照项目二', '乙投资', investor, '生物材料湾', null, 2000, '区科委', '在谈', null, null, null, '越权'],
        ['PX-001', '对照项目一（改名）', '甲投资', null, '生物医药港', null, 1100, '区科委', '签约', null, null, null, '移交'],
        ['PX-004', '对照项目四', '丁投资', null, null, null, 466, null, '开工', null, null, null, '部门更新'],
      ],
      touzi,
      { mode: 'valid-only', duplicates: 'update' },
    );
  }, LONG);

  it('all-or-nothing with a write-time refusal stores nothing; duplicates=skip leaves stored projects', async () => {
    const rows = [
      ['PX-301', '对照全有全无甲', '投资甲', null, null, null, null, null, null, null, null, null, null],
      ['PX-302', '对照全有全无乙', '投资乙', unregistered, null, null, null, null, null, null, null, null, null],
    ];
    const strict = await expectSame('projects', SHEET, HEADER, rows, commission, { mode: 'all-or-nothing', duplicates: 'update' });
    expect(strict.committed).toBe(false);
    await expectSame('projects', SHEET, HEADER, [rows[0]!, ['PX-005', '对照项目五', '戊投资', null, null, null, 1, null, null, null, null, null, '跳过']], commission, { mode: 'valid-only', duplicates: 'skip' });
  }, LONG);
});

describe('set-based carrier import = row by row', () => {
  const SHEET = '载体库';
  const HEADER = ['载体编号', '载体名称', '载体类型', '所在功能区', '总面积（平方米）', '可租面积（平方米）', '地址', '启用日期', '备注'];

  beforeAll(async () => {
    await onBoth(
      pair,
      seed('carriers', HEADER, SHEET, [
        ['cx-001', '对照载体一', '孵化器', '生物医药港', 1000, 800, '甲路1号', '2020-01-01', null],
        ['cx-002', '对照载体二', '产业园', '生物创新城', 5000, null, null, null, null],
        [null, '对照载体三', '加速器', '生物医药港', null, null, null, null, null],
        ['cx-004', '对照载体四', '孵化器', '生物医药港', 100, 90, null, null, '不变'],
      ]),
    );
  }, LONG);

  it('commission: new, updated (one twice), unchanged, duplicate and invalid rows', async () => {
    const result = await expectSame(
      'carriers',
      SHEET,
      HEADER,
      [
        ['cx-101', '对照新载体甲', '孵化器', '生物材料湾', 300, 200, null, '2024-02-29', null],
        [null, '对照新载体乙', '公共平台', null, null, null, '乙路', null, null],
        ['cx-001', '对照载体一', '孵化器', '生物医药港', 1200, 800, '甲路1号', '2020-01-01', '扩建'],
        ['cx-002', '对照载体二', '产业园', '生物创新城', 5000, 4000, null, null, '按编号'],
        [null, '对照载体二', '产业园', '生物材料湾', 5000, 4500, null, null, '按名称再来'],
        [null, '对照载体三', '加速器', '生物医药港', 10, null, null, null, '按名称'],
        ['cx-004', '对照载体四', '孵化器', '生物医药港', 100, 90, null, null, '不变'],
        ['cx-101', '对照新载体甲（重复）', '孵化器', null, null, null, null, null, null],
        ['cx-102', '对照新载体丙', '不知道', '生物医药港', -5, null, null, '2024-02-30', null],
      ],
      commission,
      { mode: 'valid-only', duplicates: 'update' },
    );
    expect(result).toMatchObject({ imported: 2, updated: 4, unchanged: 1, committed: true });
  }, LONG);

  it('a park: own zone only, blank zone = own zone; foreign carriers and moves refused as row by row', async () => {
    const park = (t: TestApp) => callerOf(t, 'park', { table: 'zones', code: 'medicine-port' });
    await expectSame(
      'carriers',
      SHEET,
      HEADER,
      [
        ['cx-201', '对照园区新载体', '孵化器', null, 100, null, null, null, null],
        ['cx-202', '对照外区新载体', '孵化器', '生物材料湾', 100, null, null, null, null],
        ['cx-002', '对照载体二', '产业园', '生物材料湾', 1, null, null, null, '外区'],
        ['cx-001', '对照载体一', '孵化器', '生物材料湾', 1200, 800, null, null, '迁走'],
        [null, '对照载体三', '加速器', null, 20, null, null, null, '园区更新'],
      ],
      park,
      { mode: 'valid-only', duplicates: 'update' },
    );
    await expectSame('carriers', SHEET, HEADER, [['cx-203', '对照园区新载体乙', '孵化器', null, null, null, null, null, null], ['cx-204', '对照外区新载体乙', '孵化器', '生物材料湾', null, null, null, null, null]], park, {
      mode: 'all-or-nothing',
      duplicates: 'update',
    });
  }, LONG);
});
