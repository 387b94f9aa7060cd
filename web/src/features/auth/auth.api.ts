import {
  changePasswordBodySchema,
  logoutOthersResponseSchema,
  mfaEnrolmentConfirmResponseSchema,
  mfaEnrolmentSchema,
  passwordPolicyViewSchema,
  sessionViewSchema,
} from '../../../../contracts/auth.ts';
import type { LoginBody, SessionView } from '../../../../contracts/auth.ts';
import type { z } from 'zod';
import { api } from '../../app/api.ts';
import { isApiRequestError } from '../../app/api-error.ts';

/** 401 answers that mean "try again" rather than "your session is gone". */
const WRONG_CREDENTIALS = ['INVALID_CREDENTIALS'] as const;
const WRONG_CODE = ['INVALID_MFA_CODE'] as const;

export type PasswordPolicy = z.infer<typeof passwordPolicyViewSchema>;
export type MfaEnrolment = z.infer<typeof mfaEnrolmentSchema>;
export type MfaEnrolmentResult = z.infer<typeof mfaEnrolmentConfirmResponseSchema>;
export type ChangePasswordBody = z.infer<typeof changePasswordBodySchema>;

/** The current session, or null when there is none (401). */
export async function fetchSession(signal?: AbortSignal): Promise<SessionView | null> {
  try {
    return await api.get('/api/auth/session', sessionViewSchema, { allowUnauthorized: true, ...(signal ? { signal } : {}) });
  } catch (error) {
    if (isApiRequestError(error) && error.status === 401) return null;
    throw error;
  }
}

export function login(body: LoginBody): Promise<SessionView> {
  return api.post('/api/auth/login', sessionViewSchema, { body, allowUnauthorized: true });
}

/** A 6-digit authenticator code or a one-time recovery code. */
export function verifyMfa(code: string): Promise<SessionView> {
  return api.post('/api/auth/mfa/verify', sessionViewSchema, { body: { code: code.trim() }, allowUnauthorized: WRONG_CODE });
}

export function startMfaEnrolment(): Promise<MfaEnrolment> {
  return api.post('/api/auth/mfa/enrolment', mfaEnrolmentSchema);
}

export function confirmMfaEnrolment(code: string): Promise<MfaEnrolmentResult> {
  return api.post('/api/auth/mfa/enrolment/confirm', mfaEnrolmentConfirmResponseSchema, {
    body: { code: code.trim() },
    allowUnauthorized: WRONG_CODE,
  });
}

export function fetchPasswordPolicy(): Promise<PasswordPolicy> {
  return api.get('/api/auth/password-policy', passwordPolicyViewSchema);
}

export function changePassword(body: ChangePasswordBody): Promise<SessionView> {
  return api.post('/api/auth/password', sessionViewSchema, { body, allowUnauthorized: WRONG_CREDENTIALS });
}

export function logout(): Promise<void> {
  return api.command('POST', '/api/auth/logout', { allowUnauthorized: true });
}

export async function logoutOtherSessions(): Promise<number> {
  const result = await api.post('/api/auth/logout-others', logoutOthersResponseSchema);
  return result.ended;
}
