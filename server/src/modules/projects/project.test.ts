import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeSession, createEnterprise, departmentId, zoneId } from '../../../../test/fixtures.ts';
import { as, createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';
import { XLSX_MIME } from '../../lib/spreadsheet.ts';
import { todayIso } from '../registry-common/optimistic.ts';

let t: TestApp;
let commission: Session;
let kewei: Session;
let park: Session;
let enterprise: Session;
let investor: { id: string; uscc: string };
let today: string;

const daysAgo = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestApp();
  today = todayIso(t.clock.now());
  investor = await createEnterprise(t, '增资扩产生物有限公司', 'medicine-port');
  commission = await activeSession(t, 'prj_commission', 'commission');
  kewei = await activeSession(t, 'prj_kewei', 'department', await departmentId(t, 'kewei'));
  park = await activeSession(t, 'prj_park', 'park', await zoneId(t, 'medicine-port'));
  enterprise = await activeSession(t, 'prj_enterprise', 'enterprise', investor.id);
});
afterAll(async () => t?.close());

const project = (name: string, extra: Record<string, unknown> = {}) => ({ name, investorName: '某投资方', zone: 'medicine-port', responsibleDepartment: 'kewei', totalInvestment: 20000, ...extra });

describe('project stages', () => {
  it('moves through stages as events: history kept, skipping needs a reason, stale versions refused', async () => {
    const created = (await as(t, commission)('POST', '/api/projects', project('阶段测试项目', { stages: [{ stage: 'negotiating', plannedOn: daysAgo(-30) }] }))).json();
    expect(created.stage).toBe('lead');
    const advance = await as(t, kewei)('POST', `/api/projects/${created.id}/stage`, { toStage: 'negotiating', occurredOn: today, note: '首次洽谈', version: created.version });
    expect(advance.statusCode, advance.body).toBe(200);
    const after = advance.json();
    expect(after.stages.find((s: { stage: string }) => s.stage === 'negotiating')).toMatchObject({ actualOn: today, status: 'current' });

    const stale = await as(t, kewei)('POST', `/api/projects/${created.id}/stage`, { toStage: 'signed', occurredOn: today, version: created.version });
    expect(stale.statusCode).toBe(409);
    const skip = await as(t, kewei)('POST', `/api/projects/${created.id}/stage`, { toStage: 'started', occurredOn: today, version: after.version });
    expect(skip.statusCode).toBe(400);
    expect(skip.json().error.message).toContain('跳过阶段须填写原因');
    const future = await as(t, kewei)('POST', `/api/projects/${created.id}/stage`, { toStage: 'signed', occurredOn: daysAgo(-3), version: after.version });
    expect(future.statusCode).toBe(400);
    const skipped = await as(t, kewei)('POST', `/api/projects/${created.id}/stage`, { toStage: 'started', occurredOn: today, reason: '签约当日开工', version: after.version });
    expect(skipped.statusCode).toBe(200);
    const detail = skipped.json();
    expect(detail.events.map((e: { toStage: string }) => e.toStage)).toEqual(['lead', 'negotiating', 'started']);
    expect(detail.events[2]).toMatchObject({ fromStage: 'negotiating', reason: '签约当日开工', actorName: 'prj_kewei' });
    expect(detail.stages.find((s: { stage: string }) => s.stage === 'signed').status).toBe('skipped');
    const history = (await as(t, commission)('GET', `/api/projects/${created.id}/history`)).json().items.map((i: { action: string }) => i.action);
    expect(history).toEqual(['project.create', 'project.stage', 'project.stage']);
  });

  it('shows overdue stages and filters on them', async () => {
    const late = (await as(t, commission)('POST', '/api/projects', project('逾期测试项目', { stages: [{ stage: 'negotiating', plannedOn: daysAgo(40) }] }))).json();
    expect(late.isOverdue).toBe(true);
    expect(late.stages.find((s: { stage: string }) => s.stage === 'negotiating')).toMatchObject({ status: 'overdue', daysLate: 40 });
    const overdue = (await as(t, commission)('GET', '/api/projects?overdue=true&q=测试项目')).json().items.map((i: { name: string }) => i.name);
    expect(overdue).toContain('逾期测试项目');
    expect(overdue).not.toContain('阶段测试项目');
  });

  it('logs follow-ups (department of the project), and the enterprise sees only the projects it invests in', async () => {
    const own = (await as(t, kewei)('POST', '/api/projects', project('增资扩产项目', { investorUscc: investor.uscc, responsibleDepartment: null }))).json();
    expect(own.department.code).toBe('kewei');
    const other = (await as(t, commission)('POST', '/api/projects', project('他部门项目', { responsibleDepartment: 'touzi' }))).json();
    expect((await as(t, kewei)('POST', '/api/projects', project('越权项目', { responsibleDepartment: 'touzi' }))).statusCode).toBe(403);
    const log = await as(t, kewei)('POST', `/api/projects/${own.id}/follow-ups`, { occurredOn: today, kind: 'visit', note: '走访企业，了解设备采购进度', problems: '环评排队', nextStep: '协调生态环境局' });
    expect(log.statusCode).toBe(200);
    expect(log.json().followUps[0]).toMatchObject({ kind: 'visit', problems: '环评排队', department: { code: 'kewei' } });
    expect((await as(t, kewei)('POST', `/api/projects/${other.id}/follow-ups`, { occurredOn: today, kind: 'call', note: '电话' })).statusCode).toBe(404);
    expect((await as(t, park)('POST', `/api/projects/${own.id}/follow-ups`, { occurredOn: today, kind: 'call', note: '电话' })).statusCode).toBe(403);
    // a department cannot record a follow-up under another department's name
    const impersonated = await as(t, kewei)('POST', `/api/projects/${own.id}/follow-ups`, { occurredOn: today, kind: 'call', note: '电话联系', department: 'touzi' });
    expect(impersonated.statusCode).toBe(400);
    expect(impersonated.json().error.details[0].path).toBe('body.department');
    const ownName = await as(t, kewei)('POST', `/api/projects/${own.id}/follow-ups`, { occurredOn: today, kind: 'call', note: '电话联系', department: 'kewei' });
    expect(ownName.statusCode).toBe(200);
    const mine = (await as(t, enterprise)('GET', '/api/projects')).json().items.map((i: { name: string }) => i.name);
    expect(mine).toEqual(['增资扩产项目']);
    expect((await as(t, enterprise)('GET', `/api/projects/${other.id}`)).statusCode).toBe(404);
  });
});

