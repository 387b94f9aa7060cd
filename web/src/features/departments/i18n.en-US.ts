import type { departmentsZhCN } from './i18n.zh-CN.ts';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

export const departmentsEnUS: Strings<typeof departmentsZhCN> = {
  subtitle: 'District units responsible for plan tasks, projects and department accounts',
  searchPlaceholder: 'Full or short name, code or contact',
  fullName: 'Full name',
  create: 'New department',
  createTitle: 'New department',
  editTitle: 'Edit department',
  references: 'Referenced by',
  referenceCounts: '{{planTasks}} task(s) of the active plan · {{projects}} project(s) · {{users}} user account(s)',
  inUseHint: 'A department that is still referenced cannot be deleted; reassign its tasks, projects or accounts first.',
  codeHint: 'Lower-case letters, digits, hyphens (e.g. kewei)',
  sortOrderHint: 'Smaller numbers come first',
  ownOnly: 'A department account sees its own department only.',
};
