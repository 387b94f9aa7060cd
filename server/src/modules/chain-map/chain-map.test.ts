import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChainMapNode, ChainMapView } from '../../../../contracts/chain-map.ts';
import type { Role } from '../../../../contracts/roles.ts';
import { activeSession, departmentId, zoneId } from '../../../../test/fixtures.ts';
import { as, createTestApp, type Session, type TestApp } from '../../../../test/test-app.ts';
import type { Db } from '../../db/client.ts';
import { chainTemplates, zoneByCode } from '../../seed/reference/index.ts';
import { rebuildRollups } from '../statistics/rollup.repository.ts';
import { rowsOf } from '../statistics/sql-rows.ts';
import { insertFixture, type FixtureEnterprise, type FixtureReport } from '../statistics/stats-fixture.test-support.ts';

/**
 * The chain map against an independent computation over the same raw rows: per node the enterprises, 规上
 * count, output YTD, domain share and comparable growth are recomputed here from the fixture's reports (approved
 * only, SPEC §4), the strength from the formula as written in the decision record, and compared with what the
 * API returns — for the commission (district), a park (its zone) and a department (no figures).
 */

let t: TestApp;
let db: Db;
let enterprises: FixtureEnterprise[];
let reports: FixtureReport[];
const sessions = new Map<Role, Session>();
const PERIOD = { year: 2024, month: 6 };
const NODE_DOMAIN = new Map(chainTemplates.flatMap((tpl) => tpl.nodes.map((n) => [n.code, tpl.domainCode] as const)));
const NODES_IN_DOMAIN = new Map(chainTemplates.map((tpl) => [tpl.domainCode, tpl.nodes.length]));
let projectNode: string;
let leadProjectId: string;

beforeAll(async () => {
  t = await createTestApp();
  db = t.deps.database.db;
  ({ enterprises, reports } = await insertFixture(db, { seed: 13, enterprises: 70, years: [2023, 2024], partialShare: 0.15 }));
  await db.transaction(async (tx) => rebuildRollups(tx as unknown as Db));
  // Projects on the first biomedicine node: a lead and a signed one in the medicine port, a producing one (out of the pipeline).
  projectNode = chainTemplates.find((c) => c.domainCode === 'biomedicine')!.nodes[0]!.code;
  const port = await zoneId(t, 'medicine-port');
  const kewei = await departmentId(t, 'kewei');
  const make = async (code: string, stage: string, dept: string | null) => {
    const [row] = await rowsOf<{ id: string }>(
      db,
      sql`INSERT INTO projects (code, name, investor_name, zone_id, stage, responsible_department_id) VALUES (${code}, ${`链图测试项目${code}`}, '测试投资方', ${port}, ${stage}, ${dept}) RETURNING id`,
    );
    await db.execute(sql`INSERT INTO project_chain_nodes (project_id, node_id) SELECT ${row!.id}, id FROM chain_nodes WHERE code = ${projectNode}`);
    return row!.id;
  };
  leadProjectId = await make('CM-1', 'lead', kewei);
  await make('CM-2', 'signed', null);
  await make('CM-3', 'producing', kewei);
  sessions.set('commission', await activeSession(t, 'cm_commission', 'commission'));
  sessions.set('park', await activeSession(t, 'cm_park', 'park', port));
  sessions.set('department', await activeSession(t, 'cm_department', 'department', kewei));
  sessions.set('enterprise', await activeSession(t, 'cm_enterprise', 'enterprise', enterprises[0]!.id));
}, 180_000);
afterAll(async () => t?.close());

const get = async (role: Role, url: string) => as(t, sessions.get(role)!)('GET', url);

/** YTD output of approved reports (万元) of one enterprise for (year, 1..month). */
function ytd(id: string, year: number, month: number): number {
  return reports.filter((r) => r.enterpriseId === id && r.year === year && r.month <= month && r.status === 'approved').reduce((s, r) => s + Number(r.values.output ?? 0), 0);
}
const inComparableSet = (id: string) => reports.some((r) => r.enterpriseId === id && r.year === PERIOD.year && r.month === PERIOD.month && r.status === 'approved' && r.values.output !== null);

