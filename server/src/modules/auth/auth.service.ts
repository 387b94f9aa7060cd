import { eq, and, isNull } from 'drizzle-orm';
import type { SessionStage, SessionView } from '../../../../contracts/auth.ts';
import type { SecuritySettings } from '../../../../contracts/admin.ts';
import type { Role, ScopeKind } from '../../../../contracts/roles.ts';
import type { Actor, RequestOrigin } from '../../app/actor.ts';
import { inTransaction, type AppDeps } from '../../app/deps.ts';
import { AppError } from '../../app/errors.ts';
import type { Db } from '../../db/client.ts';
import { recoveryCodes, users } from '../../db/schema/index.ts';
import { dummyVerify, verifyPassword } from '../../domain/security/password-hash.ts';
import { DEFAULT_PASSWORD_POLICY, passwordExpiresAt } from '../../domain/security/password-policy.ts';
import { generateCsrfToken, generateSessionToken, hashToken } from '../../domain/security/tokens.ts';
import { hashRecoveryCode } from '../../domain/security/recovery-codes.ts';
import { verifyTotp } from '../../domain/security/totp.ts';
import { auditActorOf } from '../audit/index.ts';
import { isMfaRequired } from '../security/index.ts';
import { presentUser, findUserById, findUserByUsername, type UserRow } from '../users/index.ts';
import { endSession, endUserSessions, findLiveSession, findLiveSessionWithUser, insertSession, setSessionStage, touchSession } from './session.repository.ts';
import { accountKey, clearThrottle, ipKey, lockedUntil, mfaKey, recordFailure } from './throttle.repository.ts';
import { isSealed, SecretOpenError } from '../../domain/security/secret-box.ts';
import { mfaSecretBox, type MfaSecretBox } from './mfa-secret-key.ts';

export const authErrors = {
  invalidCredentials: () => new AppError(401, 'INVALID_CREDENTIALS', '用户名或密码错误', 'Wrong username or password'),
  // Same wording whether or not the username exists: counters are kept per submitted name.
  locked: (until: Date) =>
    new AppError(
      423,
      'ACCOUNT_LOCKED',
      `登录失败次数过多，已暂时锁定，请在 ${until.toISOString().slice(11, 16)}（UTC）后重试或联系系统管理员解锁`,
      `Too many failed sign-ins; locked until ${until.toISOString().slice(11, 16)} UTC — try again later or ask the system administrator to unlock`,
      undefined,
      { 'retry-after': String(Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000))) },
    ),
  disabled: () => new AppError(403, 'ACCOUNT_DISABLED', '账户已停用，请联系系统管理员', 'This account is disabled; contact the system administrator'),
  invalidMfa: () => new AppError(401, 'INVALID_MFA_CODE', '验证码错误或已使用', 'The verification code is wrong or was already used'),
  wrongStage: () => new AppError(409, 'WRONG_STAGE', '当前登录步骤不允许此操作', 'This action does not fit the current sign-in step'),
};

/** Which step a session must complete next. */
export function nextStage(user: UserRow, settings: SecuritySettings, now: Date, mfaPassed: boolean): SessionStage {
  if (user.mfaEnabled && !mfaPassed) return 'mfa';
  const expiry = passwordExpiresAtOf(user, settings);
  const expired = expiry !== null && expiry <= now;
  if (user.mustChangePassword || expired) return 'password-change';
  if (!user.mfaEnabled && isMfaRequired(settings, user.role as Role | null)) return 'mfa-enrol';
  return 'active';
}

export function passwordExpiresAtOf(user: UserRow, settings: SecuritySettings): Date | null {
  // Demo accounts are exempt from rotation so the demo keeps working; they are flagged in the data.
  if (user.isDemo) return null;
  return passwordExpiresAt(user.passwordChangedAt, { ...DEFAULT_PASSWORD_POLICY, maxAgeDays: settings.passwordMaxAgeDays });
}