describe('project import', () => {
  it('imports stage dates, rejects a department’s rows for another department, and links the investor', async () => {
    const wb = new ExcelJS.Workbook();
    const s = wb.addWorksheet('项目库');
    s.addRow(['项目编号', '项目名称', '投资方', '投资方统一社会信用代码', '责任单位', '当前阶段', '在谈计划日期', '签约计划日期', '签约实际日期', '总投资（万元）']);
    s.addRow(['XM-IMP-1', '导入签约项目', '增资扩产生物有限公司', investor.uscc, '区科委', '签约', daysAgo(90), daysAgo(20), daysAgo(10), 35000]);
    s.addRow(['XM-IMP-2', '导入他部门项目', '某投资方', null, '区投资促进办', '线索', null, null, null, 100]);
    s.addRow(['XM-IMP-3', '导入日期有误项目', '某投资方', null, '区科委', '线索', null, null, daysAgo(5), 'abc']);
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/projects/import',
      payload: Buffer.from(await wb.xlsx.writeBuffer()),
      headers: { cookie: kewei.cookie, 'x-csrf-token': kewei.csrf, 'content-type': XLSX_MIME },
    });
    const result = r.json();
    expect(result.imported).toBe(1);
    expect([...new Set(result.rejected.map((x: { row: number }) => x.row))]).toEqual([3, 4]);
    expect(result.rejected.find((x: { row: number }) => x.row === 3).message).toContain('本单位');
    const row4 = result.rejected.filter((x: { row: number }) => x.row === 4).map((x: { column: string }) => x.column);
    expect(row4).toEqual(expect.arrayContaining(['签约实际日期', '总投资（万元）']));
    const listed = (await as(t, enterprise)('GET', '/api/projects?q=导入签约项目')).json().items[0];
    expect(listed).toMatchObject({ code: 'XM-IMP-1', stage: 'signed', totalInvestment: 35000 });
    expect(listed.stages.find((x: { stage: string }) => x.stage === 'signed')).toMatchObject({ plannedOn: daysAgo(20), actualOn: daysAgo(10), status: 'done-late', daysLate: 10 });
  });
});
