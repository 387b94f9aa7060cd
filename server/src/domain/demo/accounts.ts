/**
 * One demo account per role (SPEC §1), so a newcomer can see each role's view. Scoped roles get scopes that
 * make the difference visible: the department account is 区科委 (not the lead 区经委, whose view is the
 * commission's), the park account is 生物医药港, the enterprise account is the first demo enterprise in that
 * same zone, so one report can be walked enterprise → park → commission with the demo accounts alone (the
 * first enterprise overall when no enterprise sits in 生物医药港, as in a data set of a handful of firms).
 * The provider accounts (docs/decisions/0017) act for the 中试 platform named in the policy (also in
 * 生物医药港) and for the first expert of the pool.
 * Scope ids are reference codes / demo ids; the seeder maps them to database ids.
 */
import { ROLE_LABELS, ROLE_SCOPE_KIND, ROLES, type Role } from '../../../../contracts/roles.ts';
import type { DemoAccount, DemoEnterprise, DemoExpert } from './types.ts';

/**
 * Shared by all demo accounts and printed in the demo guide. Meets the strong policy (≥ 8 characters, all four
 * character classes, contains no username). The seeder should still mark demo accounts as demo accounts.
 */
export const DEMO_PASSWORD = 'Jinshan#2023';

export const DEMO_SCOPES = { department: 'kewei', park: 'medicine-port', platform: 'pilot-scale-platform' } as const;

/** The enterprise the demo enterprise account speaks for: the first one in the demo park's zone. */
export function demoAccountEnterprise(enterprises: readonly DemoEnterprise[]): DemoEnterprise {
  return enterprises.find((e) => e.zoneCode === DEMO_SCOPES.park) ?? enterprises[0]!;
}

export function buildDemoAccounts(firstEnterprise: DemoEnterprise, firstExpert: DemoExpert): DemoAccount[] {
  const scopeOf = (role: Role): string | null => {
    switch (ROLE_SCOPE_KIND[role]) {
      case 'department':
        return DEMO_SCOPES.department;
      case 'zone':
        return DEMO_SCOPES.park;
      case 'enterprise':
        return firstEnterprise.id;
      case 'platform':
        return DEMO_SCOPES.platform;
      case 'expert':
        return firstExpert.id;
      default:
        return null;
    }
  };
  const displayName = (role: Role): string => {
    if (role === 'department') return '演示-区科委';
    if (role === 'park') return '演示-生物医药港管委会';
    if (role === 'enterprise') return `演示-${firstEnterprise.name}`;
    if (role === 'expert') return `演示-专家${firstExpert.name}`;
    return `演示-${ROLE_LABELS[role].zh}`;
  };
  return ROLES.map((role) => ({
    username: `demo_${role}`,
    role,
    scopeKind: ROLE_SCOPE_KIND[role],
    scopeId: scopeOf(role),
    displayName: displayName(role),
    password: DEMO_PASSWORD,
  }));
}
