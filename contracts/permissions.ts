import type { Role } from './roles.ts';

/**
 * The permission registry — THE one declaration of which roles hold a permission, read by the server (every
 * API route declares exactly one access level, server/src/app/route.ts), by the web menu
 * (contracts/navigation.ts → web/src/app/navigation.ts) and by the web's buttons (`can(role, permission)`).
 * No other table of roles per action exists; changing who may reach what shows up as a diff in the
 * route-permission snapshot test (server/src/app/route-permissions.test.ts).
 *
 * A feature adds its permissions as one block of lines at the end of the business part (before
 * `personal.reveal`), with a comment naming its decision record, and names them in its manifest
 * (`permissions` in modules/<feature>/index.ts).
 *
 * SECURITY INVARIANT (三员分立): the three administrator roles hold only administration permissions and no
 * business permission; a test enforces it.
 */
export const PERMISSIONS = {
  'reference.read': ['leader', 'commission', 'department', 'park', 'enterprise', 'expert', 'platform'],
  'enterprise.read': ['leader', 'commission', 'department', 'park', 'enterprise'],
  'enterprise.export': ['leader', 'commission', 'department', 'park', 'enterprise'],
  'plan.read': ['leader', 'commission', 'department', 'park', 'enterprise', 'expert', 'platform'],
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
  'platform.read': ['leader', 'commission', 'department', 'park', 'enterprise', 'expert', 'platform'],
  'platform.write': ['commission'],
  'platform.import': ['commission'],
  'platform.export': ['leader', 'commission', 'department', 'park', 'enterprise', 'expert', 'platform'],
  'platform.delete': ['commission'],
  'expert.read': ['leader', 'commission', 'department', 'park', 'enterprise', 'expert'],
  'expert.write': ['commission'],
  'expert.import': ['commission'],
  'expert.export': ['leader', 'commission'],
  'expert.delete': ['commission'],
  'chain.read': ['leader', 'commission', 'department', 'park', 'enterprise', 'expert', 'platform'],
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
  // Forecast and analysis reports (issue 11 §2–4, docs/decisions/0019-goal-forecast.md): the goals are the
  // district's, so the forecast and the gap analysis are for district readers; a park reads and generates its
  // own zone's monthly report only (analysis-report.policy.ts).
  'forecast.read': ['leader', 'commission'],
  'analysis-report.read': ['leader', 'commission', 'park'],
  'analysis-report.generate': ['commission', 'park'],
  // Operations (docs/decisions/0010-jobs.md): the commission runs the platform's scheduled work.
  'jobs.read': ['commission'],
  'jobs.run': ['commission'],
  // Attachments (docs/decisions/0011): the owning object's scope decides row by row (attachment-owners.ts).
  'attachment.read': ['leader', 'commission', 'department', 'park', 'enterprise'],
  'attachment.write': ['commission', 'department', 'park', 'enterprise'],
  // Warnings 预警 (docs/decisions/0018-warnings.md): row scope in modules/warnings/warning.policy.ts; enterprises see none.
  'warning.read': ['leader', 'commission', 'department', 'park'],
  'warning.handle': ['commission', 'department', 'park'],
  'warning.rules.read': ['leader', 'commission'],
  'warning.rules.manage': ['commission'],
  // 督办 (issue 12, docs/decisions/0021-supervision.md); row scope in modules/supervision/supervision.policy.ts.
  'supervision.read': ['leader', 'commission', 'department', 'park'],
  'supervision.plan': ['commission', 'department', 'park'],
  'supervision.report': ['department', 'park'],
  'supervision.review': ['commission'],
  'supervision.manage': ['commission'],
  'supervision.bulletin': ['leader', 'commission'],
  // Chain map (docs/decisions/0022-chain-gap-score.md): gaps and lists within each role's scopes; figures need stats.read too.
  'chainmap.read': ['leader', 'commission', 'department', 'park'],
  'chainmap.weight': ['commission'],
  // Enterprise services (issue 14, docs/decisions/0023-enterprise-services.md); row scopes in each services-* policy.
  'service-request.read': ['leader', 'commission', 'department', 'park', 'enterprise', 'platform'],
  'service-request.submit': ['enterprise'],
  'service-request.handle': ['commission', 'department', 'park', 'platform'],
  'instrument.read': ['leader', 'commission', 'department', 'park', 'enterprise', 'platform'],
  'booking.read': ['leader', 'commission', 'enterprise', 'platform'],
  'booking.create': ['enterprise'],
  'booking.decide': ['commission', 'platform'],
  'instrument.utilisation': ['leader', 'commission', 'platform'],
  'policy-match.read': ['leader', 'commission', 'department', 'park', 'enterprise'],
  'policy-award.confirm': ['commission'],
  // Technology transfer 成果转化 (issue 14 §3, docs/decisions/0028-tech-transfer.md); row scopes in services-techtransfer/techtransfer.policy.ts.
  'techtransfer.read': ['leader', 'commission', 'department', 'park', 'enterprise', 'platform'],
  'techtransfer.list': ['commission', 'platform'],
  'techtransfer.request': ['enterprise'],
  'techtransfer.assign': ['commission'],
  'techtransfer.evaluation.read': ['leader', 'commission', 'expert'],
  'techtransfer.evaluate': ['expert'],
  'techtransfer.deal': ['commission', 'platform'],
  // Services, second round (docs/decisions/0029): catalogue and trainings, gaps, applications, funds, themes.
  'instrument.manage': ['commission', 'platform'],
  'instrument-demand.submit': ['enterprise'],
  'instrument-demand.read': ['leader', 'commission', 'enterprise'],
  'platform-gap.read': ['leader', 'commission'],
  'policy-application.submit': ['enterprise'],
  'policy-application.read': ['leader', 'commission', 'enterprise'],
  'policy-application.review': ['commission'],
  'policy-funds.read': ['leader', 'commission'],
  'service-request.themes': ['leader', 'commission', 'department', 'park'],
  // Supply–demand matchmaking (issue 14 §2, docs/decisions/0027); row scopes in services-matchmaking/matchmaking.policy.ts.
  'matchmaking.read': ['leader', 'commission', 'park', 'enterprise'],
  'matchmaking.post': ['enterprise'],
  'matchmaking.manage': ['commission', 'enterprise'],
  'matchmaking.consent': ['enterprise'],
  // Carrier ladder (issue 13 §4, docs/decisions/0026-carrier-ladder.md); row scopes in carrier-ladder.policy.ts.
  // An enterprise reads its own moves only; the figures and flows are aggregates over other firms.
  'carrier-move.read': ['leader', 'commission', 'department', 'park', 'enterprise'],
  'carrier-move.write': ['commission', 'park'],
  'carrier-ladder.read': ['leader', 'commission', 'department', 'park'],
  // Chain-based attraction (issue 13 §3, docs/decisions/0025-attraction-pipeline.md); row scopes in attraction.policy.ts.
  'candidate.read': ['leader', 'commission', 'department', 'park'],
  'candidate.write': ['commission', 'department', 'park'],
  'candidate.import': ['commission'],
  'candidate.export': ['leader', 'commission', 'department', 'park'],
  'attraction.read': ['leader', 'commission', 'department', 'park'],
  'attraction.write': ['commission', 'department', 'park'],
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

/**
 * Whether the UI offers an action to a role: the same table as the server's check. Only a hint for showing
 * buttons and menu entries: the server decides, and answers 403/404 whatever the UI shows.
 */
export function can(role: Role | null | undefined, permission: Permission): boolean {
  return roleHasPermission(role ?? null, permission);
}
