import type { chasingZhCN } from './chasing.i18n.zh-CN.ts';

type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };

/** English strings of report chasing and batch review (same keys as chasing.i18n.zh-CN.ts). */
export const chasingEnUS: DeepStrings<typeof chasingZhCN> = {
  open: 'Chase reports',
  title: 'Chase reports: enterprises not reported or not approved for {{period}}',
  period: 'Month',
  zone: 'Zone',
  allZones: 'All zones',
  enterprise: 'Enterprise',
  status: 'Status',
  deadline: 'Deadline',
  overdue: 'Overdue',
  contact: 'Contact',
  lastReminded: 'Last reminder',
  never: 'Not yet',
  remind: 'Remind',
  remindAll: 'Remind all',
  export: 'Export list',
  empty: 'No enterprise to chase for this month',
  statuses: { none: 'Not started', draft: 'Draft', submitted: 'Awaiting park review', 'park-reviewed': 'Awaiting approval', returned: 'Returned' },
  remindResult: 'Reminded {{reminded}}; already reminded today {{already}}; without an account {{noAccount}}; submitted and awaiting review {{awaiting}} (not reminded)',
  batchPass: 'Pass selected ({{count}})',
  batchApprove: 'Approve selected ({{count}})',
  batchConfirm_one: 'Validate and pass the {{count}} selected report? If it fails validation it keeps its status.',
  batchConfirm_other: 'Validate and pass the {{count}} selected reports one by one? A report that fails validation keeps its status.',
  batchTitle: 'Batch result: {{succeeded}} succeeded, {{failed}} failed',
  outcome: 'Outcome',
  ok: 'Done',
  failed: 'Failed',
  reason: 'Reason',
  zoneFilter: 'Zone',
};
