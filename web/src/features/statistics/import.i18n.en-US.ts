import type { bureauImportZhCN } from './import.i18n.zh-CN.ts';

type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };

/** English strings of the bureau-file import (same keys as import.i18n.zh-CN.ts). */
export const bureauImportEnUS: DeepStrings<typeof bureauImportZhCN> = {
  open: 'Import bureau data',
  title: 'Import monthly data from the statistics bureau',
  intro: 'Import the platform template (one row per enterprise and month, one column per indicator) or the bureau form B204-1 (thousand yuan, cumulative year-to-date columns are enough). Imported figures count as the bureau\'s and go straight into the statistics.',
  template: 'Download template',
  onConflict: 'Where the file differs from stored figures',
  keep: 'Keep the stored figures (list the differences)',
  replace: 'Replace them with the file\'s figures',
  phases: { upload: 'Uploading the file...', queued: 'Waiting: number {{position}} in the import queue', check: 'Checking the file', parse: 'Reading the sheets', validate: 'Validating the figures', write: 'Saving the reports', rollups: 'Updating the statistics', done: 'Done' },
  step: 'Step {{step}} of {{steps}}: {{phase}}',
  counted: '{{done}} of {{total}} enterprise-months',
  layouts: { flat: 'Platform template', 'b204-1': 'Form B204-1' },
  layout: 'File layout: {{layout}}',
  resultOk: 'Imported: {{imported}} new, {{updated}} updated, {{unchanged}} unchanged, {{skipped}} skipped (enterprise-months).',
  resultNothing_one: '{{count}} error; with "all rows or nothing" nothing was written.',
  resultNothing_other: '{{count}} errors; with "all rows or nothing" nothing was written.',
  resultRejected_one: 'The row with the {{count}} error was not imported; correct it and import again.',
  resultRejected_other: 'The rows with the {{count}} errors were not imported; correct them and import again.',
  empty: 'The file has nothing to import: fill in the data sheet from row 2, one row per enterprise and month.',
  errors: 'Errors',
  sheet: 'Sheet',
  conflicts: 'Differences from stored figures ({{count}})',
  conflictsKept: 'For these enterprise-months the stored figures were kept; the file\'s were not imported.',
  conflictsReplaced: 'Replaced with the file\'s figures.',
  rerunReplace: 'Replace with the file\'s figures and import again',
  enterprise: 'Enterprise (credit code)',
  stored: 'Stored',
  previous: 'Previous',
  incoming: 'In the file',
  storedStatus: 'Stored status',
  warnings: 'Notes ({{count}}, the import is not affected)',
  ignored: 'Ignored rows ({{count}}: headings, breakdowns and other rows that carry no indicator)',
  unitHint: 'Amounts in ten thousand yuan; energy in tce; employees in persons',
};
