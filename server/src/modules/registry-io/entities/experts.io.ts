import { maskPersonal } from '../../../domain/security/personal-info.ts';
import { and, inArray } from 'drizzle-orm';
import { expertFilterSchema, expertInputSchema, type ExpertInput } from '../../../../../contracts/experts.ts';
import type { ColumnSpec } from '../../../domain/spreadsheet/columns.ts';
import { canSeeExpertContacts, expertScope, expertAccess, auditViewOfExpert, conflictsOf, insertExpert, listExperts, storedExpertView, unsafeFindExperts, updateExpertRow } from '../../experts/index.ts';
import type { ReferenceIndex } from '../../registry-common/index.ts';
import type { RegistryEntity } from '../entity.ts';
import { domainOptions } from './options.ts';

function columns(index: ReferenceIndex): ColumnSpec[] {
  return [
    { key: 'code', header: '专家编号', required: true, kind: 'text', width: 16, note: '字母、数字和连字符，如 ZJ-0001；再次导入时按编号识别' },
    { key: 'name', header: '姓名', required: true, kind: 'text', note: '' },
    { key: 'title', header: '职称', kind: 'text', note: '如 教授、研究员' },
    { key: 'affiliation', header: '工作单位', kind: 'text', width: 28, note: '' },
    { key: 'domains', header: '擅长领域', kind: 'list', options: domainOptions(index), width: 24, note: '重点领域，多个用顿号分隔' },
    { key: 'fields', header: '研究方向', kind: 'list', width: 28, note: '多个用顿号分隔' },
    { key: 'isCommitteeMember', header: '专家委员会委员', kind: 'boolean', note: '是 / 否' },
    { key: 'phone', header: '联系电话', kind: 'text', width: 15, note: '仅区经委可见' },
    { key: 'email', header: '电子邮箱', kind: 'text', width: 22, note: '仅区经委可见' },
    { key: 'note', header: '备注', kind: 'text', width: 30, note: '利益冲突申报请在专家详情页维护' },
  ];
}
const FIELDS = ['code', 'name', 'title', 'affiliation', 'domains', 'fields', 'isCommitteeMember', 'phone', 'email', 'note'];

export const expertsEntity: RegistryEntity<ExpertInput> = {
  name: 'experts',
  labelZh: '专家',
  labelEn: 'experts',
  sheetName: '专家库',
  permissions: { import: 'expert.import', export: 'expert.export' },
  columns,
  contract: expertInputSchema,
  keyOf: (input) => input.code ?? null,
  keyLabel: '专家编号',
  keyColumn: 'code',
  toInput(cells, present, stored) {
    const input: Record<string, unknown> = { ...(stored ?? {}) };
    for (const key of FIELDS) if (present.has(key)) input[key] = cells[key];
    if (input.isCommitteeMember === null) delete input.isCommitteeMember;
    return input;
  },
  columnOfPath: (path) => (typeof path[0] === 'string' ? path[0] : null),
  async findExisting(ctx, inputs) {
    const found = await unsafeFindExperts(ctx.tx, inputs.map((i) => i.code).filter((c): c is string => !!c));
    const ids = found.map((f) => f.id);
    const writable = await expertAccess.allowedIds(ctx.tx, ctx.caller.actor, 'import', ids);
    return new Map(found.map((f) => [f.code, { id: f.id, writable: writable.has(f.id) }]));
  },
  storedView: (ctx, id) => storedExpertView(ctx.tx, ctx.caller, id),
  async insert(ctx, input) {
    await insertExpert(ctx.tx, ctx.deps, ctx.caller, input, ctx.index, { source: 'import', audit: false });
  },
  async update(ctx, id, input) {
    await updateExpertRow(ctx.tx, ctx.deps, ctx.caller, id, null, input, ctx.index, { source: 'import', audit: false });
  },
  exportFilter: expertFilterSchema,
  async *exportRows(db, actor, filter) {
    const contacts = canSeeExpertContacts(actor);
    for (let page = 1; ; page++) {
      const { items } = await listExperts(db, expertScope(actor), filter, page, 500);
      if (items.length === 0) return;
      const conflicts = await conflictsOf(db, items.map((i) => i.id));
      for (const row of items) {
        const view = auditViewOfExpert(row, conflicts);
        // Contact details leave the system only for the commission (SECURITY: expert.policy.ts), and masked
        // (138****5678) as the list shows them; importing the file back keeps the stored values.
        yield { ...view, phone: contacts ? maskPersonal('mobile', view.phone) : null, email: contacts ? maskPersonal('email', view.email) : null };
      }
      if (items.length < 500) return;
    }
  },
};
