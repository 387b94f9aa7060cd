import type { z } from 'zod';
import {
  approveCredentialResetResponseSchema,
  credentialResetListSchema,
  roleListSchema,
  scopeOptionListSchema,
  securitySettingsSchema,
  userPageSchema,
} from '../../../../contracts/admin.ts';
import type { CredentialResetView, SecuritySettings } from '../../../../contracts/admin.ts';
import { cryptoStatusSchema, type CryptoStatus } from '../../../../contracts/crypto.ts';
import type { Role, ScopeKind } from '../../../../contracts/roles.ts';
import { api } from '../../app/api.ts';
import type { UserListQuery, UserPage } from '../admin-users/admin-users.api.ts';

export type RoleDescription = z.infer<typeof roleListSchema>['items'][number];
export type ScopeOption = z.infer<typeof scopeOptionListSchema>['items'][number];

const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

export function listSecurityUsers(query: UserListQuery, signal?: AbortSignal): Promise<UserPage> {
  return api.get('/api/security/users', userPageSchema, { query: { ...query }, ...withSignal(signal) });
}

export function assignRole(userId: string, role: Role, scopeId: string | null): Promise<void> {
  return api.command('PUT', `/api/security/users/${encodeURIComponent(userId)}/role`, { body: { role, scopeId } });
}

export async function listScopeOptions(kind: ScopeKind, q: string, signal?: AbortSignal): Promise<ScopeOption[]> {
  const result = await api.get('/api/security/scope-options', scopeOptionListSchema, { query: { kind, q }, ...withSignal(signal) });
  return result.items;
}

export async function listRoles(signal?: AbortSignal): Promise<RoleDescription[]> {
  return (await api.get('/api/security/roles', roleListSchema, withSignal(signal))).items;
}

export function getSecuritySettings(signal?: AbortSignal): Promise<SecuritySettings> {
  return api.get('/api/security/settings', securitySettingsSchema, withSignal(signal));
}

export async function saveSecuritySettings(settings: SecuritySettings): Promise<void> {
  await api.command('PUT', '/api/security/settings', { body: settings });
}

export async function listCredentialResets(signal?: AbortSignal): Promise<CredentialResetView[]> {
  return (await api.get('/api/security/credential-resets', credentialResetListSchema, withSignal(signal))).items;
}

/** Approves a pending reset; a password reset answers with the temporary password for the approver to hand over. */
export async function approveCredentialReset(id: string): Promise<string | null> {
  return (await api.post(`/api/security/credential-resets/${encodeURIComponent(id)}/approve`, approveCredentialResetResponseSchema)).temporaryPassword;
}

export function rejectCredentialReset(id: string): Promise<void> {
  return api.command('POST', `/api/security/credential-resets/${encodeURIComponent(id)}/reject`);
}

export function getCryptoStatus(signal?: AbortSignal): Promise<CryptoStatus> {
  return api.get('/api/security/crypto', cryptoStatusSchema, withSignal(signal));
}
