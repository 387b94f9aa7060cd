import { z } from 'zod';
import { pageOf, paginationQuerySchema, searchTextSchema } from './common.ts';
import { msg, optionalText, phoneSchema, referenceCodeSchema, sortOrderSchema, versionSchema } from './registry-common.ts';

/**
 * Departments (部门 / 责任单位): the units the policy names as responsible for tasks and measures, projects'
 * responsible departments, and the scope of `department` accounts. Referred to elsewhere by `code`.
 */
const departmentFields = {
  code: referenceCodeSchema,
  /** Full name, e.g. 上海市金山区科学技术委员会. */
  nameZh: z.string().trim().min(2, msg('部门全称至少2个字', 'The full name needs at least 2 characters')).max(100),
  /** Short name as the policy texts write it, e.g. 区科委. */
  shortNameZh: z.string().trim().min(2, msg('部门简称至少2个字', 'The short name needs at least 2 characters')).max(40),
  /** Optional: an English name for the English UI; blank shows the Chinese name. */
  nameEn: optionalText(160),
  contactName: optionalText(32),
  contactPhone: z.preprocess((v) => (v === '' ? null : v), phoneSchema.nullable().optional()),
  /** Blank (a cleared number field) means 0. */
  sortOrder: z.preprocess((v) => (v === null || v === '' ? undefined : v), z.number().int().min(0).max(100_000).default(0)),
  note: optionalText(1000),
};
export const departmentInputSchema = z.object(departmentFields);
export type DepartmentInput = z.infer<typeof departmentInputSchema>;
export const departmentUpdateSchema = z.object({ ...departmentFields, version: versionSchema });

/** How many live records point at a department: a department with any of them cannot be deleted. */
export const departmentReferencesSchema = z.object({
  /** Tasks (and safeguards) of the active plan version naming the department as a responsible unit. */
  planTasks: z.number().int(),
  /** Projects (not deleted) with the department as 责任单位. */
  projects: z.number().int(),
  /** Active accounts scoped to the department. */
  users: z.number().int(),
});
export type DepartmentReferences = z.infer<typeof departmentReferencesSchema>;

export const departmentViewSchema = z.object({
  id: z.string(),
  code: z.string(),
  nameZh: z.string(),
  shortNameZh: z.string().nullable(),
  nameEn: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  sortOrder: z.number().int(),
  note: z.string().nullable(),
  /** Filled on the detail endpoint only (null in lists, where counting per row is not worth it). */
  references: departmentReferencesSchema.nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type DepartmentView = z.infer<typeof departmentViewSchema>;

export const departmentFilterSchema = z.object({
  q: searchTextSchema.optional(),
  sort: z.enum(['sortOrder', 'code', 'name', 'updatedAt']).optional(),
  order: sortOrderSchema,
});
export const departmentListQuerySchema = paginationQuerySchema.extend(departmentFilterSchema.shape);
export const departmentPageSchema = pageOf(departmentViewSchema);
