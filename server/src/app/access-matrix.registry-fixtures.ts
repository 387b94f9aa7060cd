import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import type { Role } from '../../../contracts/roles.ts';
import type { ProjectInput } from '../../../contracts/projects.ts';
import { testUscc } from '../../../test/fixtures.ts';
import type { Session, TestApp } from '../../../test/test-app.ts';
import type { Db } from '../db/client.ts';
import { carrierOccupants, carriers, chainNodesTable, chainTemplatesTable, enterprises, experts, platforms, projects } from '../db/schema/index.ts';
import { referenceData } from '../seed/reference/index.ts';
import { consoleOperatorCaller } from '../modules/registry-common/caller.ts';
import { todayIso } from '../modules/registry-common/optimistic.ts';
import { loadReferenceIndex } from '../modules/registry-common/reference-index.ts';
import { insertProject } from '../modules/projects/project.service.ts';
import { XLSX_MIME } from '../lib/spreadsheet.ts';

/**
 * Fixtures of the registries' matrix rows (access-matrix.registries.ts): projects, carriers, Excel routes.
 * Expected visibility is computed from how the fixtures are built:
 * - projects: P-own (medicine-port, 区科委, invested by the enterprise account's firm), P-zone (medicine-port,
 *   区投资促进办), P-foreign (innovation-city, 区投资促进办, invested by the foreign firm);
 * - carriers: the reference carriers (seeded with the reference data) by their zone.
 */
export type RegistryKind = 'projects' | 'carriers';

export interface RegistryMatrixFixtures {
  ownEnterpriseId: string;
  ownEnterpriseUscc: string;
  ownProjectId: string;
  foreignProjectId: string;
  projectCodes: Set<string>;
  /** Every fixture key of a kind (project codes, carrier codes). */
  keys: Record<RegistryKind, Set<string>>;
  ownCarrierId: string;
  foreignCarrierId: string;
  platformId: string;
  expertId: string;
  templateId: string;
  nodeId: string;
  visible: Record<RegistryKind, Map<Role, Set<string>>>;
  newEnterprise: (deleted?: boolean) => Promise<string>;
  enterpriseVersion: (id: string) => Promise<number>;
  newProject: (deleted?: boolean) => Promise<string>;
  projectVersion: (id: string) => Promise<number>;
  newCarrier: (deleted?: boolean) => Promise<string>;
  newOccupant: () => Promise<string>;
  newPlatform: (deleted?: boolean) => Promise<string>;
  newExpert: (deleted?: boolean) => Promise<string>;
  newNode: () => Promise<string>;
  version: (table: 'carriers' | 'platforms' | 'experts' | 'chainTemplates' | 'chainNodes', id: string) => Promise<number>;
  importReport: (role: Role | null, entity: string) => Promise<string>;
  workbook: (entity: string) => Promise<Buffer>;
  today: string;
}

export const READERS = ['leader', 'commission', 'department', 'park', 'enterprise'] as const;
export const ALL_BUSINESS = [...READERS, 'expert', 'platform'] as const;
/** The expert pool: every business role but the platform operators (docs/decisions/0017). */
export const EXPERT_READERS = [...READERS, 'expert'] as const;
export const CARRIER_READERS = ['leader', 'commission', 'department', 'park'] as const;

