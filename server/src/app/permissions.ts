import type { Role } from '../../../contracts/roles.ts';

/**
 * The permission registry: every API route declares exactly one access level, and this table is the only
 * place that says which roles hold a permission. Changing who may reach what shows up as a diff in the
 * route-permission snapshot test (server/src/app/route-permissions.test.ts).
 *
 * SECURITY INVARIANT (三员分立): the three administrator roles hold only administration permissions and no
 * business permission; a test enforces it.
 */
export const PERMISSIONS = {
  'reference.read': ['leader', 'commission', 'department', 'park', 'enterprise', 'expert'],
  'enterprise.read': ['leader', 'commission', 'department', 'park', 'enterprise'],
  'enterprise.export': ['leader', 'commission', 'department', 'park', 'enterprise'],
  'plan.read': ['leader', 'commission', 'department', 'park', 'enterprise', 'expert'],
  'plan.manage': ['commission'],
  // Registries (docs/decisions/0005-registry-permissions.md); row scopes are in each entity's *.policy.ts.
  'enterprise.write': ['commission', 'park'],
  'enterprise.import': ['commission', 'park'],
  'enterprise.delete': ['commission'],
  'enterprise.merge': ['commission'],
  'project.read': ['leader', 'commission', 'department', 'park', 'enterprise'],
  'project.write': ['commission', 'department'],
  'project.import': ['commission', 'department'],
  'project.export': ['leader', 'commission', 'department', 'park', 'enterprise'],
  'project.delete': ['commission'],
  'carrier.read': ['leader', 'commission', 'department', 'park'],
  'carrier.write': ['commission', 'park'],
  'carrier.import': ['commission', 'park'],
  'carrier.export': ['leader', 'commission', 'department', 'park'],
  'carrier.delete': ['commission'],
  'platform.read': ['leader', 'commission', 'department', 'park', 'enterprise', 'expert'],
  'platform.write': ['commission'],
  'platform.import': ['commission'],
  'platform.export': ['leader', 'commission', 'department', 'park', 'enterprise', 'expert'],
  'platform.delete': ['commission'],
  'expert.read': ['leader', 'commission', 'department', 'park', 'enterprise', 'expert'],
  'expert.write': ['commission'],
  'expert.import': ['commission'],
  'expert.export': ['leader', 'commission'],
  'expert.delete': ['commission'],
  'chain.read': ['leader', 'commission', 'department', 'park', 'enterprise', 'expert'],
  'chain.write': ['commission'],
  'department.read': ['leader', 'commission', 'department', 'park'],
  'department.write': ['commission'],
  'department.delete': ['commission'],
  // Monthly statistics (docs/decisions/0006-statistics-permissions.md); row scopes in monthly-report.policy.ts and stats.policy.ts.
  'stats.read': ['leader', 'commission', 'park'],
  'report.read': ['leader', 'commission', 'park', 'enterprise'],
  'report.submit': ['enterprise'],
  'report.review': ['park'],
  'report.approve': ['commission'],
  'report.import': ['commission'],
  'report.export': ['leader', 'commission', 'park', 'enterprise'],
  // Chasing reports (催报, issue 17): those who run the reporting, each in its enterprise scope.
  'report.chase': ['commission', 'park'],
  // Operations (docs/decisions/0010-jobs.md): the commission runs the platform's scheduled work.
  'jobs.read': ['commission'],
  'jobs.run': ['commission'],
  // Attachments (docs/decisions/0011): the owning object's scope decides row by row (attachment-owners.ts).
  'attachment.read': ['leader', 'commission', 'department', 'park', 'enterprise'],
  'attachment.write': ['commission', 'department', 'park', 'enterprise'],
  // Personal information (issue 19): shown masked to every reader; the clear values through an audited reveal,
  // for those who work with the people, each in its row scope (an enterprise: its own record).
  'personal.reveal': ['commission', 'park', 'enterprise'],
  'user.manage': ['sysadmin'],
  'security.manage': ['secadmin'],
  'audit.read': ['auditor'],
  'audit.export': ['auditor'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Permissions that concern the platform itself rather than business data. */
export const ADMINISTRATION_PERMISSIONS: readonly Permission[] = ['user.manage', 'security.manage', 'audit.read', 'audit.export'];

/**
 * Access levels besides permissions:
 * - `public`: no session needed (login, health checks);
 * - `session`: any valid session, also one still in a sign-in step (second factor, forced password change);
 * - `authenticated`: a fully signed-in session, any role.
 */
export type Access = 'public' | 'session' | 'authenticated' | Permission;

export function roleHasPermission(role: Role | null, permission: Permission): boolean {
  return role !== null && (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function permissionsOfRole(role: Role): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => roleHasPermission(role, p));
}
