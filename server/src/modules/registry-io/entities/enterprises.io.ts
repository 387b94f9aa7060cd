import { inArray, and } from 'drizzle-orm';
import { maskPersonal, restoreMasked } from '../../../domain/security/personal-info.ts';
import { enterpriseFilterSchema, enterpriseInputSchema, type EnterpriseInput } from '../../../../../contracts/enterprises.ts';
import { enterprises } from '../../../db/schema/index.ts';
import type { ColumnSpec } from '../../../domain/spreadsheet/columns.ts';
import { auditViewOfEnterprise, chainNodesOf, findEnterpriseRow, listEnterprises, unsafeFindEnterprisesByUscc, enterpriseScope, enterpriseAccess, enterpriseWriteScope, insertEnterprise, nodeCodesOf, updateEnterpriseRow } from '../../enterprises/index.ts';
import type { ReferenceIndex } from '../../registry-common/index.ts';
import type { RegistryEntity } from '../entity.ts';
import { domainOptions, nodeOptions, zoneOptions, carrierOptions, subfieldOptions } from './options.ts';

export const STAGE_OPTIONS = [
  { value: 'incubating', label: '孵化' },
  { value: 'accelerating', label: '加速' },
  { value: 'industrialized', label: '产业化' },
];
export const TAG_OPTIONS = [
  { value: 'leader', label: '龙头企业' },
  { value: 'chain-leader', label: '链主企业' },
  { value: 'specialized', label: '专精特新' },
  { value: 'high-tech', label: '高新技术企业' },
];
export const STATUS_OPTIONS = [
  { value: 'active', label: '在营' },
  { value: 'closed', label: '注销' },
  { value: 'moved-away', label: '迁出' },
];

function columns(index: ReferenceIndex): ColumnSpec[] {
  return [
    { key: 'uscc', header: '统一社会信用代码', aliases: ['社会信用代码', '信用代码'], required: true, kind: 'text', width: 22, note: '18位，末位为校验码（GB 32100-2015）；同一代码只能登记一次' },
    { key: 'name', header: '企业名称', required: true, kind: 'text', width: 34, note: '营业执照上的全称' },
    { key: 'domain', header: '重点领域', kind: 'enum', options: domainOptions(index), note: '四大重点领域之一' },
    { key: 'subfield', header: '细分领域', kind: 'text', options: subfieldOptions(), width: 16, note: '政策列出的细分领域，如 抗体药物、可降解塑料' },
    { key: 'zone', header: '所在功能区', aliases: ['功能区', '所在园区', '园区'], kind: 'enum', options: zoneOptions(index), note: '“一城一港一湾一园一谷”之一；园区用户只能导入本园区企业，留空即为本园区' },
    { key: 'carrier', header: '所在载体', aliases: ['载体'], kind: 'enum', options: carrierOptions(index), width: 22, note: '孵化器、加速器、产业园或公共平台，须位于所选功能区' },
    { key: 'stage', header: '发展阶段', kind: 'enum', options: STAGE_OPTIONS, note: '孵化 / 加速 / 产业化；留空为孵化' },
    { key: 'isAboveScale', header: '规上企业', aliases: ['是否规上'], kind: 'boolean', note: '是 / 否' },
    { key: 'isManufacturing', header: '制造业企业', kind: 'boolean', note: '是 / 否（统计制造业产值时使用）；留空为是' },
    { key: 'tags', header: '企业标签', aliases: ['标签'], kind: 'list', options: TAG_OPTIONS, width: 22, note: '可多选，用顿号分隔：龙头企业、链主企业、专精特新、高新技术企业' },
    { key: 'chainNodes', header: '产业链节点', kind: 'list', options: nodeOptions(index), width: 22, note: '可多选，用顿号分隔；第一个为主要节点' },
    { key: 'foundedOn', header: '成立日期', kind: 'date', width: 12, note: '日期，格式 YYYY-MM-DD' },
    { key: 'status', header: '经营状态', kind: 'enum', options: STATUS_OPTIONS, note: '在营 / 注销 / 迁出；留空为在营' },
    { key: 'exitedOn', header: '注销或迁出日期', aliases: ['退出日期'], kind: 'date', width: 14, note: '仅注销或迁出的企业填写' },
    { key: 'contactName', header: '联系人', kind: 'text', note: '主要联系人姓名' },
    { key: 'contactPhone', header: '联系电话', kind: 'text', width: 15, note: '手机11位或座机（如 021-57000000）' },
    { key: 'address', header: '地址', kind: 'text', width: 30, note: '注册或经营地址' },
    { key: 'note', header: '备注', kind: 'text', width: 30, note: '不超过1000字' },
  ];
}

