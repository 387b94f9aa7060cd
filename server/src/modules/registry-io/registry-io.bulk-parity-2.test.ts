import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testUscc } from '../../../../test/fixtures.ts';
import type { TestApp } from '../../../../test/test-app.ts';
import { callerOf, createPair, expectSameImport, onBoth, seed, type Pair } from './bulk-parity.helpers.ts';
import type { ImportOptions } from './import.ts';

// Platforms and experts imported set-based give what the per-row path gives on an identical database (see
// registry-io.bulk-parity.test.ts): same result, same stored rows, conflicts of interest, history and audit.

const LONG = 600_000;
let pair: Pair;
beforeAll(async () => {
  pair = await createPair();
}, LONG);
afterAll(async () => pair?.close());

const commission = (t: TestApp) => callerOf(t, 'console');
const department = (t: TestApp) => callerOf(t, 'department', { table: 'departments', code: 'touzi' });
const operator = testUscc();
const gone = testUscc();
const unregistered = testUscc();

beforeAll(async () => {
  await onBoth(pair, seed('enterprises', ['统一社会信用代码', '企业名称', '所在功能区'], '企业名录', [[operator, '对照运营生物有限公司', '生物医药港'], [gone, '对照已注销生物有限公司', '生物医药港']]));
}, LONG);

describe('set-based platform import = row by row', () => {
  const SHEET = '平台库';
  const HEADER = ['平台编号', '平台名称', '平台类型', '所在功能区', '所在载体', '运营企业统一社会信用代码', '政策点名平台', '服务内容', '联系人', '联系电话', '备注'];
  const same = (rows: unknown[][], caller: typeof commission, options: Omit<ImportOptions, 'writer'>) => expectSameImport(pair, 'platforms', { sheet: SHEET, header: HEADER, rows }, caller, options);

  beforeAll(async () => {
    await onBoth(
      pair,
      seed('platforms', HEADER, SHEET, [
        ['px-001', '对照平台一', '研发平台', '生物医药港', null, operator, '是', '检测、中试', '张三', '13800000000', null],
        ['px-002', '对照平台二', 'CRO', null, '湾区生物医药港', null, '否', null, null, null, null],
        [null, '对照平台三', 'CDMO', '生物材料湾', null, null, null, '代工', null, null, null],
        ['px-004', '对照平台四', '检验检测', null, null, null, null, null, null, null, '不变'],
      ]),
    );
  }, LONG);

  it('commission: new, updated (one twice), unchanged, duplicate, invalid and write-time refusals', async () => {
    const result = await same(
      [
        ['px-101', '对照新平台甲', 'CMO', null, '市公卫中心', operator, '否', '生产、生产、包装', null, null, null],
        [null, '对照新平台乙', '研发平台', '生物医药港', null, null, null, null, null, null, null],
        ['px-001', '对照平台一', '研发平台', '生物医药港', null, null, '否', '检测', '李四', null, '改'],
        ['px-002', '对照平台二', 'CRO', null, '湾区生物医药港', operator, '否', null, null, null, '按编号'],
        [null, '对照平台二', 'CRO', '生物材料湾', null, null, '是', null, null, null, '按名称再来'],
        [null, '对照平台三', 'CDMO', '生物材料湾', null, null, null, '代工、检测', null, null, '按名称'],
        ['px-004', '对照平台四', '检验检测', null, null, null, null, null, null, null, '不变'],
        ['px-101', '对照新平台甲（重复）', 'CMO', null, null, null, null, null, null, null, null],
        ['px-102', '对照新平台丙', 'CRO', null, null, unregistered, null, null, null, null, null],
        ['px-103', '对照新平台丁', '不知道', null, '没有的载体', null, '也许', null, null, '12', null],
      ],
      commission,
      { mode: 'valid-only', duplicates: 'update' },
    );
    expect(result).toMatchObject({ imported: 2, updated: 4, unchanged: 1, committed: true });
    expect(result.rejected.find((r) => r.row === 10)?.message).toContain('未登记');
  }, LONG);

  it('a department may not create or change platforms: refused row by row alike, in both modes', async () => {
    const rows = [
      ['px-201', '对照部门平台', 'CRO', null, null, null, null, null, null, null, null],
      ['px-001', '对照平台一', '研发平台', null, null, null, null, null, null, null, '部门改'],
    ];
    await same(rows, department, { mode: 'valid-only', duplicates: 'update' });
    await same(rows, department, { mode: 'all-or-nothing', duplicates: 'skip' });
  }, LONG);
});