/** The strength as written in the decision record, computed here without the module's code. */
function expectedNode(code: string, visible: FixtureEnterprise[], figures: boolean, projects: { n: number; signed: number }) {
  const members = visible.filter((e) => e.node === code);
  const domain = NODE_DOMAIN.get(code)!;
  const out = members.reduce((s, e) => s + ytd(e.id, PERIOD.year, PERIOD.month), 0);
  const domainOut = visible.filter((e) => e.node && NODE_DOMAIN.get(e.node) === domain).reduce((s, e) => s + ytd(e.id, PERIOD.year, PERIOD.month), 0);
  const c = members.filter((e) => inComparableSet(e.id));
  const cy = c.reduce((s, e) => s + ytd(e.id, PERIOD.year, PERIOD.month), 0);
  const cb = c.reduce((s, e) => s + ytd(e.id, PERIOD.year - 1, PERIOD.month), 0);
  const above = members.filter((e) => e.aboveScale).length;
  const parts: [number, number | null][] = [
    // a signed project without investor or expected output: one committed new enterprise, no output (decision 0035)
    [0.2, Math.min(1, (members.length + projects.signed) / 5)],
    [0.25, figures ? Math.min(1, (domainOut > 0 ? out / domainOut : 0) * NODES_IN_DOMAIN.get(domain)!) : null],
    [0.15, figures && cb > 0 ? Math.min(1, Math.max(0, (cy / cb - 1 + 0.2) / 0.4)) : null],
    [0.15, Math.min(1, above / 2)],
    [0.15, Math.min(1, projects.signed / 2)],
  ];
  const present = parts.filter((p) => p[1] !== null);
  const strength = members.length + projects.signed === 0 ? 0 : present.reduce((s, p) => s + p[0] * p[1]!, 0) / present.reduce((s, p) => s + p[0], 0);
  return { enterprises: members.length, aboveScale: above, outputYtd: figures ? out : null, growth: figures && cb > 0 ? cy / cb - 1 : null, strength, gap: 0.5 * (1 - strength), projects: projects.n };
}

function compare(view: ChainMapView, visible: FixtureEnterprise[], figures: boolean, projectsOf: (code: string) => { n: number; signed: number }) {
  for (const node of view.gaps) {
    const e = expectedNode(node.code, visible, figures, projectsOf(node.code));
    expect({ code: node.code, enterprises: node.enterprises, aboveScale: node.aboveScale, projects: node.projects }).toEqual({ code: node.code, enterprises: e.enterprises, aboveScale: e.aboveScale, projects: e.projects });
    if (e.outputYtd === null) expect(node.outputYtd).toBeNull();
    else expect(node.outputYtd!).toBeCloseTo(e.outputYtd, 3);
    if (e.growth === null) expect(node.growth).toBeNull();
    else expect(node.growth!).toBeCloseTo(e.growth, 5);
    expect(node.strength).toBeCloseTo(e.strength, 3);
    expect(node.gap).toBeCloseTo(e.gap, 3);
  }
  for (let i = 1; i < view.gaps.length; i++) expect(view.gaps[i - 1]!.gap).toBeGreaterThanOrEqual(view.gaps[i]!.gap);
}

const period = `${PERIOD.year}-0${PERIOD.month}`;

describe('chain map: gap scores against an independent computation', () => {
  it('commission: every node of every domain, district figures', async () => {
    const r = await get('commission', `/api/chain-map?period=${period}`);
    expect(r.statusCode, r.body).toBe(200);
    const view = r.json() as ChainMapView;
    expect(view.figuresVisible).toBe(true);
    expect(view.gaps).toHaveLength(NODE_DOMAIN.size);
    expect(view.gaps.some((n) => n.enterprises > 0 && n.growth !== null)).toBe(true);
    compare(view, enterprises, true, (code) => (code === projectNode ? { n: 2, signed: 1 } : { n: 0, signed: 0 }));
  });

  it('park: its zone’s enterprises and projects, on its zone’s designated domains only', async () => {
    const r = await get('park', `/api/chain-map?period=${period}`);
    expect(r.statusCode, r.body).toBe(200);
    const view = r.json() as ChainMapView;
    expect(view.zone).toBe('medicine-port');
    expect(view.domains.map((d) => d.code)).toEqual([...zoneByCode.get('medicine-port')!.domainCodes]);
    const mine = enterprises.filter((e) => e.zone === 'medicine-port');
    compare(view, mine, true, (code) => (code === projectNode ? { n: 2, signed: 1 } : { n: 0, signed: 0 }));
    expect((await get('park', `/api/chain-map?zone=innovation-city`)).statusCode).toBe(403);
  });

  it('department: counts within its scopes and no figures (strength without output share and growth)', async () => {
    const r = await get('department', `/api/chain-map?period=${period}`);
    expect(r.statusCode, r.body).toBe(200);
    const view = r.json() as ChainMapView;
    expect(view.figuresVisible).toBe(false);
    expect(view.gaps.every((n) => n.outputYtd === null && n.share === null && n.growth === null)).toBe(true);
    // Its own projects only: the lead one (kewei); the signed one has no responsible department.
    compare(view, enterprises, false, (code) => (code === projectNode ? { n: 1, signed: 0 } : { n: 0, signed: 0 }));
  });

  it('a zone filter narrows the commission’s map to that zone', async () => {
    const view = (await get('commission', `/api/chain-map?period=${period}&zone=materials-bay`)).json() as ChainMapView;
    expect(view.domains.map((d) => d.code).sort()).toEqual([...zoneByCode.get('materials-bay')!.domainCodes].sort());
    compare(view, enterprises.filter((e) => e.zone === 'materials-bay'), true, () => ({ n: 0, signed: 0 }));
  });

  it('the enterprise role has no chain map', async () => {
    expect((await get('enterprise', '/api/chain-map')).statusCode).toBe(403);
  });
});

