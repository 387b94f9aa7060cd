import { BUSINESS_ROLES, type Role } from './roles.ts';
import { roleHasPermission, type Permission } from './permissions.ts';

/**
 * THE menu and page-access declaration, read by the web (menu, route guards, landing page) and named by the
 * server features' manifests (`navigation` in modules/<feature>/index.ts). An entry names the permission that
 * opens it, so who sees a page comes from the same table as who may call its API (contracts/permissions.ts):
 * there is no second list of roles. This is only navigation: the server answers 403 whatever the menu shows.
 *
 * `business`: any business role, and an account whose role the security administrator has not set yet (the
 * home page explains what to do next).
 *
 * A feature adds its entry as one line, in menu order; the web adds its label (`nav.<key>` in the
 * dictionaries), its icon (web/src/app/layout/nav-icons.tsx) and its route (web/src/app/router.tsx).
 */
export type NavAccess = Permission | readonly Permission[] | 'business';

export interface NavEntry {
  key: string;
  path: string;
  /** A permission, or several of which any one opens the page. */
  access: NavAccess;
}

export const NAVIGATION = [
  { key: 'home', path: '/', access: 'business' },
  { key: 'enterprises', path: '/enterprises', access: 'enterprise.read' },
  { key: 'projects', path: '/projects', access: 'project.read' },
  { key: 'carriers', path: '/carriers', access: 'carrier.read' },
  { key: 'platforms', path: '/platforms', access: 'platform.read' },
  // The expert pool is not the platform operators' to read (docs/decisions/0017).
  { key: 'experts', path: '/experts', access: 'expert.read' },
  { key: 'chains', path: '/chains', access: 'chain.read' },
  // The chain map (docs/decisions/0022): government roles; the server scopes counts and figures per role.
  { key: 'chainMap', path: '/chain-map', access: 'chainmap.read' },
  // 招商目标 (issue 13 §3): the targets in the caller's remit; the server scopes them by owner and zone.
  { key: 'attraction', path: '/attraction', access: 'attraction.read' },
  // Departments carry officials' contacts: read inside government only (docs/decisions/0005).
  { key: 'departments', path: '/departments', access: 'department.read' },
  { key: 'cockpit', path: '/cockpit', access: 'stats.read' },
  // Warnings (docs/decisions/0018-warnings.md): government roles only; the rules tab is the commission's to edit.
  { key: 'warnings', path: '/warnings', access: 'warning.read' },
  { key: 'monitoring', path: '/monitoring', access: 'stats.read' },
  // Forecast and analysis reports (issue 11): the goals are the district's; a park gets its zone's reports.
  { key: 'forecast', path: '/forecast', access: 'forecast.read' },
  { key: 'analysisReports', path: '/analysis-reports', access: 'analysis-report.read' },
  { key: 'reports', path: '/reports', access: 'report.read' },
  // 督办 (issue 12): units see their own items; the commission and the leader all (server-side scope).
  { key: 'supervision', path: '/supervision', access: 'supervision.read' },
  // Enterprise services (issue 14): each tab is scoped on the server; the platform operators see requests and instruments.
  { key: 'services', path: '/services', access: 'service-request.read' },
  // Technology transfer 成果转化 (issue 14 §3): beside the services; experts open it for their own evaluations only.
  { key: 'techTransfer', path: '/tech-transfer', access: ['techtransfer.read', 'techtransfer.evaluation.read'] },
  { key: 'plan', path: '/plan', access: 'plan.read' },
  // Scheduled jobs and their runs (docs/decisions/0010-jobs.md): the commission runs the platform.
  { key: 'operations', path: '/operations', access: 'jobs.read' },
  { key: 'users', path: '/admin/users', access: 'user.manage' },
  { key: 'roles', path: '/security/roles', access: 'security.manage' },
  { key: 'securitySettings', path: '/security/settings', access: 'security.manage' },
  { key: 'audit', path: '/audit', access: 'audit.read' },
] as const satisfies readonly NavEntry[];

export type NavKey = (typeof NAVIGATION)[number]['key'];

/** Whether a role (null: no role set yet) may open a page of this access. */
export function mayOpen(access: NavAccess, role: Role | null | undefined): boolean {
  if (access === 'business') return role == null || (BUSINESS_ROLES as readonly Role[]).includes(role);
  if (typeof access !== 'string') return access.some((one) => roleHasPermission(role ?? null, one));
  return roleHasPermission(role ?? null, access);
}
