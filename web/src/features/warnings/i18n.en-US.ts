import type { warningsZhCN } from './i18n.zh-CN.ts';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** The warnings strings in English. */
export const warningsEnUS: Shape<typeof warningsZhCN> = {
  title: 'Warnings',
  subtitle: '{{count}} in all',
  tabs: { list: 'Warnings', rules: 'Rules' },
  level: { blue: 'Blue', yellow: 'Yellow', orange: 'Orange', red: 'Red' },
  status: { open: 'Open', acknowledged: 'Acknowledged', handling: 'In handling', resolved: 'Resolved', dismissed: 'Dismissed', live: 'Not closed', closed: 'Closed' },
  owner: { park: 'Park committee', department: 'Responsible department', commission: 'Economic Commission' },
  subjectKind: { goal: 'Goal', zone: 'Zone', domain: 'Domain', 'chain-node': 'Chain node', enterprise: 'Enterprise', project: 'Project', report: 'Monthly report', 'supervision-item': 'Supervision item', 'enterprise-request': 'Enterprise request', 'carrier-lease': 'Carrier lease' },
  columns: { level: 'Level', rule: 'Rule', subject: 'Subject', zone: 'Zone', period: 'Period', status: 'Status', opened: 'Opened', owner: 'Owner' },
  filters: { status: 'Status', level: 'Level', rule: 'Rule', zone: 'Zone', all: 'All' },
  detail: { title: 'Warning', explanation: 'Explanation', events: 'History', attachments: 'Attachments', escalated: 'Escalated (level {{level}})', closeReason: 'Closed because' },
  event: { opened: 'Opened', updated: 'Updated', acknowledged: 'Acknowledged', handling: 'Handling started', note: 'Note', resolved: 'Resolved', dismissed: 'Dismissed', 'auto-closed': 'Closed: condition cleared', escalated: 'Escalated' },
  actions: { acknowledge: 'Acknowledge', handle: 'Start handling', note: 'Add a note', resolve: 'Resolve', dismiss: 'Dismiss', noteLabel: 'Text', noteRequired: 'Please write a text', done: 'Saved' },
  evaluate: 'Evaluate now',
  evaluated: 'Evaluated: {{opened}} opened, {{updated}} updated, {{closed}} closed',
  rules: {
    code: 'Rule', subject: 'Subject', level: 'Default level', owner: 'Owner', enabled: 'On', live: 'Live warnings', version: 'Version', params: 'Parameters',
    escalate: 'Escalate after (days)', note: 'Reason for the change', edit: 'Edit', history: 'Versions', hook: 'Evaluated by another feature', save: 'Save',
    confirmTitle: 'Confirm the change?', confirmText_one: 'This change would open {{count}} warning (more than {{threshold}}). Save it?',
    confirmText_other: 'This change would open {{count}} warnings (more than {{threshold}}). Save it?',
    preview: 'Dry run: {{open}} would open, {{close}} would close, {{stay}} would stay', saved: 'Rule saved (version {{version}})', changedBy: 'Changed by',
  },
  param: {
    yellowPp: 'Yellow threshold (pp)', redPp: 'Red threshold (pp)', minYears: 'Minimum years', marginPp: 'Margin (pp)', indicators: 'Indicators', indicator: 'Indicator',
    dropPct: 'Drop threshold (%)', keyDropPct: 'Key enterprises: drop threshold (%)', minBaseWan: 'Minimum base (10k CNY)', months: 'Consecutive months', graceDays: 'Grace days', lookbackMonths: 'Look-back months',
  },
  indicator: { output: 'Gross output', revenue: 'Revenue' },
  rollup_one: '{{count}} warning',
  rollup_other: '{{count}} warnings',
};
