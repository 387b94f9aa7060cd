import { z } from 'zod';
import { roleSchema, scopeKindSchema } from './roles.ts';

export const scopeViewSchema = z.object({ kind: scopeKindSchema, id: z.string(), name: z.string() });

export const userViewSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema.nullable(),
  scope: scopeViewSchema.nullable(),
  mfaEnabled: z.boolean(),
  passwordExpiresAt: z.string().nullable(),
});
export type UserView = z.infer<typeof userViewSchema>;

/**
 * Where a session stands. Only `active` sessions reach business endpoints; the others may call only the
 * auth endpoints that complete the step (second factor, MFA enrolment, forced password change).
 */
export const sessionStageSchema = z.enum(['mfa', 'mfa-enrol', 'password-change', 'active']);
export type SessionStage = z.infer<typeof sessionStageSchema>;

export const sessionViewSchema = z.object({
  user: userViewSchema,
  stage: sessionStageSchema,
  csrfToken: z.string(),
  idleTimeoutSeconds: z.number().int(),
  expiresAt: z.string(),
});
export type SessionView = z.infer<typeof sessionViewSchema>;

export const loginBodySchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

/** A 6-digit TOTP code or a recovery code such as `k7mq-2vxp`. */
export const mfaVerifyBodySchema = z.object({ code: z.string().trim().min(6).max(32) });

export const mfaEnrolmentSchema = z.object({ secret: z.string(), otpauthUri: z.string(), qrSvg: z.string() });
export const mfaEnrolmentConfirmResponseSchema = z.object({ recoveryCodes: z.array(z.string()), session: sessionViewSchema });

export const changePasswordBodySchema = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});

export const passwordPolicyViewSchema = z.object({
  minLength: z.number().int(),
  minClasses: z.number().int(),
  historyCount: z.number().int(),
  maxAgeDays: z.number().int(),
});

export const logoutOthersResponseSchema = z.object({ ended: z.number().int() });
