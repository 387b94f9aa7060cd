import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../../../../test/test-app.ts';
import { findImportReport, importReportPruneJob, storeImportReport } from './import-reports.ts';

/**
 * The state one request leaves for a later one, kept in the database so that another server process can
 * answer (docs/decisions/0033-stateless-app-servers.md): the marked workbooks of imports. Expiry is on the database's clock, so the tests move the stored expiry instead of a test clock.
 */
let t: TestApp;
let owner: string;
let other: string;
const bytes = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff]);

beforeAll(async () => {
  t = await createTestApp();
  owner = (await createUser(t, 'report_owner', 'commission')).id;
  other = (await createUser(t, 'report_other', 'commission')).id;
}, 120_000);
afterAll(async () => t?.close());

const expire = (id: string) => t.deps.database.query(`UPDATE import_error_reports SET expires_at = now() - interval '1 second' WHERE id = $1`, [id]);

describe('import error reports in the database', () => {
  it('gives the bytes and problems back to the owner, for that import only, until they expire; the job removes expired ones', async () => {
    const problems = [{ row: 4, column: 'F', value: '一千', message: '不是数字' }];
    const id = await storeImportReport(t.deps.database, owner, 'enterprises', '名录.xlsx', bytes, problems);
    const found = await findImportReport(t.deps.database, id, owner, 'enterprises');
    expect(found).toMatchObject({ id, ownerUserId: owner, entity: 'enterprises', fileName: '名录.xlsx', rejected: problems });
    expect(Buffer.compare(found!.original, bytes)).toBe(0);
    expect(await findImportReport(t.deps.database, id, other, 'enterprises')).toBeUndefined();
    expect(await findImportReport(t.deps.database, id, owner, 'monthly-reports')).toBeUndefined();

    await expire(id);
    expect(await findImportReport(t.deps.database, id, owner, 'enterprises')).toBeUndefined();
    const live = await storeImportReport(t.deps.database, other, 'enterprises', null, bytes, problems);
    const run = await importReportPruneJob.run({ database: t.deps.database } as never);
    expect(run).toEqual({ reportsDeleted: 1 });
    expect(await findImportReport(t.deps.database, live, other, 'enterprises')).toBeDefined();
  });

  it('keeps the five newest of a user', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await storeImportReport(t.deps.database, owner, 'carriers', `f${i}.xlsx`, bytes, []));
    const kept = await Promise.all(ids.map(async (id) => (await findImportReport(t.deps.database, id, owner, 'carriers')) !== undefined));
    expect(kept).toEqual([false, false, true, true, true, true, true]);
  });
});
