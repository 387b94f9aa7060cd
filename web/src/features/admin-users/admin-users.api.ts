import type { z } from 'zod';
import {
  createUserResponseSchema,
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

export async function resetUserPassword(id: string): Promise<string> {
  return (await api.post(userPath(id, 'reset-password'), resetPasswordResponseSchema)).temporaryPassword;
}

export function unlockUser(id: string): Promise<void> {
  return api.command('POST', userPath(id, 'unlock'));
}

export function resetUserMfa(id: string): Promise<void> {
  return api.command('POST', userPath(id, 'reset-mfa'));
}
