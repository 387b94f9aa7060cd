import { describe, expect, it } from 'vitest';
import { isValidSetting, settingBounds, settingsIssues, SETTING_GROUPS } from './settings-fields.ts';

describe('security settings fields', () => {
  it('reads bounds from the shared schema', () => {
    expect(settingBounds('passwordMinLength')).toEqual({ min: 8, max: 64 });
    expect(settingBounds('idleTimeoutMinutes')).toEqual({ min: 5, max: 480 });
  });

  it('validates single fields', () => {
    expect(isValidSetting('lockoutThreshold', 5)).toBe(true);
    expect(isValidSetting('lockoutThreshold', 2)).toBe(false);
    expect(isValidSetting('lockoutThreshold', 5.5)).toBe(false);
  });

  it('covers every numeric setting exactly once', () => {
    const fields = SETTING_GROUPS.flatMap((g) => g.fields);
    expect(new Set(fields).size).toBe(fields.length);
    expect(fields).toHaveLength(9);
  });

  it('names the failing fields of a whole form', () => {
    const issues = settingsIssues({ passwordMinLength: 4 });
    expect(issues.has('passwordMinLength')).toBe(true);
    expect(issues.has('mfaRequiredRoles')).toBe(true);
  });
});
