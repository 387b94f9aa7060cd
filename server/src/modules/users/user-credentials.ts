import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { recoveryCodes } from '../../db/schema/index.ts';
import { endUserSessions } from '../auth/index.ts';
import type { UserRow } from './user.repository.ts';

/** What the audit log keeps of an account (never hashes or secrets). */
export function auditViewOfUser(row: UserRow) {
  return {
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    scopeKind: row.scopeKind,
    scopeId: row.scopeId,
    status: row.status,
    mfaEnabled: row.mfaEnabled,
    mustChangePassword: row.mustChangePassword,
  };
}

/** Ends the sessions and returns the column values of a password reset (shared with the approved request). */
export async function passwordResetValues(tx: Db, userId: string, passwordHash: string, now: Date) {
  await endUserSessions(tx, userId, null, 'password-reset', now);
  return { passwordHash, mustChangePassword: true, passwordChangedAt: now };
}

/** Removes the second factor and its recovery codes, ends the sessions (shared with the approved request). */
export async function mfaResetValues(tx: Db, userId: string, now: Date) {
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await endUserSessions(tx, userId, null, 'mfa-reset', now);
  return { mfaEnabled: false, mfaSecret: null, mfaLastStep: null };
}