export async function buildRegistryMatrixFixtures(
  t: TestApp,
  sessions: Map<Role, Session>,
  matrix: { own: { id: string; uscc: string }; foreign: { id: string; uscc: string } },
): Promise<RegistryMatrixFixtures> {
  const db = t.deps.database.db;
  const caller = consoleOperatorCaller();
  let n = 0;
  const project = async (input: Partial<ProjectInput> & { name: string }) =>
    db.transaction(async (tx) => {
      const index = await loadReferenceIndex(tx as unknown as Db);
      const row = await insertProject(
        tx as unknown as Db,
        t.deps,
        caller,
        { code: `MX-${++n}-${Math.random().toString(36).slice(2, 6)}`, investorName: '矩阵投资方', chainNodes: [], planClauseKeys: [], stages: [], stage: 'lead', ...input } as ProjectInput,
        index,
        { source: 'seed', audit: false },
      );
      return row;
    });
  const own = await project({ name: '矩阵测试甲项目', zone: 'medicine-port', responsibleDepartment: 'kewei', investorUscc: matrix.own.uscc });
  const zone = await project({ name: '矩阵测试乙项目', zone: 'medicine-port', responsibleDepartment: 'touzi' });
  const foreign = await project({ name: '矩阵测试丙项目', zone: 'innovation-city', responsibleDepartment: 'touzi', investorUscc: matrix.foreign.uscc });
  const all = new Set([own.code, zone.code, foreign.code]);
  const projectsVisible = new Map<Role, Set<string>>([
    ['leader', all],
    ['commission', all],
    ['department', new Set([own.code])],
    ['park', new Set([own.code, zone.code])],
    ['enterprise', new Set([own.code])],
  ]);

  const carrierKeys = new Set(referenceData.carriers.map((c) => c.code));
  const carriersVisible = new Map<Role, Set<string>>([
    ['leader', carrierKeys],
    ['commission', carrierKeys],
    ['department', carrierKeys],
    ['park', new Set(referenceData.carriers.filter((c) => c.zoneCode === 'medicine-port').map((c) => c.code))],
  ]);
  const carrierId = async (code: string) => (await db.select({ id: carriers.id }).from(carriers).where(eq(carriers.code, code)))[0]!.id;
  const ownCarrierId = await carrierId('zjjs-biomed-park');
  const foreignCarrierId = await carrierId('zhongke-digital-port');
  const newPlatform = async (deleted = false) =>
    (await db.insert(platforms).values({ code: `mx-platform-${++n}`, name: `矩阵平台${n}`, kind: 'testing', deletedAt: deleted ? new Date() : null }).returning({ id: platforms.id }))[0]!.id;
  const newExpert = async (deleted = false) =>
    (await db.insert(experts).values({ code: `MX-E-${++n}`, name: `矩阵专家${n}`, phone: '13900000000', deletedAt: deleted ? new Date() : null }).returning({ id: experts.id }))[0]!.id;
  const [template] = await db.select().from(chainTemplatesTable).where(eq(chainTemplatesTable.code, 'chain-biomedicine'));
  const newNode = async () =>
    (await db.insert(chainNodesTable).values({ templateId: template!.id, code: `mx-node-${++n}`, nameZh: `矩阵节点${n}`, nameEn: `Matrix node ${n}`, stage: 'upstream' }).returning({ id: chainNodesTable.id }))[0]!.id;
  const platformId = await newPlatform();
  const expertId = await newExpert();
  const nodeId = await newNode();
  const tables = { carriers, platforms, experts, chainTemplates: chainTemplatesTable, chainNodes: chainNodesTable } as const;

  async function workbook(entity: string): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    if (entity === 'enterprises') {
      const s = wb.addWorksheet('企业名录');
      s.addRow(['统一社会信用代码', '企业名称', '所在功能区']);
      s.addRow([testUscc(), `矩阵导入${++n}有限公司`, '生物医药港']);
    } else if (entity === 'projects') {
      const s = wb.addWorksheet('项目库');
      s.addRow(['项目名称', '投资方', '所在功能区', '责任单位']);
      s.addRow([`矩阵导入项目${++n}`, '矩阵投资方', '生物医药港', '区科委']);
    } else if (entity === 'carriers') {
      const s = wb.addWorksheet('载体库');
      s.addRow(['载体名称', '载体类型', '所在功能区']);
      s.addRow([`矩阵导入载体${++n}`, '孵化器', '生物医药港']);
    } else if (entity === 'platforms') {
      const s = wb.addWorksheet('平台库');
      s.addRow(['平台名称', '平台类型']);
      s.addRow([`矩阵导入平台${++n}`, '检验检测']);
    } else if (entity === 'candidates') {
      const s = wb.addWorksheet('招商候选企业库');
      s.addRow(['企业名称', '产业链节点']);
      s.addRow([`矩阵导入候选企业${++n}`, '培养基']);
    } else {
      const s = wb.addWorksheet('专家库');
      s.addRow(['专家编号', '姓名']);
      s.addRow([`MX-I-${++n}`, '矩阵导入专家']);
    }
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  return {
    ownEnterpriseId: matrix.own.id,
    ownEnterpriseUscc: matrix.own.uscc,
    ownProjectId: own.id,
    foreignProjectId: foreign.id,
    projectCodes: all,
    visible: { projects: projectsVisible, carriers: carriersVisible },
    keys: { projects: all, carriers: carrierKeys },
    ownCarrierId,
    foreignCarrierId,
    platformId,
    expertId,
    templateId: template!.id,
    nodeId,
    async newCarrier(deleted = false) {
      const [row] = await db
        .insert(carriers)
        .values({ code: `mx-carrier-${++n}`, nameZh: `矩阵载体${n}`, carrierType: 'incubator', zoneId: (await db.select({ z: carriers.zoneId }).from(carriers).where(eq(carriers.id, ownCarrierId)))[0]!.z, deletedAt: deleted ? new Date() : null })
        .returning({ id: carriers.id });
      return row!.id;
    },
    async newOccupant() {
      const [row] = await db.insert(carrierOccupants).values({ carrierId: ownCarrierId, enterpriseId: matrix.own.id, moveInOn: '2024-01-01', leasedAreaM2: '100' }).returning({ id: carrierOccupants.id });
      return row!.id;
    },
    newPlatform,
    newExpert,
    newNode,
    async version(table, id) {
      const t = tables[table];
      const [row] = await db.select({ v: t.version }).from(t).where(eq(t.id, id));
      return row!.v;
    },
    today: todayIso(t.deps.clock()),
    async newEnterprise(deleted = false) {
      const [row] = await db
        .insert(enterprises)
        .values({ uscc: testUscc(), name: `矩阵临时${++n}有限公司`, deletedAt: deleted ? new Date() : null })
        .returning({ id: enterprises.id });
      return row!.id;
    },
    async enterpriseVersion(id) {
      const [row] = await db.select({ v: enterprises.version }).from(enterprises).where(eq(enterprises.id, id));
      return row!.v;
    },
    async newProject(deleted = false) {
      const row = await project({ name: `矩阵临时项目${n}`, zone: 'medicine-port', responsibleDepartment: 'kewei' });
      if (deleted) await db.update(projects).set({ deletedAt: new Date() }).where(eq(projects.id, row.id));
      return row.id;
    },
    async projectVersion(id) {
      const [row] = await db.select({ v: projects.version }).from(projects).where(eq(projects.id, id));
      return row!.v;
    },
    async importReport(role, entity) {
      const session = role ? sessions.get(role) : undefined;
      if (!session) return crypto.randomUUID();
      const bad: Record<string, [string, string[]]> = {
        enterprises: ['企业名录', ['统一社会信用代码', '企业名称']],
        projects: ['项目库', ['项目名称', '投资方']],
        carriers: ['载体库', ['载体名称', '载体类型']],
        platforms: ['平台库', ['平台名称', '平台类型']],
        experts: ['专家库', ['专家编号', '姓名']],
        candidates: ['招商候选企业库', ['企业名称', '产业链节点']],
      };
      const [sheetName, header] = bad[entity]!;
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet(sheetName).addRow(header);
      wb.worksheets[0]!.addRow(['X', '']);
      const r = await t.app.inject({
        method: 'POST',
        url: `/api/${entity}/import`,
        payload: Buffer.from(await wb.xlsx.writeBuffer()),
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': XLSX_MIME },
      });
      return r.statusCode === 200 ? (r.json().reportId ?? crypto.randomUUID()) : crypto.randomUUID();
    },
    workbook,
  };
}

/** Keys (project or carrier codes) in a list response or in the first column of an export. */
export async function registryKeysIn(route: string, body: Buffer | string, json: () => { items: { code: string }[] }): Promise<string[]> {
  if (!route.endsWith('/export')) return json().items.map((i) => i.code);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as never);
  const values: string[] = [];
  workbook.worksheets[0]!.eachRow((row, index) => index > 1 && values.push(String(row.getCell(1).value)));
  return values;
}
