import { eq } from 'drizzle-orm';
import type { SessionView } from '../../../../contracts/auth.ts';
import type { Actor, RequestOrigin } from '../../app/actor.ts';
import { inTransaction, type AppDeps } from '../../app/deps.ts';
import { AppError } from '../../app/errors.ts';
import { passwordHistory, recoveryCodes, users } from '../../db/schema/index.ts';
import { hashPassword, verifyPassword } from '../../domain/security/password-hash.ts';
import { checkPasswordPolicy, isPasswordReused } from '../../domain/security/password-policy.ts';
import { generateRecoveryCodes, hashRecoveryCode } from '../../domain/security/recovery-codes.ts';
import { buildOtpauthUri, generateTotpSecret, renderQrSvg, verifyTotp } from '../../domain/security/totp.ts';
import { auditActorOf } from '../audit/index.ts';
import { recentPasswordHashes } from '../users/index.ts';
import { authErrors, nextStage, openMfaSecret, type AuthService } from './auth.service.ts';
import { mfaSecretBox } from './mfa-secret-key.ts';
import { endUserSessions, findLiveSession, setSessionStage } from './session.repository.ts';
import { accountKey, accountLockKeys, lockedUntil, recordFailure } from './throttle.repository.ts';
import type { SecuritySettings } from '../../../../contracts/admin.ts';

export function policyOf(settings: SecuritySettings) {
  return {
    minLength: settings.passwordMinLength,
    minClasses: settings.passwordMinClasses,
    historyCount: settings.passwordHistory,
    maxAgeDays: settings.passwordMaxAgeDays,
    forbidUsername: true,
  };
}

/** Checks a new password against the policy (and the user's last N passwords); throws PASSWORD_POLICY. */
export async function assertPasswordAcceptable(
  settings: SecuritySettings,
  username: string,
  password: string,
  previousHashes: string[],
): Promise<void> {
  const reused = previousHashes.length > 0 && (await isPasswordReused(password, previousHashes));
  const result = checkPasswordPolicy({ password, username, policy: policyOf(settings), isInHistory: reused });
  if (!result.ok) {
    throw new AppError(
      400,
      'PASSWORD_POLICY',
      '新密码不符合密码策略',
      'The new password does not meet the password policy',
      result.violations.map((v) => ({ rule: v.rule, message: v.messageZh, messageEn: v.messageEn })),
    );
  }
}

