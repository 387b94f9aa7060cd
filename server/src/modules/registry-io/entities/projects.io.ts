import { and, inArray, isNull } from 'drizzle-orm';
import { PROJECT_STAGE_ZH, PROJECT_STAGES, projectFilterSchema, projectInputSchema, type ProjectInput } from '../../../../../contracts/projects.ts';
import { projects } from '../../../db/schema/index.ts';
import type { ColumnSpec } from '../../../domain/spreadsheet/columns.ts';
import { normalizeHeader } from '../../../domain/spreadsheet/headers.ts';
import { projectScope, projectAccess, projectWriteScope, findProjectRow, listProjects, unsafeFindProjectsByCode, auditView, insertProject, updateProjectRow } from '../../projects/index.ts';
import type { ReferenceIndex } from '../../registry-common/index.ts';
import type { RegistryEntity } from '../entity.ts';
import { departmentOptions, domainOptions, nodeOptions, zoneOptions } from './options.ts';

export const PROJECT_STAGE_OPTIONS = PROJECT_STAGES.map((s) => ({ value: s, label: PROJECT_STAGE_ZH[s] }));

function stageColumns(): ColumnSpec[] {
  return PROJECT_STAGES.flatMap((s) => [
    { key: `planned_${s}`, header: `${PROJECT_STAGE_ZH[s]}计划日期`, kind: 'date' as const, width: 13, note: `计划进入“${PROJECT_STAGE_ZH[s]}”阶段的日期` },
    { key: `actual_${s}`, header: `${PROJECT_STAGE_ZH[s]}实际日期`, kind: 'date' as const, width: 13, note: `实际进入“${PROJECT_STAGE_ZH[s]}”阶段的日期；尚未到达的阶段不填` },
  ]);
}

function columns(index: ReferenceIndex): ColumnSpec[] {
  return [
    { key: 'code', header: '项目编号', kind: 'text', width: 18, note: '字母、数字和连字符；留空由系统生成。再次导入时按编号识别同一项目' },
    { key: 'name', header: '项目名称', required: true, kind: 'text', width: 34, note: '项目全称' },
    { key: 'investorName', header: '投资方', aliases: ['投资主体', '投资方名称'], required: true, kind: 'text', width: 28, note: '投资企业或机构名称' },
    { key: 'investorUscc', header: '投资方统一社会信用代码', kind: 'text', width: 22, note: '投资方为本区已登记企业（增资扩产）时填写' },
    { key: 'domain', header: '重点领域', kind: 'enum', options: domainOptions(index), note: '四大重点领域之一' },
    { key: 'zone', header: '所在功能区', aliases: ['功能区', '落地园区'], kind: 'enum', options: zoneOptions(index), note: '项目落地的功能区' },
    { key: 'chainNodes', header: '产业链节点', kind: 'list', options: nodeOptions(index), width: 22, note: '可多选，用顿号分隔' },
    { key: 'totalInvestment', header: '总投资（万元）', aliases: ['总投资'], kind: 'number', width: 14, note: '数字，单位万元' },
    { key: 'expectedAnnualOutput', header: '达产产值（万元）', aliases: ['预计达产产值（万元）', '达产产值'], kind: 'number', width: 16, note: '达产后预计年产值，数字，单位万元' },
    {
      key: 'responsibleDepartment',
      header: '责任单位',
      kind: 'enum',
      options: departmentOptions(index),
      width: 16,
      note: '如 区投资促进办；责任单位用户只能导入本单位负责的项目，留空即为本单位',
    },
    { key: 'stage', header: '当前阶段', kind: 'enum', options: PROJECT_STAGE_OPTIONS, note: '线索 / 在谈 / 签约 / 开工 / 竣工 / 投产 / 达产；留空为线索' },
    ...stageColumns(),
    { key: 'planClauseKeys', header: '关联政策条款', kind: 'list', width: 18, note: '政策条款编号，多个用顿号分隔，如 task-03-m2' },
    { key: 'note', header: '备注', kind: 'text', width: 30, note: '不超过1000字' },
  ];
}

const FIELDS = ['code', 'name', 'investorName', 'investorUscc', 'domain', 'zone', 'chainNodes', 'totalInvestment', 'expectedAnnualOutput', 'responsibleDepartment', 'stage', 'planClauseKeys', 'note'];

