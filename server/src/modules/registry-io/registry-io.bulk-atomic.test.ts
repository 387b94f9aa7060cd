import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/test-app.ts';
import { consoleOperatorCaller } from '../registry-common/caller.ts';
import { dump, workbook } from './bulk-parity.helpers.ts';
import { findRegistryEntity } from './entities.ts';
import { runImport } from './import.ts';

// A statement failing in the middle of a set-based write leaves nothing of the import behind: here a constraint
// is violated by an update in the last chunk, after two chunks of inserts and one of updates were written.

const LONG = 600_000;
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, LONG);
afterAll(async () => t?.close());

const CASES = [
  { entity: 'projects', sheet: '项目库', header: ['项目编号', '项目名称', '投资方', '当前阶段', '产业链节点'], table: 'projects', column: 'name', row: (i: number) => [`PA-${i}`, `原子项目${i}`, `投资方${i}`, i % 2 ? '在谈' : null, '培养基'] },
  { entity: 'carriers', sheet: '载体库', header: ['载体编号', '载体名称', '载体类型', '所在功能区'], table: 'carriers', column: 'name_zh', row: (i: number) => [`ca-${i}`, `原子载体${i}`, '孵化器', '生物医药港'] },
  { entity: 'platforms', sheet: '平台库', header: ['平台编号', '平台名称', '平台类型', '服务内容'], table: 'platforms', column: 'name', row: (i: number) => [`pa-${i}`, `原子平台${i}`, 'CRO', '检测'] },
  { entity: 'experts', sheet: '专家库', header: ['专家编号', '姓名', '研究方向'], table: 'experts', column: 'name', row: (i: number) => [`ZA-${i}`, `原子专家${i}`, '发酵'] },
];

describe('a failure in the middle of a set-based import writes nothing', () => {
  for (const c of CASES) {
    it(`${c.entity}: the last update chunk violates a constraint → nothing of the file stored`, async () => {
      const entity = findRegistryEntity(c.entity)!;
      const seeded = await runImport(t.deps, consoleOperatorCaller(), entity, await workbook(c.sheet, c.header, Array.from({ length: 600 }, (_, i) => c.row(i))), { mode: 'valid-only', duplicates: 'update' });
      expect(seeded.imported).toBe(600);
      const before = await dump(t, c.entity);

      // 600 new rows (two insert chunks) and 600 updates (two update chunks); the last update is refused.
      const rows = Array.from({ length: 1200 }, (_, i) => {
        const row = c.row(i);
        row[1] = `${row[1]}（改）`;
        return row;
      });
      const forbidden = rows[599]![1] as string;
      await t.deps.database.db.execute(sql`ALTER TABLE ${sql.raw(c.table)} ADD CONSTRAINT atomic_test_check CHECK (${sql.raw(c.column)} <> ${sql.raw(`'${forbidden}'`)})`);
      try {
        await expect(runImport(t.deps, consoleOperatorCaller(), entity, await workbook(c.sheet, c.header, rows), { mode: 'valid-only', duplicates: 'update' })).rejects.toThrow();
      } finally {
        await t.deps.database.db.execute(sql`ALTER TABLE ${sql.raw(c.table)} DROP CONSTRAINT atomic_test_check`);
      }
      expect(await dump(t, c.entity)).toEqual(before);

      // Without the constraint the same file goes through, so the failure above was the injected one.
      const result = await runImport(t.deps, consoleOperatorCaller(), entity, await workbook(c.sheet, c.header, rows), { mode: 'valid-only', duplicates: 'update' });
      expect(result).toMatchObject({ imported: 600, updated: 600, committed: true, rejected: [] });
    }, LONG);
  }
});
