import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { DepartmentInput, DepartmentReferences, DepartmentView } from '../../../../contracts/departments.ts';
import { inTransaction, type AppDeps } from '../../app/deps.ts';
import { AppError, errors } from '../../app/errors.ts';
import type { Db } from '../../db/client.ts';
import { departments } from '../../db/schema/index.ts';
import { type Caller, isUniqueViolation, staleVersion, listHistory, recordChange } from '../registry-common/index.ts';
import { maskPersonalColumns, openPersonalColumns, restorePersonalColumns, sealPersonalColumns, type PersonalColumns } from '../crypto/index.ts';
import { deletedDepartmentScope, departmentScope, departmentWriteScope } from './department.policy.ts';
import { countDepartmentReferences, findDepartment, type DepartmentRow } from './department.repository.ts';

export const notFoundDepartment = () => errors.notFound('部门', 'department');
/** A department's contact is stored sealed (personal-fields.ts); opened by the presenter and audit view only. */
export const DEPARTMENT_PERSONAL: PersonalColumns = { contactName: 'name', contactPhone: 'mobile' };

/** The department's contact in the clear. */
export function contactOfDepartment(row: DepartmentRow) {
  const open = openPersonalColumns({ id: row.id, contactName: row.contactName, contactPhone: row.contactPhone }, DEPARTMENT_PERSONAL);
  return { contactName: open.contactName, contactPhone: open.contactPhone };
}

export function presentDepartment(row: DepartmentRow, references: DepartmentReferences | null = null): DepartmentView {
  return {
    id: row.id,
    code: row.code,
    nameZh: row.nameZh,
    shortNameZh: row.shortNameZh,
    // name_en is NOT NULL since 0001; a department recorded without an English name stores ''.
    nameEn: row.nameEn || null,
    // Masked by default (张*, 138****5678); the clear values through the audited reveal route.
    ...maskPersonalColumns(contactOfDepartment(row), DEPARTMENT_PERSONAL),
    sortOrder: row.sortOrder,
    note: row.note,
    references,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The contract's fields: what the history and the audit record compare. */
function auditView(row: DepartmentRow) {
  return {
    code: row.code,
    nameZh: row.nameZh,
    shortNameZh: row.shortNameZh,
    nameEn: row.nameEn || null,
    ...contactOfDepartment(row),
    sortOrder: row.sortOrder,
    note: row.note,
  };
}

function valuesOf(input: DepartmentInput) {
  return {
    code: input.code,
    nameZh: input.nameZh,
    shortNameZh: input.shortNameZh,
    nameEn: input.nameEn ?? '',
    contactName: input.contactName ?? null,
    contactPhone: input.contactPhone ?? null,
    sortOrder: input.sortOrder,
    note: input.note ?? null,
  };
}

/** 409 naming what still points at the department, so the operator knows what to reassign first. */
export function departmentInUse(refs: DepartmentReferences): AppError {
  return new AppError(
    409,
    'DEPARTMENT_IN_USE',
    `该部门仍被引用，不能删除：现行规划中的任务 ${refs.planTasks} 项、项目 ${refs.projects} 个、用户账户 ${refs.users} 个（共 ${refs.planTasks + refs.projects + refs.users} 处）。请先调整这些引用。`,
    `The department is still referenced and cannot be deleted: ${refs.planTasks} task(s) of the active plan, ${refs.projects} project(s), ${refs.users} user account(s) (${refs.planTasks + refs.projects + refs.users} in all). Reassign them first.`,
    [
      { rule: 'planTasks', message: String(refs.planTasks), messageEn: String(refs.planTasks) },
      { rule: 'projects', message: String(refs.projects), messageEn: String(refs.projects) },
      { rule: 'users', message: String(refs.users), messageEn: String(refs.users) },
    ],
  );
}

async function guarded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError(409, 'DEPARTMENT_CODE_TAKEN', '部门代码已被使用（含已删除的部门）', 'The department code is taken (deleted departments included)');
    throw error;
  }
}