const nameKey = (name: string, investor: string) => `name:${normalizeHeader(name)}|${normalizeHeader(investor)}`;

export const projectsEntity: RegistryEntity<ProjectInput> = {
  name: 'projects',
  labelZh: '项目',
  labelEn: 'projects',
  sheetName: '项目库',
  permissions: { import: 'project.import', export: 'project.export' },
  columns,
  contract: projectInputSchema,
  /** The project code; without one, the name together with the investor. */
  keyOf: (input) => (input.code ? `code:${input.code}` : nameKey(input.name, input.investorName)),
  keyLabel: '项目编号（或项目名称与投资方）',
  keyColumn: 'code',
  toInput(cells, present, stored) {
    const input: Record<string, unknown> = { ...(stored ?? {}) };
    for (const key of FIELDS) if (present.has(key)) input[key] = cells[key];
    const storedStages = (stored?.stages as { stage: string; plannedOn: string | null; actualOn: string | null }[] | undefined) ?? [];
    input.stages = PROJECT_STAGES.map((stage) => {
      const s = storedStages.find((x) => x.stage === stage);
      return {
        stage,
        plannedOn: present.has(`planned_${stage}`) ? cells[`planned_${stage}`] : (s?.plannedOn ?? null),
        actualOn: present.has(`actual_${stage}`) ? cells[`actual_${stage}`] : (s?.actualOn ?? null),
      };
    });
    if (input.stage === null) delete input.stage;
    return input;
  },
  columnOfPath(path) {
    const [head, index, leaf] = path;
    if (head === 'stages' && typeof index === 'number') return `${leaf === 'actualOn' ? 'actual' : 'planned'}_${PROJECT_STAGES[index] ?? 'lead'}`;
    return typeof head === 'string' ? head : null;
  },
  async findExisting(ctx, inputs) {
    const codes = inputs.map((i) => i.code).filter((c): c is string => !!c);
    const names = inputs.filter((i) => !i.code).map((i) => i.name);
    const byCode = await unsafeFindProjectsByCode(ctx.tx, codes);
    // unsafe: identity only (name + investor), never shown; writability is decided by projectWriteScope below.
    const byName = names.length
      ? await ctx.tx
          .select({ id: projects.id, name: projects.name, investorName: projects.investorName })
          .from(projects)
          .where(and(inArray(projects.name, names), isNull(projects.deletedAt)))
      : [];
    const ids = [...byCode.map((r) => r.id), ...byName.map((r) => r.id)];
    const writable = await projectAccess.allowedIds(ctx.tx, ctx.caller.actor, 'import', ids);
    const result = new Map<string, { id: string; writable: boolean }>();
    for (const r of byCode) result.set(`code:${r.code}`, { id: r.id, writable: writable.has(r.id) });
    for (const r of byName) result.set(nameKey(r.name, r.investorName), { id: r.id, writable: writable.has(r.id) });
    return result;
  },
  async storedView(ctx, id) {
    const row = await findProjectRow(ctx.tx, projectWriteScope(ctx.caller.actor), id);
    return row ? await auditView(ctx.tx, row, ctx.index) : {};
  },
  async insert(ctx, input) {
    await insertProject(ctx.tx, ctx.deps, ctx.caller, input, ctx.index, { source: 'import', audit: false });
  },
  async update(ctx, id, input) {
    await updateProjectRow(ctx.tx, ctx.deps, ctx.caller, id, null, input, ctx.index, { source: 'import', audit: false });
  },
  exportFilter: projectFilterSchema,
  async *exportRows(db, actor, filter, index, today) {
    const scope = projectScope(actor);
    const size = 500;
    for (let page = 1; ; page++) {
      const { items } = await listProjects(db, scope, filter, page, size, today);
      if (items.length === 0) return;
      for (const item of items) {
        const view = await auditView(db, item.row, index);
        const row: Record<string, unknown> = { ...view };
        for (const s of view.stages) {
          row[`planned_${s.stage}`] = s.plannedOn;
          row[`actual_${s.stage}`] = s.actualOn;
        }
        yield row;
      }
      if (items.length < size) return;
    }
  },
};

