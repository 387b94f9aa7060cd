import type { auditZhCN } from './audit.i18n.zh-CN.ts';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

export const auditEnUS: Strings<typeof auditZhCN> = {
  subtitle: 'Tamper-evident record of every write and sign-in (read-only)',
  verify: 'Verify chain',
  verifyOk: 'The audit chain is intact: {{checked}} records checked, no tampering found.',
  verifyBroken: 'Audit chain check failed: a record was altered or is missing',
  verifyBrokenAt: 'First broken record: #{{seq}} ({{at}}), reason: {{reason}}. {{checked}} records checked.',
  export: 'Export to Excel',
  username: 'Username',
  action: 'Action',
  objectType: 'Object type',
  objectId: 'Object ID',
  outcome: 'Outcome',
  outcomes: { success: 'Success', failure: 'Failure', denied: 'Denied' },
  timeRange: 'Time range',
  seq: 'No.',
  at: 'Time',
  actor: 'Actor',
  ip: 'IP address',
  object: 'Object',
  before: 'Before',
  after: 'After',
  details: 'Details',
  empty: 'No audit records match the filters',
};