describe('set-based expert import = row by row', () => {
  const SHEET = '专家库';
  const HEADER = ['专家编号', '姓名', '职称', '工作单位', '擅长领域', '研究方向', '专家委员会委员', '联系电话', '电子邮箱', '备注'];
  const same = (rows: unknown[][], caller: typeof commission, options: Omit<ImportOptions, 'writer'>) => expectSameImport(pair, 'experts', { sheet: SHEET, header: HEADER, rows }, caller, options);

  beforeAll(async () => {
    await onBoth(
      pair,
      seed('experts', HEADER, SHEET, [
        ['ZX-001', '对照专家一', '教授', '甲大学', '生物医药', '合成生物', '是', '13800000001', 'a@example.com', null],
        ['ZX-002', '对照专家二', '研究员', '乙研究所', '生物材料、生物医药', null, '否', null, null, null],
        ['ZX-003', '对照专家三', null, null, null, null, null, null, null, '不变'],
        ['ZX-004', '对照专家四', null, null, null, null, null, null, null, null],
      ]),
    );
    // Declared conflicts (kept on the expert's page, carried over by an import); one names a firm later deleted.
    await onBoth(pair, async (t) => {
      const db = t.deps.database.db;
      await db.execute(sql`INSERT INTO expert_conflicts (expert_id, enterprise_id, relation, declared_on)
        SELECT x.id, e.id, '曾任顾问', '2024-01-01' FROM experts x, enterprises e WHERE x.code = 'ZX-001' AND e.uscc = ${operator}`);
      await db.execute(sql`INSERT INTO expert_conflicts (expert_id, enterprise_id, relation, declared_on)
        SELECT x.id, e.id, '亲属任职', NULL FROM experts x, enterprises e WHERE x.code = 'ZX-004' AND e.uscc = ${gone}`);
      await db.execute(sql`UPDATE enterprises SET deleted_at = now() WHERE uscc = ${gone}`);
    });
  }, LONG);

  it('commission: new, updated (conflicts carried over), unchanged, duplicate, invalid and refused rows', async () => {
    const result = await same(
      [
        ['ZX-101', '对照新专家甲', '教授', '丙大学', '生物农业及健康食品', '育种、育种', '是', null, 'c@example.com', null],
        ['ZX-001', '对照专家一', '教授', '甲大学', '生物医药', '合成生物、发酵', '是', '13800000001', 'a@example.com', '改'],
        ['ZX-002', '对照专家二', '正高级研究员', '乙研究所', '生物材料', null, '是', null, null, null],
        ['ZX-003', '对照专家三', null, null, null, null, null, null, null, '不变'],
        ['ZX-004', '对照专家四', '讲师', null, null, null, null, null, null, '冲突企业已注销'],
        ['ZX-101', '对照新专家甲（重复）', null, null, null, null, null, null, null, null],
        ['ZX-102', '乙', null, null, '不存在的领域', null, '也许', '12', 'not-an-email', null],
        [null, '对照无编号专家', null, null, null, null, null, null, null, null],
      ],
      commission,
      { mode: 'valid-only', duplicates: 'update' },
    );
    expect(result).toMatchObject({ imported: 2, updated: 2, unchanged: 1, committed: true });
    expect(result.rejected.find((r) => r.row === 6)?.message).toContain('未登记');
  }, LONG);

  it('a department may not change the pool; all-or-nothing and skip behave alike', async () => {
    const rows = [
      ['ZX-201', '对照部门专家', null, null, null, null, null, null, null, null],
      ['ZX-002', '对照专家二', null, null, null, null, null, null, null, '部门改'],
    ];
    await same(rows, department, { mode: 'valid-only', duplicates: 'update' });
    await same([...rows, ['ZX-004', '对照专家四', null, null, null, null, null, null, null, '又改']], commission, { mode: 'all-or-nothing', duplicates: 'update' });
    await same(rows, commission, { mode: 'valid-only', duplicates: 'skip' });
  }, LONG);
});
