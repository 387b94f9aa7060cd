import { carrierFilterSchema, carrierInputSchema, type CarrierInput } from '../../../../../contracts/carriers.ts';
import type { ColumnSpec } from '../../../domain/spreadsheet/columns.ts';
import { normalizeHeader } from '../../../domain/spreadsheet/headers.ts';
import { carrierScope, carrierAccess, carrierWriteScope, findCarrier, listCarriers, occupantsOf, unsafeFindCarriers, auditViewOfCarrier, insertCarrier, presentCarrier, updateCarrierRow } from '../../carriers/index.ts';
import type { ReferenceIndex } from '../../registry-common/index.ts';
import type { RegistryEntity } from '../entity.ts';
import { zoneOptions } from './options.ts';

export const CARRIER_TYPE_OPTIONS = [
  { value: 'incubator', label: '孵化器' },
  { value: 'accelerator', label: '加速器' },
  { value: 'industrial-park', label: '产业园' },
  { value: 'public-platform', label: '公共平台' },
];

function columns(index: ReferenceIndex): ColumnSpec[] {
  return [
    { key: 'code', header: '载体编号', kind: 'text', width: 24, note: '小写字母、数字和连字符（如 bay-biomed-port）；留空由系统生成。再次导入时按编号（无编号时按名称）识别' },
    { key: 'name', header: '载体名称', required: true, kind: 'text', width: 30, note: '载体全称' },
    { key: 'type', header: '载体类型', required: true, kind: 'enum', options: CARRIER_TYPE_OPTIONS, note: '孵化器 / 加速器 / 产业园 / 公共平台' },
    { key: 'zone', header: '所在功能区', aliases: ['功能区'], kind: 'enum', options: zoneOptions(index), note: '园区用户只能导入本园区载体，留空即为本园区' },
    { key: 'totalArea', header: '总面积（平方米）', aliases: ['总面积'], kind: 'number', width: 16, note: '建筑面积，平方米' },
    { key: 'leasableArea', header: '可租面积（平方米）', aliases: ['可租面积'], kind: 'number', width: 16, note: '可出租面积，平方米；出租率以此为分母' },
    { key: 'address', header: '地址', kind: 'text', width: 30, note: '' },
    { key: 'operatorName', header: '运营主体', kind: 'text', width: 24, note: '运营管理单位' },
    { key: 'openedOn', header: '启用日期', kind: 'date', width: 12, note: 'YYYY-MM-DD' },
    { key: 'note', header: '备注', kind: 'text', width: 30, note: '' },
    { key: 'leasedArea', header: '在租面积（平方米）', kind: 'number', exportOnly: true, width: 16, note: '导出时计算，导入时忽略' },
    { key: 'occupancyRate', header: '出租率', kind: 'number', exportOnly: true, note: '导出时计算（0–1），导入时忽略' },
  ];
}

const FIELDS = ['code', 'name', 'type', 'zone', 'totalArea', 'leasableArea', 'address', 'operatorName', 'openedOn', 'note'];
const nameKey = (name: string) => `name:${normalizeHeader(name)}`;

export const carriersEntity: RegistryEntity<CarrierInput> = {
  name: 'carriers',
  labelZh: '载体',
  labelEn: 'carriers',
  sheetName: '载体库',
  permissions: { import: 'carrier.import', export: 'carrier.export' },
  columns,
  contract: carrierInputSchema,
  keyOf: (input) => (input.code ? `code:${input.code}` : nameKey(input.name)),
  keyLabel: '载体编号（或名称）',
  keyColumn: 'code',
  toInput(cells, present, stored) {
    const input: Record<string, unknown> = { ...(stored ?? {}) };
    for (const key of FIELDS) if (present.has(key)) input[key] = cells[key];
    return input;
  },
  columnOfPath: (path) => (typeof path[0] === 'string' ? path[0] : null),
  async findExisting(ctx, inputs) {
    const found = await unsafeFindCarriers(ctx.tx, inputs.map((i) => i.code).filter((c): c is string => !!c), inputs.filter((i) => !i.code).map((i) => i.name));
    const ids = found.map((f) => f.id);
    const writable = await carrierAccess.allowedIds(ctx.tx, ctx.caller.actor, 'import', ids);
    const result = new Map<string, { id: string; writable: boolean }>();
    for (const f of found) {
      result.set(`code:${f.code}`, { id: f.id, writable: writable.has(f.id) });
      result.set(nameKey(f.name), { id: f.id, writable: writable.has(f.id) });
    }
    return result;
  },
  async storedView(ctx, id) {
    const found = await findCarrier(ctx.tx, carrierWriteScope(ctx.caller.actor), id);
    return found ? auditViewOfCarrier(found.row, ctx.index) : {};
  },
  async insert(ctx, input) {
    await insertCarrier(ctx.tx, ctx.deps, ctx.caller, input, ctx.index, { source: 'import', audit: false });
  },
  async update(ctx, id, input) {
    await updateCarrierRow(ctx.tx, ctx.deps, ctx.caller, id, null, input, ctx.index, { source: 'import', audit: false });
  },
  exportFilter: carrierFilterSchema,
  async *exportRows(db, actor, filter, index, today) {
    for (let page = 1; ; page++) {
      const { items } = await listCarriers(db, carrierScope(actor), filter, page, 500, today);
      if (items.length === 0) return;
      const occupants = await occupantsOf(db, items.map((i) => i.row.id));
      for (const item of items) {
        const view = presentCarrier(item, occupants, today);
        yield { ...auditViewOfCarrier(item.row, index), leasedArea: view.leasedArea, occupancyRate: view.occupancyRate };
      }
      if (items.length < 500) return;
    }
  },
};
