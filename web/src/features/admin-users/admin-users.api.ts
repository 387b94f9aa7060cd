import { z } from 'zod';
import {
  adminUserViewSchema,
  createUserResponseSchema,
  pendingCredentialResetSchema,
  resetPasswordResponseSchema,
  userPageSchema,
} from '../../../../contracts/admin.ts';
import type { createUserBodySchema } from '../../../../contracts/admin.ts';
import type { Role } from '../../../../contracts/roles.ts';
import { api } from '../../app/api.ts';

export type UserPage = z.infer<typeof userPageSchema>;
export type CreateUserBody = z.infer<typeof createUserBodySchema>;
export type CreateUserResult = z.infer<typeof createUserResponseSchema>;

export interface UserListQuery {
  page: number;
  pageSize: number;
  q?: string;
  status?: 'active' | 'disabled' | '';
  role?: Role | '';
}

const base = '/api/admin/users';
const userPath = (id: string, action: string) => `${base}/${encodeURIComponent(id)}/${action}`;

export function listUsers(query: UserListQuery, signal?: AbortSignal): Promise<UserPage> {
  return api.get(base, userPageSchema, { query: { ...query }, ...(signal ? { signal } : {}) });
}

export function createUser(body: CreateUserBody): Promise<CreateUserResult> {
  return api.post(base, createUserResponseSchema, { body });
}

export function setUserEnabled(id: string, enabled: boolean): Promise<void> {
  return api.command('POST', userPath(id, enabled ? 'enable' : 'disable'));
}

/** The temporary password, or null when the account is an administrator's and the reset awaits approval. */
export async function resetUserPassword(id: string): Promise<string | null> {
  const result = await api.post(userPath(id, 'reset-password'), resetPasswordResponseSchema);
  return result.status === 'reset' ? result.temporaryPassword : null;
}

export function unlockUser(id: string): Promise<void> {
  return api.command('POST', userPath(id, 'unlock'));
}

const resetMfaResponseSchema = z.union([pendingCredentialResetSchema, adminUserViewSchema]);

/** 'pending' when the account is an administrator's and the reset awaits the security administrator. */
export async function resetUserMfa(id: string): Promise<'done' | 'pending'> {
  const result = await api.post(userPath(id, 'reset-mfa'), resetMfaResponseSchema);
  return 'status' in result && result.status === 'pending-approval' ? 'pending' : 'done';
}
