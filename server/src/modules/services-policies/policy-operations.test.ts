import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeSession, departmentId, testUscc } from '../../../../test/fixtures.ts';
import { as, createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';
import { multipartBody } from '../plan/plan-test-helpers.ts';
import { chainNodesTable, domains, enterpriseChainNodes, enterprises, monthlyReports, servicePolicies, servicePolicyAwards, zones } from '../../db/schema/index.ts';
import { shanghaiDate } from '../../domain/services/working-time.ts';

let t: TestApp;
let commission: Session;
let leader: Session;
let department: Session;
let applicant: Session;
let other: Session;
const firms: { id: string; uscc: string }[] = [];
let laterYear: number;

/**
 * Five biomedicine firms in 生物医药港, above scale, with output in three years: two received the 免申即享 award
 * (dated in the year after the base year), three did not. Output growth from the base year to the last complete
 * year: recipients +50 % and +30 %, non-recipients +10 %, +20 %, +30 % → matched difference +20 points.
 */
beforeAll(async () => {
  t = await createTestApp();
  const db = t.deps.database.db;
  laterYear = Number(shanghaiDate(t.clock.now()).slice(0, 4)) - 1;
  const base = laterYear - 2;
  const id = async (table: typeof domains | typeof zones, code: string) => (await db.select({ id: table.id }).from(table).where(eq(table.code, code)))[0]!.id;
  const domainId = await id(domains, 'biomedicine');
  const zoneId = await id(zones, 'medicine-port');
  for (const [i, growth] of [50, 30, 10, 20, 30].entries()) {
    const [row] = await db.insert(enterprises).values({ uscc: testUscc(), name: `政策成效测试${i}号生物医药有限公司`, domainId, zoneId, isAboveScale: true, stage: 'industrialized' }).returning();
    firms.push({ id: row!.id, uscc: row!.uscc });
    for (const [y, total] of [[base, 1200], [laterYear, 1200 * (1 + growth / 100)]] as const) {
      await db.insert(monthlyReports).values({ enterpriseId: row!.id, year: y, month: 6, status: 'approved', output: String(total), rd: String(total / 10), revenue: String(total), deadline: `${y}-07-10` });
    }
  }
  const [auto] = await db.insert(servicePolicies).values({ code: 'PO-AUTO', title: '成效测试免申即享政策', amount: '30.00', conditions: [{ kind: 'zone', in: ['medicine-port'] }] }).returning();
  await db.insert(servicePolicies).values({ code: 'PO-APPLY', title: '成效测试快申快享政策', amount: '80.00', conditions: [{ kind: 'manual', textZh: '提供设备发票', textEn: 'equipment invoices' }] });
  for (const f of firms.slice(0, 2)) await db.insert(servicePolicyAwards).values({ policyId: auto!.id, enterpriseId: f.id, amount: '30.00', confirmedAt: new Date(`${base + 1}-03-01T02:00:00Z`) });
  commission = await activeSession(t, 'po_commission', 'commission');
  leader = await activeSession(t, 'po_leader', 'leader');
  department = await activeSession(t, 'po_department', 'department', await departmentId(t, 'kewei'));
  applicant = await activeSession(t, 'po_applicant', 'enterprise', firms[3]!.id);
  other = await activeSession(t, 'po_other', 'enterprise', firms[4]!.id);
});
afterAll(async () => t?.close());

describe('快申快享: application with materials, review, decision, disbursement', () => {
  it('runs the whole flow, each step audited and in order; others cannot see or act', async () => {
    expect((await as(t, applicant)('POST', '/api/services/policies/PO-AUTO/applications', { statement: '申请' })).json().error.code).toBe('POLICY_NOT_APPLICABLE');
    const created = await as(t, applicant)('POST', '/api/services/policies/PO-APPLY/applications', { statement: '购置 2000L 发酵罐,申请设备补贴', amountRequested: '80' });
    expect(created.statusCode, created.body).toBe(201);
    const app = created.json();
    expect((await as(t, applicant)('POST', '/api/services/policies/PO-APPLY/applications', { statement: '再次' })).json().error.code).toBe('APPLICATION_EXISTS');
    // materials through the attachments feature: the applicant attaches, a stranger cannot even see
    const { body, headers } = multipartBody('发票.pdf', Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'), 'application/pdf');
    const upload = await t.app.inject({ method: 'POST', url: `/api/attachments?ownerKind=policy-application&ownerId=${app.id}`, payload: body, headers: { ...headers, cookie: applicant.cookie, 'x-csrf-token': applicant.csrf } });
    expect(upload.statusCode, upload.body).toBe(201);
    expect((await as(t, other)('GET', `/api/attachments?ownerKind=policy-application&ownerId=${app.id}`)).statusCode).toBe(404);
    expect((await as(t, commission)('GET', `/api/attachments?ownerKind=policy-application&ownerId=${app.id}`)).json().items).toHaveLength(1);
    expect((await as(t, other)('GET', '/api/services/policy-applications')).json().items).toEqual([]);
    // decide before review: wrong state
    expect((await as(t, commission)('POST', `/api/services/policy-applications/${app.id}/decide`, { approve: true, amountApproved: '60', version: 1 })).statusCode).toBe(409);
    expect((await as(t, applicant)('POST', `/api/services/policy-applications/${app.id}/review`, { version: 1 })).statusCode).toBe(403);
    const reviewed = await as(t, commission)('POST', `/api/services/policy-applications/${app.id}/review`, { note: '材料齐全', version: 1 });
    expect(reviewed.json().status).toBe('reviewed');
    expect((await as(t, commission)('POST', `/api/services/policy-applications/${app.id}/decide`, { approve: true, version: 2 })).statusCode).toBe(400);
    const decided = await as(t, commission)('POST', `/api/services/policy-applications/${app.id}/decide`, { approve: true, amountApproved: '60.50', version: 2 });
    expect(decided.json()).toMatchObject({ status: 'approved', amountApproved: '60.50' });
    const awardId = decided.json().awardId as string;
    const paid = await as(t, commission)('POST', `/api/services/policy-awards/${awardId}/disburse`, { amount: '60.50' });
    expect(paid.statusCode, paid.body).toBe(200);
    expect((await as(t, commission)('POST', `/api/services/policy-awards/${awardId}/disburse`, { amount: '60.50' })).statusCode).toBe(409);
    expect((await as(t, applicant)('GET', '/api/services/policy-applications')).json().items[0]).toMatchObject({ status: 'disbursed', disbursedAmount: '60.50' });
    const actions = (await t.deps.database.query<{ action: string }>(`SELECT action FROM audit_log WHERE action LIKE 'policy-%' ORDER BY seq`)).map((r) => r.action);
    expect(actions).toEqual(['policy-application.submit', 'policy-application.review', 'policy-application.decide', 'policy-award.disburse']);
    const [note] = await t.deps.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'policy-application.decided'`);
    expect(note!.n).toBe(1);
  });
});

describe('funds dashboard', () => {
  it('sums awards and disbursements by policy, domain and zone, exactly', async () => {
    expect((await as(t, department)('GET', '/api/services/policy-funds')).statusCode).toBe(403);
    const funds = (await as(t, leader)('GET', '/api/services/policy-funds')).json();
    expect(funds.byPolicy).toEqual([
      { key: 'PO-APPLY', label: '成效测试快申快享政策', labelEn: '成效测试快申快享政策', mode: 'apply', awards: 1, awarded: '60.50', disbursed: '60.50' },
      { key: 'PO-AUTO', label: '成效测试免申即享政策', labelEn: '成效测试免申即享政策', mode: 'auto', awards: 2, awarded: '60.00', disbursed: '0.00' },
    ]);
    // the English page names the zone and the domain by their reference names, not the Chinese ones
    expect(funds.byZone).toEqual([expect.objectContaining({ key: 'medicine-port', label: '生物医药港', labelEn: expect.stringMatching(/^[\x20-\x7e]+$/), awards: 3, awarded: '120.50' })]);
    expect(funds.byDomain).toEqual([expect.objectContaining({ key: 'biomedicine', labelEn: 'Biomedicine', awarded: '120.50' })]);
    expect(funds.total).toMatchObject({ labelEn: 'Total', awards: 3, awarded: '120.50', disbursed: '60.50' });
  });
});

describe('policy-effect view', () => {
  it('compares recipients with matched non-recipients (hand-computed: +20 points)', async () => {
    const e = (await as(t, commission)('GET', '/api/services/policies/PO-AUTO/effect')).json();
    expect(e).toMatchObject({ policy: 'PO-AUTO', recipients: 2, laterYear });
    // recipients +50 %, +30 % (mean 40 %); comparisons +10, +20, +30 % (mean 20 %) → +20 points
    expect(e.output.measured).toBe(2);
    expect(e.output.matched).toBe(2);
    expect(e.output.comparisons).toBe(3);
    expect(e.output.recipientGrowth).toBeCloseTo(0.4, 10);
    expect(e.output.comparisonGrowth).toBeCloseTo(0.2, 10);
    expect(e.output.difference).toBeCloseTo(0.2, 10);
    expect(e.rd.difference).toBeCloseTo(0.2, 10);
  });
});

describe('recurring request themes per chain node', () => {
  it('lists a node × category with ≥ 3 requests from ≥ 2 enterprises as a proposal, to the chain owner', async () => {
    const db = t.deps.database.db;
    const [node] = await db.select({ id: chainNodesTable.id }).from(chainNodesTable).limit(1);
    for (const f of firms.slice(0, 3)) await db.insert(enterpriseChainNodes).values({ enterpriseId: f.id, nodeId: node!.id }).onConflictDoNothing();
    for (const f of [firms[3]!, firms[4]!]) await db.insert(enterpriseChainNodes).values({ enterpriseId: f.id, nodeId: node!.id }).onConflictDoNothing();
    for (const s of [applicant, applicant, other]) {
      const r = await as(t, s)('POST', '/api/services/requests', { category: 'permits', title: '药品生产许可证变更', description: '—' });
      expect(r.statusCode, r.body).toBe(201);
    }
    const themes = (await as(t, commission)('GET', '/api/services/request-themes')).json().items;
    expect(themes).toEqual([expect.objectContaining({ nodeId: node!.id, category: 'permits', requests: 3, enterprises: 2, open: 3 })]);
    expect(themes[0].proposalZh).toContain('修订');
    expect((await as(t, applicant)('GET', '/api/services/request-themes')).statusCode).toBe(403);
  });
});
