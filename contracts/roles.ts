import { z } from 'zod';

/**
 * The roles of SPEC §1. Each account holds exactly one role (a single column), which is what makes
 * 三员分立 (separation of the three administrators) structural: no account can be two of them.
 */
export const ROLES = [
  'leader',
  'commission',
  'department',
  'park',
  'enterprise',
  'expert',
  'platform',
  'sysadmin',
  'secadmin',
  'auditor',
] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** The three administrator roles: they manage the system and never read business data. */
export const ADMIN_ROLES = ['sysadmin', 'secadmin', 'auditor'] as const satisfies readonly Role[];
export const BUSINESS_ROLES = ['leader', 'commission', 'department', 'park', 'enterprise', 'expert', 'platform'] as const satisfies readonly Role[];

/**
 * What an account's scope id points at. `platform` and `expert` are the provider scopes (docs/decisions/0017):
 * an account acting for one shared platform of the platforms registry, or for one expert of the expert pool.
 */
export const SCOPE_KINDS = ['department', 'zone', 'enterprise', 'platform', 'expert'] as const;
export const scopeKindSchema = z.enum(SCOPE_KINDS);
export type ScopeKind = z.infer<typeof scopeKindSchema>;

/** Which kind of scope a role needs (null: the role is not scoped). */
export const ROLE_SCOPE_KIND: Record<Role, ScopeKind | null> = {
  leader: null,
  commission: null,
  department: 'department',
  park: 'zone',
  enterprise: 'enterprise',
  expert: 'expert',
  platform: 'platform',
  sysadmin: null,
  secadmin: null,
  auditor: null,
};

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  leader: { zh: '区领导', en: 'District leader' },
  commission: { zh: '区经委', en: 'Economic Commission' },
  department: { zh: '责任单位', en: 'Responsible department' },
  park: { zh: '园区管委会', en: 'Park committee' },
  enterprise: { zh: '企业', en: 'Enterprise' },
  expert: { zh: '专家', en: 'Expert' },
  platform: { zh: '平台运营方', en: 'Platform operator' },
  sysadmin: { zh: '系统管理员', en: 'System administrator' },
  secadmin: { zh: '安全管理员', en: 'Security administrator' },
  auditor: { zh: '安全审计员', en: 'Security auditor' },
};

export function isAdminRole(role: Role | null | undefined): boolean {
  return role != null && (ADMIN_ROLES as readonly string[]).includes(role);
}