export function createAuthService(deps: AppDeps) {
  const { database, clock, audit } = deps;
  const secrets = mfaSecretBox(deps.config);

  /**
   * Inside a transaction pass `settings` read beforehand: on the embedded engine the transaction holds the
   * only backend, so a settings read outside it (a cache miss) would wait for the transaction forever.
   */
  async function sessionView(
    db: Db,
    user: UserRow,
    stage: SessionStage,
    csrfToken: string,
    expiresAt: Date,
    knownSettings?: SecuritySettings,
  ): Promise<SessionView> {
    const settings = knownSettings ?? (await deps.settings.get());
    return {
      user: await presentUser(db, user, passwordExpiresAtOf(user, settings)),
      stage,
      csrfToken,
      idleTimeoutSeconds: settings.idleTimeoutMinutes * 60,
      expiresAt: expiresAt.toISOString(),
    };
  }

  async function requireUser(db: Db, actor: Actor): Promise<UserRow> {
    const user = await findUserById(db, actor.userId);
    if (!user) throw authErrors.invalidCredentials();
    return user;
  }

  return {
    /**
     * Password sign-in. A new session (new token, new CSRF token) is issued on every success, so a token
     * planted before sign-in is worthless afterwards (session fixation).
     */
    async login(username: string, password: string, origin: RequestOrigin): Promise<{ token: string; view: SessionView }> {
      const settings = await deps.settings.get();
      const now = clock();
      const keys = [accountKey(username), ipKey(origin.ip)];
      const until = await lockedUntil(database.db, [...keys, mfaKey(username)], now);
      if (until) {
        await audit.standalone({ userId: null, username, role: null }, origin, { action: 'auth.login', outcome: 'failure', details: { reason: 'locked' } });
        throw authErrors.locked(until);
      }
      const user = await findUserByUsername(database.db, username);
      const ok = user ? await verifyPassword(user.passwordHash, password) : await dummyVerify(password);
      if (!user || !ok) {
        const result = await inTransaction(deps, async (tx) => {
          const account = await recordFailure(tx, keys[0]!, settings.lockoutThreshold, settings.lockoutMinutes, now);
          const ip = await recordFailure(tx, keys[1]!, settings.ipLockoutThreshold, settings.lockoutMinutes, now);
          const who = { userId: user?.id ?? null, username, role: user?.role ?? null };
          await audit.inTransaction(tx, who, origin, { action: 'auth.login', outcome: 'failure', details: { reason: 'invalid-credentials' } });
          if (account.locked || ip.locked) {
            await audit.inTransaction(tx, who, origin, {
              action: 'auth.lockout',
              outcome: 'failure',
              details: { account: account.locked, ip: ip.locked, minutes: settings.lockoutMinutes },
            });
          }
          return account.locked || ip.locked;
        });
        if (result) throw authErrors.locked(new Date(now.getTime() + settings.lockoutMinutes * 60_000));
        throw authErrors.invalidCredentials();
      }
      if (user.status !== 'active') {
        await audit.standalone(auditActorOf(null), origin, { action: 'auth.login', outcome: 'failure', objectType: 'user', objectId: user.id, details: { reason: 'disabled', username } });
        throw authErrors.disabled();
      }
      const token = generateSessionToken();
      const csrf = generateCsrfToken();
      const stage = nextStage(user, settings, now, false);
      const expiresAt = new Date(now.getTime() + settings.absoluteLifetimeHours * 3_600_000);
      await inTransaction(deps, async (tx) => {
        await clearThrottle(tx, keys[0]!);
        await insertSession(tx, { tokenHash: hashToken(token), userId: user.id, stage, csrfToken: csrf, now, expiresAt, ip: origin.ip, userAgent: origin.userAgent });
        if (stage === 'active') await tx.update(users).set({ lastLoginAt: now }).where(eq(users.id, user.id));
        await audit.inTransaction(tx, { userId: user.id, username: user.username, role: user.role }, origin, {
          action: 'auth.login',
          outcome: 'success',
          details: { stage },
        });
      });
      return { token, view: await sessionView(database.db, user, stage, csrf, expiresAt) };
    },

    /**
     * Resolves a cookie token into an actor, ending sessions that passed the idle timeout or the absolute
     * lifetime. `last_seen_at` is written at most once a minute to keep reads cheap on the embedded database.
     */
    async resolve(token: string): Promise<Actor | null> {
      const tokenHash = hashToken(token);
      const found = await findLiveSessionWithUser(database.db, tokenHash);
      if (!found) return null;
      const { session, user } = found;
      const settings = await deps.settings.get();
      const now = clock();
      const idleLimit = new Date(session.lastSeenAt.getTime() + settings.idleTimeoutMinutes * 60_000);
      if (now >= session.expiresAt || now >= idleLimit) {
        const reason = now >= session.expiresAt ? 'absolute-timeout' : 'idle-timeout';
        await inTransaction(deps, async (tx) => {
          await endSession(tx, tokenHash, reason, now);
          await audit.inTransaction(tx, { userId: session.userId, username: null, role: null }, null, { action: 'auth.session-expired', details: { reason } });
        });
        return null;
      }
      if (user.status !== 'active') return null;
      if (now.getTime() - session.lastSeenAt.getTime() > 60_000) await touchSession(database.db, tokenHash, now);
      return {
        userId: user.id,
        username: user.username,
        displayName: user.displayName,
        role: (user.role as Role | null) ?? null,
        scope: user.scopeKind && user.scopeId ? { kind: user.scopeKind as ScopeKind, id: user.scopeId } : null,
        stage: session.stage as SessionStage,
        sessionTokenHash: tokenHash,
        csrfToken: session.csrfToken,
      };
    },

    async currentView(actor: Actor): Promise<SessionView> {
      const session = await findLiveSession(database.db, actor.sessionTokenHash);
      const user = await requireUser(database.db, actor);
      return sessionView(database.db, user, actor.stage, actor.csrfToken, session?.expiresAt ?? clock());
    },

    /** Second factor: a TOTP code (replay-protected) or an unused recovery code. */
    async verifyMfa(actor: Actor, code: string, origin: RequestOrigin): Promise<SessionView> {
      if (actor.stage !== 'mfa') throw authErrors.wrongStage();
      const settings = await deps.settings.get();
      const now = clock();
      const user = await requireUser(database.db, actor);
      const until = await lockedUntil(database.db, [accountKey(user.username), mfaKey(user.username)], now);
      if (until) {
        await inTransaction(deps, async (tx) => {
          await endSession(tx, actor.sessionTokenHash, 'mfa-lockout', now);
          await audit.inTransaction(tx, auditActorOf(actor), origin, { action: 'auth.mfa-verify', outcome: 'failure', details: { reason: 'locked' } });
        });
        throw authErrors.locked(until);
      }
      const stage = await inTransaction(deps, async (tx) => {
        let method: 'totp' | 'recovery-code' | null = null;
        const secret = user.mfaSecret ? openMfaSecret(secrets, user.id, user.mfaSecret) : null;
        const totp = secret ? verifyTotp({ secret, code, now, lastUsedStep: user.mfaLastStep }) : { ok: false as const };
        if (totp.ok) {
          // A seed stored before sealing existed is sealed now, at its first use.
          const reseal = isSealed(user.mfaSecret!) ? {} : { mfaSecret: secrets.seal(user.id, secret!) };
          await tx.update(users).set({ mfaLastStep: totp.step, ...reseal }).where(eq(users.id, user.id));
          method = 'totp';
        } else if (!/^\d{6}$/.test(code.replace(/[\s-]/g, ''))) {
          const used = await tx
            .update(recoveryCodes)
            .set({ usedAt: now })
            .where(and(eq(recoveryCodes.userId, user.id), eq(recoveryCodes.codeHash, hashRecoveryCode(code)), isNull(recoveryCodes.usedAt)))
            .returning({ id: recoveryCodes.id });
          if (used.length) method = 'recovery-code';
        }
        if (!method) return null;
        await clearThrottle(tx, mfaKey(user.username));
        const next = nextStage(user, settings, now, true);
        await setSessionStage(tx, actor.sessionTokenHash, next);
        if (next === 'active') await tx.update(users).set({ lastLoginAt: now }).where(eq(users.id, user.id));
        await audit.inTransaction(tx, auditActorOf(actor), origin, { action: 'auth.mfa-verify', details: { method, stage: next } });
        return next;
      });
      if (!stage) {
        const locked = await inTransaction(deps, async (tx) => {
          const failure = await recordFailure(tx, mfaKey(user.username), settings.lockoutThreshold, settings.lockoutMinutes, now);
          await audit.inTransaction(tx, auditActorOf(actor), origin, { action: 'auth.mfa-verify', outcome: 'failure' });
          // Guessing second-factor codes locks the account like guessing passwords (same threshold, own
          // counter that a password sign-in does not clear), and ends the session.
          if (failure.locked) {
            await endSession(tx, actor.sessionTokenHash, 'mfa-lockout', now);
            await audit.inTransaction(tx, auditActorOf(actor), origin, { action: 'auth.lockout', outcome: 'failure', details: { via: 'mfa' } });
          }
          return failure.locked;
        });
        if (locked) throw authErrors.locked(new Date(now.getTime() + settings.lockoutMinutes * 60_000));
        throw authErrors.invalidMfa();
      }
      return sessionView(database.db, await requireUser(database.db, actor), stage, actor.csrfToken, (await findLiveSession(database.db, actor.sessionTokenHash))!.expiresAt);
    },

    async logout(actor: Actor, origin: RequestOrigin): Promise<void> {
      await inTransaction(deps, async (tx) => {
        await endSession(tx, actor.sessionTokenHash, 'logout', clock());
        await audit.inTransaction(tx, auditActorOf(actor), origin, { action: 'auth.logout' });
      });
    },

    async logoutOthers(actor: Actor, origin: RequestOrigin): Promise<number> {
      return inTransaction(deps, async (tx) => {
        const ended = await endUserSessions(tx, actor.userId, actor.sessionTokenHash, 'logout-others', clock());
        await audit.inTransaction(tx, auditActorOf(actor), origin, { action: 'auth.logout-others', details: { ended } });
        return ended;
      });
    },
    sessionView,
    requireUser,
  };
}

export type AuthService = ReturnType<typeof createAuthService>;

/**
 * The plain TOTP seed, or null when it was sealed with another key (an installation restored without its
 * secret.key): the code then fails like a wrong one and a recovery code still works; the operator is told why.
 */
export function openMfaSecret(secrets: MfaSecretBox, userId: string, stored: string): string | null {
  try {
    return secrets.open(userId, stored);
  } catch (error) {
    if (!(error instanceof SecretOpenError)) throw error;
    console.error(`[auth] 两步验证密钥无法解密（密钥文件与绑定时不同）/ second-factor seed of user ${userId} does not open with this installation's secret key: sign in with a recovery code and enrol again, or restore the original secret.key`);
    return null;
  }
}
