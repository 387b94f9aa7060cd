import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../../../contracts/audit-actions.ts';
import { auditActionLabel } from './action-labels.ts';
import { auditActionLabelsEnUS } from './action-labels.en-US.ts';
import { auditActionLabelsZhCN } from './action-labels.zh-CN.ts';

describe('audit action labels', () => {
  it('label every code the server writes, in both languages', () => {
    for (const code of AUDIT_ACTIONS) {
      const zh = auditActionLabel(code, 'zh-CN');
      const en = auditActionLabel(code, 'en-US');
      expect(zh, code).not.toBe(code);
      expect(en, code).not.toBe(code);
      expect(zh, code).toMatch(/\p{Script=Han}/u);
      expect(en, code).not.toMatch(/\p{Script=Han}/u);
    }
  });

  it('have no label for a code the server does not write (a renamed code leaves no stale entry)', () => {
    const listed = new Set<string>(AUDIT_ACTIONS);
    expect(Object.keys(auditActionLabelsZhCN).filter((k) => !listed.has(k))).toEqual([]);
    expect(Object.keys(auditActionLabelsEnUS).filter((k) => !listed.has(k))).toEqual([]);
  });

  it('fall back to the code itself for an unknown one', () => {
    expect(auditActionLabel('something.new', 'zh-CN')).toBe('something.new');
    expect(auditActionLabel('toString', 'en-US')).toBe('toString');
  });
});
