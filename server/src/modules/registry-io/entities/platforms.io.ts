import { maskPersonalColumns } from '../../crypto/index.ts';
import { and, inArray } from 'drizzle-orm';
import { platformFilterSchema, platformInputSchema, type PlatformInput } from '../../../../../contracts/platforms.ts';
import type { ColumnSpec } from '../../../domain/spreadsheet/columns.ts';
import { normalizeHeader } from '../../../domain/spreadsheet/headers.ts';
import { platformScope, platformAccess, auditViewOfPlatform, insertPlatform, listPlatforms, storedPlatformView, unsafeFindPlatforms, updatePlatformRow, platformWriteScope, PLATFORM_PERSONAL } from '../../platforms/index.ts';
import type { ReferenceIndex } from '../../registry-common/index.ts';
import type { RegistryEntity } from '../entity.ts';
import { carrierOptions, zoneOptions } from './options.ts';

export const PLATFORM_KIND_OPTIONS = [
  { value: 'rd', label: '研发平台' },
  { value: 'testing', label: '检验检测' },
  { value: 'cro', label: 'CRO' },
  { value: 'cmo', label: 'CMO' },
  { value: 'cdmo', label: 'CDMO' },
];

function columns(index: ReferenceIndex): ColumnSpec[] {
  return [
    { key: 'code', header: '平台编号', kind: 'text', width: 24, note: '小写字母、数字和连字符；留空由系统生成' },
    { key: 'name', header: '平台名称', required: true, kind: 'text', width: 34, note: '' },
    { key: 'kind', header: '平台类型', required: true, kind: 'enum', options: PLATFORM_KIND_OPTIONS, note: '研发平台 / 检验检测 / CRO / CMO / CDMO' },
    { key: 'zone', header: '所在功能区', kind: 'enum', options: zoneOptions(index), note: '' },
    { key: 'carrier', header: '所在载体', kind: 'enum', options: carrierOptions(index), width: 22, note: '' },
    { key: 'operatorUscc', header: '运营企业统一社会信用代码', kind: 'text', width: 22, note: '由本区已登记企业运营时填写' },
    { key: 'namedInPolicy', header: '政策点名平台', kind: 'boolean', note: '是 / 否：政策文本中点名建设的平台' },
    { key: 'services', header: '服务内容', kind: 'list', width: 30, note: '多项用顿号分隔' },
    { key: 'contactName', header: '联系人', kind: 'text', note: '' },
    { key: 'contactPhone', header: '联系电话', kind: 'text', width: 15, note: '' },
    { key: 'note', header: '备注', kind: 'text', width: 30, note: '' },
  ];
}
const FIELDS = ['code', 'name', 'kind', 'zone', 'carrier', 'operatorUscc', 'namedInPolicy', 'services', 'contactName', 'contactPhone', 'note'];
const nameKey = (name: string) => `name:${normalizeHeader(name)}`;

export const platformsEntity: RegistryEntity<PlatformInput> = {
  name: 'platforms',
  labelZh: '平台',
  labelEn: 'platforms',
  sheetName: '平台库',
  permissions: { import: 'platform.import', export: 'platform.export' },
  columns,
  contract: platformInputSchema,
  keyOf: (input) => (input.code ? `code:${input.code}` : nameKey(input.name)),
  keyLabel: '平台编号（或名称）',
  keyColumn: 'code',
  toInput(cells, present, stored) {
    const input: Record<string, unknown> = { ...(stored ?? {}) };
    for (const key of FIELDS) if (present.has(key)) input[key] = cells[key];
    if (input.namedInPolicy === null) delete input.namedInPolicy;
    return input;
  },
  columnOfPath: (path) => (typeof path[0] === 'string' ? path[0] : null),
  async findExisting(ctx, inputs) {
    const found = await unsafeFindPlatforms(ctx.tx, inputs.map((i) => i.code).filter((c): c is string => !!c), inputs.filter((i) => !i.code).map((i) => i.name));
    const ids = found.map((f) => f.id);
    const writable = await platformAccess.allowedIds(ctx.tx, ctx.caller.actor, 'import', ids);
    const result = new Map<string, { id: string; writable: boolean }>();
    for (const f of found) {
      result.set(`code:${f.code}`, { id: f.id, writable: writable.has(f.id) });
      result.set(nameKey(f.name), { id: f.id, writable: writable.has(f.id) });
    }
    return result;
  },
  storedView: (ctx, id) => storedPlatformView(ctx.tx, ctx.caller, id, ctx.index),
  async insert(ctx, input) {
    await insertPlatform(ctx.tx, ctx.deps, ctx.caller, input, ctx.index, { source: 'import', audit: false });
  },
  async update(ctx, id, input) {
    await updatePlatformRow(ctx.tx, ctx.deps, ctx.caller, id, null, input, ctx.index, { source: 'import', audit: false });
  },
  exportFilter: platformFilterSchema,
  async *exportRows(db, actor, filter, index) {
    for (let page = 1; ; page++) {
      const { items } = await listPlatforms(db, platformScope(actor), filter, page, 500);
      if (items.length === 0) return;
      // The contact leaves masked (张*, 138****5678); importing the file back keeps the stored values.
      for (const item of items) yield maskPersonalColumns(auditViewOfPlatform(item, index), PLATFORM_PERSONAL);
      if (items.length < 500) return;
    }
  },
};
