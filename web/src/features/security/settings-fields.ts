import { securitySettingsSchema } from '../../../../contracts/admin.ts';
import type { SecuritySettings } from '../../../../contracts/admin.ts';

export type NumericSetting = Exclude<keyof SecuritySettings, 'mfaRequiredRoles'>;

export interface SettingGroup {
  key: 'password' | 'lockout' | 'session';
  fields: readonly NumericSetting[];
}

export const SETTING_GROUPS: readonly SettingGroup[] = [
  { key: 'password', fields: ['passwordMinLength', 'passwordMinClasses', 'passwordHistory', 'passwordMaxAgeDays'] },
  { key: 'lockout', fields: ['lockoutThreshold', 'lockoutMinutes', 'ipLockoutThreshold'] },
  { key: 'session', fields: ['idleTimeoutMinutes', 'absoluteLifetimeHours'] },
];

/** The bounds of a numeric setting, read from the shared zod schema (one source for server and form). */
export function settingBounds(field: NumericSetting): { min: number; max: number } {
  const schema = securitySettingsSchema.shape[field];
  return { min: schema.minValue ?? 0, max: schema.maxValue ?? Number.MAX_SAFE_INTEGER };
}

/** Validates one field with the shared schema; returns whether the value is acceptable. */
export function isValidSetting(field: NumericSetting, value: unknown): boolean {
  return securitySettingsSchema.shape[field].safeParse(value).success;
}

/** Maps the issues of a whole-form validation to field names (for form.setFields). */
export function settingsIssues(values: unknown): Map<string, string> {
  const result = securitySettingsSchema.safeParse(values);
  const issues = new Map<string, string>();
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? '');
      if (!issues.has(key)) issues.set(key, issue.message);
    }
  }
  return issues;
}