export function createCredentialsService(deps: AppDeps, auth: AuthService) {
  const { database, clock, audit } = deps;
  const secrets = mfaSecretBox(deps.config);
  return {
    /** Voluntary or forced change. Ends the user's other sessions: a changed password must lock out whoever knew the old one. */
    async changePassword(actor: Actor, currentPassword: string, newPassword: string, origin: RequestOrigin): Promise<SessionView> {
      if (actor.stage !== 'password-change' && actor.stage !== 'active') throw authErrors.wrongStage();
      const settings = await deps.settings.get();
      const user = await auth.requireUser(database.db, actor);
      const now0 = clock();
      const until = await lockedUntil(database.db, accountLockKeys(user.username), now0);
      if (until) throw authErrors.locked(until);
      if (!(await verifyPassword(user.passwordHash, currentPassword))) {
        // Guessing the current password from a borrowed session counts with the sign-in failures: the
        // account locks at the same threshold and every session of it ends.
        const locked = await inTransaction(deps, async (tx) => {
          const failure = await recordFailure(tx, accountKey(user.username), settings.lockoutThreshold, settings.lockoutMinutes, now0);
          await audit.inTransaction(tx, auditActorOf(actor), origin, { action: 'auth.password-change', outcome: 'failure', details: { reason: 'wrong-current' } });
          if (failure.locked) {
            await endUserSessions(tx, user.id, null, 'password-lockout', now0);
            await audit.inTransaction(tx, auditActorOf(actor), origin, { action: 'auth.lockout', outcome: 'failure', details: { via: 'password-change' } });
          }
          return failure.locked;
        });
        if (locked) throw authErrors.locked(new Date(now0.getTime() + settings.lockoutMinutes * 60_000));
        throw authErrors.invalidCredentials();
      }
      const history = [user.passwordHash, ...(await recentPasswordHashes(database.db, user.id, settings.passwordHistory))].slice(
        0,
        Math.max(1, settings.passwordHistory),
      );
      await assertPasswordAcceptable(settings, user.username, newPassword, history);
      const now = clock();
      const newHash = await hashPassword(newPassword);
      const view = await inTransaction(deps, async (tx) => {
        await tx.insert(passwordHistory).values({ userId: user.id, passwordHash: user.passwordHash, createdAt: now });
        await tx
          .update(users)
          .set({ passwordHash: newHash, passwordChangedAt: now, mustChangePassword: false, updatedAt: now })
          .where(eq(users.id, user.id));
        const updated = { ...user, passwordHash: newHash, passwordChangedAt: now, mustChangePassword: false };
        const stage = actor.stage === 'active' ? 'active' : nextStage(updated, settings, now, true);
        await setSessionStage(tx, actor.sessionTokenHash, stage);
        const ended = await endUserSessions(tx, user.id, actor.sessionTokenHash, 'password-changed', now);
        if (stage === 'active') await tx.update(users).set({ lastLoginAt: now }).where(eq(users.id, user.id));
        await audit.inTransaction(tx, auditActorOf(actor), origin, {
          action: 'auth.password-change',
          objectType: 'user',
          objectId: user.id,
          details: { forced: actor.stage === 'password-change', otherSessionsEnded: ended },
        });
        const session = await findLiveSession(tx, actor.sessionTokenHash);
        return auth.sessionView(tx, updated, stage, actor.csrfToken, session!.expiresAt, settings);
      });
      return view;
    },

    /** Starts (or restarts) TOTP enrolment: a fresh secret, kept unconfirmed until a code proves the app has it. */
    async startEnrolment(actor: Actor, origin: RequestOrigin) {
      if (actor.stage !== 'mfa-enrol' && actor.stage !== 'active') throw authErrors.wrongStage();
      const user = await auth.requireUser(database.db, actor);
      if (user.mfaEnabled) throw new AppError(409, 'MFA_ALREADY_ENABLED', '两步验证已启用', 'Two-step verification is already enabled');
      const secret = generateTotpSecret();
      const otpauthUri = buildOtpauthUri({ secret, accountName: user.username });
      await inTransaction(deps, async (tx) => {
        await tx.update(users).set({ mfaSecret: secrets.seal(user.id, secret), mfaLastStep: null, updatedAt: clock() }).where(eq(users.id, user.id));
        await audit.inTransaction(tx, auditActorOf(actor), origin, { action: 'auth.mfa-enrol-start', objectType: 'user', objectId: user.id });
      });
      return { secret, otpauthUri, qrSvg: await renderQrSvg(otpauthUri) };
    },

    async confirmEnrolment(actor: Actor, code: string, origin: RequestOrigin): Promise<{ recoveryCodes: string[]; session: SessionView }> {
      if (actor.stage !== 'mfa-enrol' && actor.stage !== 'active') throw authErrors.wrongStage();
      const settings = await deps.settings.get();
      const user = await auth.requireUser(database.db, actor);
      if (user.mfaEnabled || !user.mfaSecret) throw authErrors.wrongStage();
      const now = clock();
      const secret = openMfaSecret(secrets, user.id, user.mfaSecret);
      const check = secret ? verifyTotp({ secret, code, now, lastUsedStep: user.mfaLastStep }) : { ok: false as const };
      if (!check.ok) {
        await audit.standalone(auditActorOf(actor), origin, { action: 'auth.mfa-enrol-confirm', outcome: 'failure' });
        throw authErrors.invalidMfa();
      }
      const codes = generateRecoveryCodes(10);
      return inTransaction(deps, async (tx) => {
        await tx.update(users).set({ mfaEnabled: true, mfaLastStep: check.step, updatedAt: now }).where(eq(users.id, user.id));
        await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
        await tx.insert(recoveryCodes).values(codes.map((c) => ({ userId: user.id, codeHash: hashRecoveryCode(c) })));
        const updated = { ...user, mfaEnabled: true };
        const stage = actor.stage === 'active' ? 'active' : nextStage(updated, settings, now, true);
        await setSessionStage(tx, actor.sessionTokenHash, stage);
        await audit.inTransaction(tx, auditActorOf(actor), origin, { action: 'auth.mfa-enrol-confirm', objectType: 'user', objectId: user.id });
        const session = await findLiveSession(tx, actor.sessionTokenHash);
        return { recoveryCodes: codes, session: await auth.sessionView(tx, updated, stage, actor.csrfToken, session!.expiresAt, settings) };
      });
    },
  };
}