export function createDepartmentService(deps: AppDeps) {
  const db = () => deps.database.db;
  const view = async (dbx: Db, caller: Caller, id: string) => {
    const row = await findDepartment(dbx, departmentScope(caller.actor), id);
    if (!row) throw notFoundDepartment();
    return presentDepartment(row, await countDepartmentReferences(dbx, id));
  };
  const requireCommission = (caller: Caller) => {
    if (caller.actor.role !== 'commission') throw new AppError(403, 'OUT_OF_SCOPE', '部门由区经委维护', 'Departments are maintained by the commission');
  };
  return {
    get: (caller: Caller, id: string) => view(db(), caller, id),
    /** The clear contact of one department in the caller's scope; audited. */
    revealContact: (caller: Caller, id: string) =>
      inTransaction(deps, async (tx) => {
        const row = await findDepartment(tx, departmentScope(caller.actor), id);
        if (!row) throw notFoundDepartment();
        await deps.audit.inTransaction(tx, caller.audit, caller.origin, { action: 'personal.reveal', objectType: 'department', objectId: id, details: { fields: ['contactName', 'contactPhone'] } });
        return contactOfDepartment(row);
      }),
    create: (caller: Caller, input: DepartmentInput) =>
      guarded(() =>
        inTransaction(deps, async (tx) => {
          requireCommission(caller);
          const now = deps.clock();
          // The id is chosen here so the contact is sealed bound to it.
          const id = randomUUID();
          const values = sealPersonalColumns(id, restorePersonalColumns(valuesOf(input), null, DEPARTMENT_PERSONAL), DEPARTMENT_PERSONAL);
          const [row] = await tx.insert(departments).values({ ...values, id, createdAt: now, updatedAt: now }).returning();
          await recordChange(tx, deps.audit, caller, { objectType: 'department', objectId: row!.id, action: 'department.create', before: null, after: auditView(row!) }, now);
          return view(tx, caller, row!.id);
        }),
      ),
    update: (caller: Caller, id: string, version: number, input: DepartmentInput) =>
      guarded(() =>
        inTransaction(deps, async (tx) => {
          const before = await findDepartment(tx, departmentWriteScope(caller.actor), id);
          if (!before) throw notFoundDepartment();
          const now = deps.clock();
          const [row] = await tx
            .update(departments)
            .set({ ...sealPersonalColumns(id, restorePersonalColumns(valuesOf(input), contactOfDepartment(before), DEPARTMENT_PERSONAL), DEPARTMENT_PERSONAL), version: sql`${departments.version} + 1`, updatedAt: now })
            .where(and(eq(departments.id, id), eq(departments.version, version)))
            .returning();
          if (!row) throw staleVersion(before.version);
          await recordChange(tx, deps.audit, caller, { objectType: 'department', objectId: id, action: 'department.update', before: auditView(before), after: auditView(row) }, now);
          return view(tx, caller, id);
        }),
      ),
    remove: (caller: Caller, id: string) =>
      inTransaction(deps, async (tx) => {
        if (!(await findDepartment(tx, departmentWriteScope(caller.actor), id))) throw notFoundDepartment();
        const refs = await countDepartmentReferences(tx, id);
        if (refs.planTasks + refs.projects + refs.users > 0) throw departmentInUse(refs);
        const now = deps.clock();
        await tx.update(departments).set({ deletedAt: now, updatedAt: now, version: sql`${departments.version} + 1` }).where(eq(departments.id, id));
        await recordChange(tx, deps.audit, caller, { objectType: 'department', objectId: id, action: 'department.delete', before: { deleted: false }, after: { deleted: true } }, now);
        return { id, deletedAt: now.toISOString() };
      }),
    restore: (caller: Caller, id: string) =>
      inTransaction(deps, async (tx) => {
        if (!(await findDepartment(tx, deletedDepartmentScope(caller.actor), id))) throw notFoundDepartment();
        const now = deps.clock();
        await tx.update(departments).set({ deletedAt: null, updatedAt: now, version: sql`${departments.version} + 1` }).where(eq(departments.id, id));
        await recordChange(tx, deps.audit, caller, { objectType: 'department', objectId: id, action: 'department.restore', before: { deleted: true }, after: { deleted: false } }, now);
        return view(tx, caller, id);
      }),
    async history(caller: Caller, id: string) {
      if (!(await findDepartment(db(), departmentScope(caller.actor), id))) throw notFoundDepartment();
      return { items: await listHistory(db(), 'department', id) };
    },
  };
}
