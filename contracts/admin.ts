import { z } from 'zod';
import { roleSchema, scopeKindSchema } from './roles.ts';
import { scopeViewSchema } from './auth.ts';
import { pageOf, paginationQuerySchema, searchTextSchema, uuidSchema } from './common.ts';

export const usernameSchema = z
  .string()
  .trim()
  .min(3)
  .max(32)
  .regex(/^[a-zA-Z][a-zA-Z0-9_.-]*$/, '用户名须以字母开头，只含字母、数字、下划线、点和连字符');

export const accountStatusSchema = z.enum(['active', 'disabled']);

export const adminUserViewSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema.nullable(),
  scope: scopeViewSchema.nullable(),
  status: accountStatusSchema,
  lockedUntil: z.string().nullable(),
  mfaEnabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});
export type AdminUserView = z.infer<typeof adminUserViewSchema>;

export const userListQuerySchema = paginationQuerySchema.extend({
  q: searchTextSchema.optional(),
  status: accountStatusSchema.optional(),
  role: roleSchema.optional(),
});
export const userPageSchema = pageOf(adminUserViewSchema);

/** sysadmin creates the account; the role and scope are assigned by secadmin (三员分立). */
export const createUserBodySchema = z.object({
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(64),
});
export const createUserResponseSchema = z.object({ user: adminUserViewSchema, temporaryPassword: z.string() });
/**
 * A reset of an administrator account's credentials is only requested: the security administrator approves it
 * (三员分立, docs/decisions/0013-three-admin-reset.md); any other account is reset at once.
 */
export const pendingCredentialResetSchema = z.object({ status: z.literal('pending-approval'), requestId: z.string() });
export const resetPasswordResponseSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('reset'), temporaryPassword: z.string() }),
  pendingCredentialResetSchema,
]);
export const credentialResetViewSchema = z.object({
  id: z.string(),
  kind: z.enum(['password', 'mfa']),
  user: z.object({ id: z.string(), username: z.string(), displayName: z.string(), role: roleSchema.nullable() }),
  requestedBy: z.string(),
  requestedAt: z.string(),
});
export type CredentialResetView = z.infer<typeof credentialResetViewSchema>;
export const credentialResetListSchema = z.object({ items: z.array(credentialResetViewSchema) });
export const approveCredentialResetResponseSchema = z.object({ temporaryPassword: z.string().nullable() });

export const assignRoleBodySchema = z.object({ role: roleSchema, scopeId: uuidSchema.nullable().optional() });

export const scopeOptionsQuerySchema = z.object({
  kind: scopeKindSchema,
  q: searchTextSchema.optional(),
});
export const scopeOptionSchema = z.object({ id: z.string(), name: z.string() });
export const scopeOptionListSchema = z.object({ items: z.array(scopeOptionSchema) });

export const securitySettingsSchema = z.object({
  passwordMinLength: z.number().int().min(8).max(64),
  passwordMinClasses: z.number().int().min(1).max(4),
  passwordHistory: z.number().int().min(0).max(24),
  passwordMaxAgeDays: z.number().int().min(0).max(365),
  lockoutThreshold: z.number().int().min(3).max(20),
  lockoutMinutes: z.number().int().min(1).max(1440),
  /** Failures from one client address before it is locked out (higher than per account: offices share NAT). */
  ipLockoutThreshold: z.number().int().min(3).max(200),
  idleTimeoutMinutes: z.number().int().min(5).max(480),
  absoluteLifetimeHours: z.number().int().min(1).max(72),
  /** Roles that must use a second factor; the three administrator roles always must, whatever is stored. */
  mfaRequiredRoles: z.array(roleSchema),
});
export type SecuritySettings = z.infer<typeof securitySettingsSchema>;

export const roleDescriptionSchema = z.object({
  role: roleSchema,
  nameZh: z.string(),
  nameEn: z.string(),
  scopeKind: scopeKindSchema.nullable(),
  permissions: z.array(z.string()),
});
export const roleListSchema = z.object({ items: z.array(roleDescriptionSchema) });
