import { CANDIDATE_SOURCE_ZH, SIZE_TIER_ZH, candidateFilterSchema, candidateInputSchema, type CandidateInput } from '../../../../../contracts/attraction.ts';
import type { ColumnSpec } from '../../../domain/spreadsheet/columns.ts';
import { normalizeHeader } from '../../../domain/spreadsheet/headers.ts';
import { auditViewOfCandidate, candidateAccess, findCandidate, insertCandidate, listCandidates, unsafeFindCandidatesByCode, updateCandidateRow } from '../../attraction/index.ts';
import type { ReferenceIndex } from '../../registry-common/index.ts';
import type { RegistryEntity } from '../entity.ts';
import { domainOptions, nodeOptions } from './options.ts';

const SOURCE_OPTIONS = Object.entries(CANDIDATE_SOURCE_ZH).map(([value, label]) => ({ value, label }));
const TIER_OPTIONS = Object.entries(SIZE_TIER_ZH).map(([value, label]) => ({ value, label }));

function columns(index: ReferenceIndex): ColumnSpec[] {
  return [
    { key: 'code', header: '候选企业编号', kind: 'text', width: 22, note: '小写字母、数字和连字符；留空由系统生成' },
    { key: 'name', header: '企业名称', required: true, kind: 'text', width: 34, note: '' },
    { key: 'domain', header: '重点领域', kind: 'enum', options: domainOptions(index), note: '留空取第一个节点所属领域' },
    { key: 'chainNodes', header: '产业链节点', required: true, kind: 'list', options: nodeOptions(index), width: 24, note: '可多选，用顿号分隔；第一个为主节点' },
    { key: 'sizeTier', header: '规模', kind: 'enum', options: TIER_OPTIONS, note: '龙头 / 大型 / 中型 / 小型' },
    { key: 'annualRevenue', header: '年营业收入（万元）', kind: 'number', width: 16, note: '单位：万元' },
    { key: 'employees', header: '员工人数', kind: 'number', note: '整数' },
    { key: 'city', header: '所在城市', kind: 'text', note: '' },
    { key: 'province', header: '所在省份', kind: 'text', note: '' },
    { key: 'isListed', header: '上市公司', kind: 'boolean', note: '是 / 否' },
    { key: 'products', header: '主要产品', kind: 'list', width: 30, note: '多项用顿号分隔' },
    { key: 'source', header: '线索来源', kind: 'enum', options: SOURCE_OPTIONS, note: '展会 / 以商引商 / 行业协会 / 产业研究 / 主动来访 / 其他' },
    { key: 'note', header: '备注', kind: 'text', width: 30, note: '' },
  ];
}
const FIELDS = ['code', 'name', 'domain', 'chainNodes', 'sizeTier', 'annualRevenue', 'employees', 'city', 'province', 'isListed', 'products', 'source', 'note'];
const nameKey = (name: string) => `name:${normalizeHeader(name)}`;

/** 招商候选企业 (issue 13 §3): `template|import|export candidates`, same conventions as the other registries. */
export const candidatesEntity: RegistryEntity<CandidateInput> = {
  name: 'candidates',
  labelZh: '招商候选企业',
  labelEn: 'investment candidates',
  sheetName: '招商候选企业库',
  permissions: { import: 'candidate.import', export: 'candidate.export' },
  columns,
  contract: candidateInputSchema,
  keyOf: (input) => (input.code ? `code:${input.code}` : nameKey(input.name)),
  keyLabel: '候选企业编号（或名称）',
  keyColumn: 'code',
  toInput(cells, present, stored) {
    const input: Record<string, unknown> = { ...(stored ?? {}) };
    for (const key of FIELDS) if (present.has(key)) input[key] = cells[key];
    if (input.isListed === null) delete input.isListed;
    if (input.source === null) delete input.source;
    if (input.products === null) input.products = [];
    return input;
  },
  columnOfPath: (path) => (typeof path[0] === 'string' ? path[0] : null),
  async findExisting(ctx, inputs) {
    const found = await unsafeFindCandidatesByCode(ctx.tx, inputs.map((i) => i.code).filter((c): c is string => !!c), inputs.filter((i) => !i.code).map((i) => i.name));
    const writable = await candidateAccess.allowedIds(ctx.tx, ctx.caller.actor, 'import', found.map((f) => f.id));
    const result = new Map<string, { id: string; writable: boolean }>();
    for (const f of found) {
      result.set(`code:${f.code}`, { id: f.id, writable: writable.has(f.id) });
      result.set(nameKey(f.name), { id: f.id, writable: writable.has(f.id) });
    }
    return result;
  },
  async storedView(ctx, id) {
    const row = await findCandidate(ctx.tx, ctx.caller.actor, id);
    return row ? auditViewOfCandidate(row, ctx.index) : {};
  },
  async insert(ctx, input) {
    await insertCandidate(ctx.tx, ctx.deps, ctx.caller, input, ctx.index, { source: 'import', audit: false });
  },
  async update(ctx, id, input) {
    await updateCandidateRow(ctx.tx, ctx.deps, ctx.caller, id, null, input, ctx.index, { source: 'import', audit: false });
  },
  exportFilter: candidateFilterSchema,
  async *exportRows(db, actor, filter, index) {
    for (let page = 1; ; page++) {
      const { items } = await listCandidates(db, actor, filter, page, 500);
      if (items.length === 0) return;
      for (const item of items) yield auditViewOfCandidate(item, index);
      if (items.length < 500) return;
    }
  },
};
