import type { Role } from '../../../contracts/roles.ts';
import { NAVIGATION, mayOpen, type NavAccess, type NavKey } from '../../../contracts/navigation.ts';
import type { zhCN } from './i18n/zh-CN.ts';

export type { NavKey };
/** The icon of a menu entry: its key (web/src/app/layout/nav-icons.tsx). */
export type NavIcon = NavKey;

export interface NavItem {
  key: NavKey;
  path: string;
  labelKey: `nav.${keyof (typeof zhCN)['nav']}`;
  icon: NavIcon;
  /** Who may open the page: a permission of contracts/permissions.ts, or `business`. */
  access: NavAccess;
}

/**
 * The menu, the route guards and the landing page, all from the one declaration in contracts/navigation.ts
 * (which names a permission per page, so the menu never copies a list of roles). A feature's menu entry is one
 * line there, plus its label in the dictionaries and its icon. Only navigation: the server answers 403
 * regardless of what the menu shows.
 */
export const NAV_ITEMS: readonly NavItem[] = NAVIGATION.map((entry) => ({ ...entry, labelKey: `nav.${entry.key}`, icon: entry.key }));

export function navItemsFor(role: Role | null | undefined): NavItem[] {
  return NAV_ITEMS.filter((item) => mayOpen(item.access, role));
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
