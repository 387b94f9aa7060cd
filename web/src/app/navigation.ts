import type { Role } from '../../../contracts/roles.ts';
import { BUSINESS_ROLES } from '../../../contracts/roles.ts';
import type { zhCN } from './i18n/zh-CN.ts';

/** `unassigned`: an account whose role the security administrator has not set yet. */
export type Audience = Role | 'unassigned';

export type NavKey = 'home' | 'enterprises' | 'plan' | 'users' | 'roles' | 'securitySettings' | 'audit' | 'cockpit' | 'monitoring' | 'reports' | 'projects' | 'carriers' | 'platforms' | 'experts' | 'chains' | 'departments' | 'operations' | 'warnings' | 'forecast' | 'analysisReports' | 'supervision' | 'chainMap' | 'services' | 'techTransfer';
export type NavIcon = 'home' | 'enterprises' | 'plan' | 'users' | 'roles' | 'settings' | 'audit' | 'cockpit' | 'monitoring' | 'reports' | 'projects' | 'carriers' | 'platforms' | 'experts' | 'chains' | 'departments' | 'operations' | 'warnings' | 'forecast' | 'analysisReports' | 'supervision' | 'chainMap' | 'services' | 'techTransfer';

export interface NavItem {
  key: NavKey;
  path: string;
  labelKey: `nav.${keyof (typeof zhCN)['nav']}`;
  icon: NavIcon;
  /** Who sees the menu entry and may open the route. The server checks again on every request. */
  audience: readonly Audience[];
}

/**
 * THE menu and route-access table. The menu, the route guards and the landing page all derive from it, so a
 * feature added by a later issue is one row here plus one route. This is only navigation: authorization is
 * enforced by the server, which answers 403 regardless of what the menu shows.
 */
export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'home', path: '/', labelKey: 'nav.home', icon: 'home', audience: [...BUSINESS_ROLES, 'unassigned'] },
  {
    key: 'enterprises',
    path: '/enterprises',
    labelKey: 'nav.enterprises',
    icon: 'enterprises',
    audience: ['leader', 'commission', 'department', 'park', 'enterprise'],
  },
  { key: 'projects', path: '/projects', labelKey: 'nav.projects', icon: 'projects', audience: ['leader', 'commission', 'department', 'park', 'enterprise'] },
  { key: 'carriers', path: '/carriers', labelKey: 'nav.carriers', icon: 'carriers', audience: ['leader', 'commission', 'department', 'park'] },
  { key: 'platforms', path: '/platforms', labelKey: 'nav.platforms', icon: 'platforms', audience: [...BUSINESS_ROLES] },
  // The expert pool is not the platform operators' to read (docs/decisions/0017).
  { key: 'experts', path: '/experts', labelKey: 'nav.experts', icon: 'experts', audience: ['leader', 'commission', 'department', 'park', 'enterprise', 'expert'] },
  { key: 'chains', path: '/chains', labelKey: 'nav.chains', icon: 'chains', audience: [...BUSINESS_ROLES] },
  // The chain map (docs/decisions/0022): government roles; the server scopes counts and figures per role.
  { key: 'chainMap', path: '/chain-map', labelKey: 'nav.chainMap', icon: 'chainMap', audience: ['leader', 'commission', 'department', 'park'] },
  // Departments carry officials' contacts: read inside government only (docs/decisions/0005).
  { key: 'departments', path: '/departments', labelKey: 'nav.departments', icon: 'departments', audience: ['leader', 'commission', 'department', 'park'] },
  { key: 'cockpit', path: '/cockpit', labelKey: 'nav.cockpit', icon: 'cockpit', audience: ['leader', 'commission', 'park'] },
  // Warnings (docs/decisions/0018-warnings.md): government roles only; the rules tab is the commission's to edit.
  { key: 'warnings', path: '/warnings', labelKey: 'nav.warnings', icon: 'warnings', audience: ['leader', 'commission', 'department', 'park'] },
  { key: 'monitoring', path: '/monitoring', labelKey: 'nav.monitoring', icon: 'monitoring', audience: ['leader', 'commission', 'park'] },
  // Forecast and analysis reports (issue 11): the goals are the district's; a park gets its zone's reports.
  { key: 'forecast', path: '/forecast', labelKey: 'nav.forecast', icon: 'forecast', audience: ['leader', 'commission'] },
  { key: 'analysisReports', path: '/analysis-reports', labelKey: 'nav.analysisReports', icon: 'analysisReports', audience: ['leader', 'commission', 'park'] },
  { key: 'reports', path: '/reports', labelKey: 'nav.reports', icon: 'reports', audience: ['leader', 'commission', 'park', 'enterprise'] },
  // 督办 (issue 12): units see their own items; the commission and the leader all (server-side scope).
  { key: 'supervision', path: '/supervision', labelKey: 'nav.supervision', icon: 'supervision', audience: ['leader', 'commission', 'department', 'park'] },
  // Enterprise services (issue 14): each tab is scoped on the server; the platform operators see requests and instruments.
  { key: 'services', path: '/services', labelKey: 'nav.services', icon: 'services', audience: ['leader', 'commission', 'department', 'park', 'enterprise', 'platform'] },
  // Technology transfer 成果转化 (issue 14 §3): beside the services; experts see only their own evaluations there.
  { key: 'techTransfer', path: '/tech-transfer', labelKey: 'nav.techTransfer', icon: 'techTransfer', audience: ['leader', 'commission', 'department', 'park', 'enterprise', 'platform', 'expert'] },
  { key: 'plan', path: '/plan', labelKey: 'nav.plan', icon: 'plan', audience: [...BUSINESS_ROLES] },
  // Scheduled jobs and their runs (docs/decisions/0010-jobs.md): the commission runs the platform.
  { key: 'operations', path: '/operations', labelKey: 'nav.operations', icon: 'operations', audience: ['commission'] },
  { key: 'users', path: '/admin/users', labelKey: 'nav.users', icon: 'users', audience: ['sysadmin'] },
  { key: 'roles', path: '/security/roles', labelKey: 'nav.roles', icon: 'roles', audience: ['secadmin'] },
  {
    key: 'securitySettings',
    path: '/security/settings',
    labelKey: 'nav.securitySettings',
    icon: 'settings',
    audience: ['secadmin'],
  },
  { key: 'audit', path: '/audit', labelKey: 'nav.audit', icon: 'audit', audience: ['auditor'] },
];

export function audienceOf(role: Role | null | undefined): Audience {
  return role ?? 'unassigned';
}

export function navItemsFor(role: Role | null | undefined): NavItem[] {
  const audience = audienceOf(role);
  return NAV_ITEMS.filter((item) => item.audience.includes(audience));
}

export function canOpen(key: NavKey, role: Role | null | undefined): boolean {
  return navItemsFor(role).some((item) => item.key === key);
}

export function navItem(key: NavKey): NavItem {
  const item = NAV_ITEMS.find((candidate) => candidate.key === key);
  if (!item) throw new Error(`Unknown navigation key ${key}`);
  return item;
}

/** Where a user lands after login: the first entry of their menu. */
export function landingPath(role: Role | null | undefined): string {
  return navItemsFor(role)[0]?.path ?? '/';
}
