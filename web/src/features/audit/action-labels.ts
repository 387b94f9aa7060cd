import { auditActionLabelsEnUS } from './action-labels.en-US.ts';
import { auditActionLabelsZhCN } from './action-labels.zh-CN.ts';

/**
 * The label of an audit action code in the UI language. Codes are dotted (`plan.version.activate`), which
 * i18next would read as nested keys, so the labels are plain maps. An unknown code (an old record, a code
 * from a newer server) shows as itself.
 */
export function auditActionLabel(code: string, language: string): string {
  const labels: Record<string, string> = language.startsWith('en') ? auditActionLabelsEnUS : auditActionLabelsZhCN;
  return Object.hasOwn(labels, code) ? labels[code]! : code;
}
