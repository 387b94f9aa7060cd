import type { PasswordPolicy } from './auth.api.ts';

/** Lower-case, upper-case, digit, other: the four character classes of the password policy. */
export function countCharacterClasses(password: string): number {
  const classes = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{Ll}\p{Lu}\p{Nd}]/u];
  return classes.filter((pattern) => pattern.test(password)).length;
}

export interface PasswordCheck {
  rule: 'length' | 'classes';
  ok: boolean;
}

/**
 * The checks the browser can make before submitting (instant feedback). History and dictionary checks need
 * the server; its PASSWORD_POLICY details are authoritative.
 */
export function checkPassword(password: string, policy: PasswordPolicy): PasswordCheck[] {
  return [
    { rule: 'length', ok: [...password].length >= policy.minLength },
    { rule: 'classes', ok: countCharacterClasses(password) >= policy.minClasses },
  ];
}