const FIELDS = ['uscc', 'name', 'domain', 'subfield', 'zone', 'carrier', 'stage', 'isAboveScale', 'isManufacturing', 'tags', 'chainNodes', 'foundedOn', 'status', 'exitedOn', 'address', 'note'];

export const enterprisesEntity: RegistryEntity<EnterpriseInput> = {
  name: 'enterprises',
  labelZh: '企业',
  labelEn: 'enterprises',
  sheetName: '企业名录',
  permissions: { import: 'enterprise.import', export: 'enterprise.export' },
  columns,
  contract: enterpriseInputSchema,
  keyOf: (input) => input.uscc,
  keyLabel: '统一社会信用代码',
  keyColumn: 'uscc',
  toInput(cells, present, stored) {
    const input: Record<string, unknown> = { ...(stored ?? {}) };
    for (const key of FIELDS) if (present.has(key)) input[key] = cells[key];
    if (present.has('contactName') || present.has('contactPhone')) {
      const contacts = [...((stored?.contacts as Record<string, unknown>[] | undefined) ?? [])];
      const first = { ...(contacts[0] ?? {}) };
      // An exported file holds the masked contact (张*, 138****5678): unchanged, it keeps the stored value.
      if (present.has('contactName')) first.name = restoreMasked('name', cells.contactName as string | null, [first.name as string | null]);
      if (present.has('contactPhone')) first.phone = restoreMasked('mobile', cells.contactPhone as string | null, [first.phone as string | null]);
      if (first.name == null && first.phone == null) contacts.shift();
      else contacts[0] = first;
      input.contacts = contacts;
    }
    // Blank reference cells mean "none"; blank defaults fall back to the contract's default.
    for (const key of ['stage', 'status', 'isManufacturing', 'isAboveScale']) if (input[key] === null) delete input[key];
    return input;
  },
  columnOfPath(path) {
    const [head, , leaf] = path;
    if (head === 'contacts') return leaf === 'phone' ? 'contactPhone' : 'contactName';
    return typeof head === 'string' ? head : null;
  },
  async findExisting(ctx, inputs) {
    const found = await unsafeFindEnterprisesByUscc(ctx.tx, inputs.map((i) => i.uscc));
    const ids = found.map((f) => f.id);
    const writable = await enterpriseAccess.allowedIds(ctx.tx, ctx.caller.actor, 'import', ids);
    return new Map(found.map((f) => [f.uscc, { id: f.id, writable: writable.has(f.id) }]));
  },
  async storedView(ctx, id) {
    const row = await findEnterpriseRow(ctx.tx, enterpriseWriteScope(ctx.caller.actor), id);
    return row ? auditViewOfEnterprise(row, ctx.index, await nodeCodesOf(ctx.tx, id)) : {};
  },
  async insert(ctx, input) {
    await insertEnterprise(ctx.tx, ctx.deps, ctx.caller, input, ctx.index, { source: 'import', audit: false });
  },
  async update(ctx, id, input) {
    await updateEnterpriseRow(ctx.tx, ctx.deps, ctx.caller, id, null, input, ctx.index, { source: 'import', audit: false });
  },
  exportFilter: enterpriseFilterSchema,
  async *exportRows(db, actor, filter, index) {
    const scope = enterpriseScope(actor);
    const size = 500;
    for (let page = 1; ; page++) {
      const { items } = await listEnterprises(db, scope, filter, page, size);
      const ids = items.map((i) => i.id);
      if (ids.length === 0) return;
      const rows = new Map((await db.select().from(enterprises).where(inArray(enterprises.id, ids))).map((r) => [r.id, r]));
      const nodes = await chainNodesOf(db, ids);
      for (const id of ids) {
        const view = auditViewOfEnterprise(rows.get(id)!, index, (nodes.get(id) ?? []).map((n) => n.code));
        // Personal information leaves masked (138****5678), as the profile shows it; the clear values only
        // through the audited reveal. Importing the file back keeps the stored values (toInput).
        const first = view.contacts[0];
        yield { ...view, contacts: [], contactName: maskPersonal('name', first?.name ?? null), contactPhone: maskPersonal('mobile', first?.phone ?? null) };
      }
      if (items.length < size) return;
    }
  },
};