describe('chain map: weights, signing, lists and export', () => {
  it('the commission sets a weight (audited, versioned); the gap follows; a stale version is refused', async () => {
    const before = ((await get('commission', `/api/chain-map?period=${period}`)).json() as ChainMapView).gaps.find((n) => n.code === projectNode)!;
    const put = (role: Role, body: unknown) => as(t, sessions.get(role)!)('PUT', `/api/chain-map/nodes/${before.id}/importance`, body);
    expect((await put('department', { importance: 0.9, version: 0 })).statusCode).toBe(403);
    const ok = await put('commission', { importance: 0.9, reason: '补链重点', version: 0 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await put('commission', { importance: 0.8, version: 0 })).statusCode).toBe(409);
    const after = ((await get('commission', `/api/chain-map?period=${period}`)).json() as ChainMapView).gaps.find((n) => n.code === projectNode)!;
    expect(after.importance).toBe(0.9);
    expect(after.importanceSet).toBe(true);
    expect(after.gap).toBeCloseTo(0.9 * (1 - before.strength), 3);
    const [audit] = await rowsOf<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'chain-map.weight-update' AND object_id = ${before.id}`);
    expect(Number(audit!.n)).toBe(1);
  });

  it('signing a project raises the node’s strength on the next read (no recompute job)', async () => {
    const gapOf = async () => ((await get('commission', `/api/chain-map?period=${period}`)).json() as ChainMapView).gaps.find((n) => n.code === projectNode)!;
    const before = await gapOf();
    await db.execute(sql`UPDATE projects SET stage = 'signed' WHERE id = ${leadProjectId}`);
    const after = await gapOf();
    expect(after.signedProjects).toBe(before.signedProjects + 1);
    expect(after.gap).toBeLessThan(before.gap);
    await db.execute(sql`UPDATE projects SET stage = 'lead' WHERE id = ${leadProjectId}`);
  });

  it('node lists stay in scope: a park lists only its zone’s enterprises; figures only with statistics access', async () => {
    const node = enterprises.find((e) => e.node && e.zone === 'medicine-port' && NODE_DOMAIN.get(e.node) === 'biomedicine')!;
    const id = ((await get('commission', '/api/chain-map')).json() as ChainMapView).gaps.find((n) => n.code === node.node)!.id;
    const park = (await get('park', `/api/chain-map/nodes/${id}?period=${period}`)).json();
    const names = [...park.leading, ...park.suppliers].map((m: { name: string }) => m.name);
    const expected = enterprises.filter((e) => e.node === node.node && e.zone === 'medicine-port').length;
    expect(names).toHaveLength(expected);
    const dept = (await get('department', `/api/chain-map/nodes/${id}`)).json();
    expect([...dept.leading, ...dept.suppliers].every((m: { outputYtd: number | null }) => m.outputYtd === null)).toBe(true);
  });

  it('exports the N lists: the gap list in ranked order with its inputs, members within the caller’s scope', async () => {
    const view = (await get('park', `/api/chain-map?period=${period}`)).json() as ChainMapView;
    const r = await get('park', `/api/chain-map/export?period=${period}`);
    expect(r.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as never);
    const gaps = wb.getWorksheet('缺链补链清单')!;
    expect(gaps.rowCount - 1).toBe(view.gaps.length);
    view.gaps.forEach((n: ChainMapNode, i) => {
      const row = gaps.getRow(i + 2);
      expect([row.getCell(3).value, row.getCell(8).value, row.getCell(9).value]).toEqual([n.code, n.gap, n.enterprises]);
    });
    const listed = new Set<string>();
    for (const sheet of ['龙头企业', '配套企业']) wb.getWorksheet(sheet)!.eachRow((row, i) => i > 1 && listed.add(String(row.getCell(3).value)));
    const mine = enterprises.filter((e) => e.zone === 'medicine-port' && e.node && NODE_DOMAIN.get(e.node) === 'biomedicine');
    expect(listed.size).toBe(mine.length);
  });
});

describe('chain map: platforms, experts, open warnings and platform gaps on a node (issue 13 §1, issue 14 §1)', () => {
  it('counts them on the node for the hover, lists them on the node page and in the export', async () => {
    const member = enterprises.find((e) => e.node && e.zone === 'medicine-port')!;
    const other = enterprises.find((e) => e.node && e.node !== member.node && e.zone === 'materials-bay')!;
    const now = t.clock.now();
    const [platform] = await rowsOf<{ id: string }>(db, sql`INSERT INTO platforms (code, name, kind, operator_enterprise_id) VALUES ('CM-PLAT', '链图测试公共平台', 'testing', ${member.id}) RETURNING id`);
    // Two open requests for an instrument type the district lacks, by the node's enterprise; one by another node's.
    for (const e of [member, member, other]) {
      await db.execute(sql`INSERT INTO instrument_demands (enterprise_id, kind, description, hours_per_month, created_at) VALUES (${e.id}, '链图测试冷冻电镜', '结构解析', 10, ${now})`);
    }
    await db.execute(sql`INSERT INTO warning_rules (code, kind, subject_kind, name_zh, name_en, description_zh, description_en, level, owner_role, enabled, params, escalate_after_days, updated_at)
      VALUES ('cm-test', 'cm-test', 'enterprise', '链图测试规则', 'chain map test rule', '测试', 'test', 'orange', 'park', true, '{}'::jsonb, 7, now()) ON CONFLICT DO NOTHING`);
    const rule = { code: 'cm-test' };
    const port = await zoneId(t, 'medicine-port');
    for (const status of ['open', 'resolved']) {
      await db.execute(sql`INSERT INTO warnings (rule_code, rule_version, subject_kind, subject_key, subject_label, level, status, owner_role, zone_id, enterprise_id, explanation_zh, explanation_en, opened_at, updated_at, evaluated_at)
        VALUES (${rule.code}, 1, 'enterprise', ${`cm-${status}`}, '链图测试预警', 'orange', ${status}, 'park', ${port}, ${member.id}, '测试', 'test', ${now}, ${now}, ${now})`);
    }
    const view = (await get('commission', `/api/chain-map?period=${period}`)).json() as ChainMapView;
    const node = view.gaps.find((n) => n.code === member.node)!;
    const [experts] = await rowsOf<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM experts WHERE deleted_at IS NULL AND ${node.domain} = ANY(domain_codes)`);
    expect({ platforms: node.platforms, experts: node.experts, openWarnings: node.openWarnings, platformGaps: node.platformGaps }).toEqual({ platforms: 1, experts: Number(experts!.n), openWarnings: 1, platformGaps: 1 });
    const item = view.platformGaps.find((g) => g.label === '链图测试冷冻电镜')!;
    expect(item).toMatchObject({ gapKind: 'missing', demand: 3, enterprises: 2, hoursPerMonth: 30 });
    expect(item.nodes.map((n) => n.code).sort()).toEqual([member.node, other.node].sort());
    const lists = (await get('commission', `/api/chain-map/nodes/${node.id}?period=${period}`)).json();
    expect(lists.platforms.map((p: { id: string }) => p.id)).toEqual([platform!.id]);
    expect(lists.warnings.map((w: { subject: string }) => w.subject)).toEqual(['链图测试预警']);
    expect(lists.platformGaps.map((g: { label: string }) => g.label)).toEqual(['链图测试冷冻电镜']);
    // A department reads no warning outside its scope: none on this node.
    const dept = ((await get('department', `/api/chain-map?period=${period}`)).json() as ChainMapView).gaps.find((n) => n.code === member.node)!;
    expect(dept.openWarnings).toBe(0);
    const r = await get('commission', `/api/chain-map/export?period=${period}&node=${node.id}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as never);
    const gapSheet = wb.getWorksheet('平台缺口清单')!;
    expect(gapSheet.rowCount).toBe(2);
    expect([gapSheet.getRow(2).getCell(1).value, gapSheet.getRow(2).getCell(2).value, gapSheet.getRow(2).getCell(4).value]).toEqual(['区内缺少', '链图测试冷冻电镜', 3]);
    const names: string[] = [];
    wb.getWorksheet('平台与专家')!.eachRow((row, i) => i > 1 && names.push(String(row.getCell(4).value)));
    expect(names).toContain('链图测试公共平台');
  });
});
