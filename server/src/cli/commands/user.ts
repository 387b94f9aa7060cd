import { eq, sql } from 'drizzle-orm';
import { roleSchema } from '../../../../contracts/roles.ts';
import type { Db } from '../../db/client.ts';
import { users } from '../../db/schema/index.ts';
import { checkPasswordPolicy } from '../../domain/security/password-policy.ts';
import { hashPassword } from '../../domain/security/password-hash.ts';
import { appendAuditRecord } from '../../modules/audit/audit.repository.ts';
import { endUserSessions } from '../../modules/auth/session.repository.ts';
import { createSecuritySettingsService } from '../../modules/security/security-settings.service.ts';
import { policyOf } from '../../modules/auth/credentials.service.ts';
import { generateTemporaryPassword } from '../../modules/users/temporary-password.ts';
import { ProvisioningError, provisionUser } from '../../modules/users/user-provisioning.ts';
import { withDatabase } from '../context.ts';
import type { CommandArgs } from '../main.ts';
import { CliError } from '../output.ts';
import os from 'node:os';

/** Console actions are audited as the operating-system user who ran them. */
function consoleActor() {
  return { actorUserId: null, actorUsername: `console:${os.userInfo().username}`, actorRole: null, ip: null, requestId: null };
}

async function findUser(tx: Db, username: string) {
  const [row] = await tx.select().from(users).where(sql`lower(${users.username}) = lower(${username})`);
  if (!row) throw new CliError(`用户不存在 / no such user: ${username}`);
  return row;
}

export async function runUserCreate({ values, out }: CommandArgs): Promise<void> {
  const username = String(values.username ?? '');
  const password = String(values.password ?? '');
  if (!username || !values.role || !password) throw new CliError('需要 --username、--role 和 --password / --username, --role and --password are required', 2);
  const role = roleSchema.safeParse(values.role);
  if (!role.success) throw new CliError(`未知角色 / unknown role "${String(values.role)}"; one of: ${roleSchema.options.join(', ')}`, 2);
  await withDatabase(out, async (database, config) => {
    const settings = await createSecuritySettingsService(database, config).get();
    const check = checkPasswordPolicy({ password, username, policy: policyOf(settings) });
    if (!check.ok) throw new CliError(`密码不符合策略 / password rejected:\n${check.violations.map((v) => `  - ${v.messageZh} / ${v.messageEn}`).join('\n')}`);
    const row = await database.db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      try {
        const created = await provisionUser(tx, {
          username,
          displayName: String(values['display-name'] ?? username),
          role: role.data,
          scope: typeof values.scope === 'string' ? values.scope : null,
          password,
          mustChangePassword: true,
        });
        await appendAuditRecord(tx, { ...consoleActor(), action: 'user.create', objectType: 'user', objectId: created.id, outcome: 'success', after: { username, role: role.data, scopeKind: created.scopeKind, scopeId: created.scopeId } }, new Date());
        return created;
      } catch (error) {
        if (error instanceof ProvisioningError) throw new CliError(error.message);
        throw error;
      }
    });
    out.result(`已创建用户 / created ${row.username} (${row.role})`, { id: row.id, username: row.username, role: row.role, scopeKind: row.scopeKind, scopeId: row.scopeId });
  });
}

export async function runUserDisable({ positionals, out }: CommandArgs): Promise<void> {
  const username = positionals[0];
  if (!username) throw new CliError('需要用户名 / a username is required', 2);
  await withDatabase(out, async (database) => {
    await database.db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      const row = await findUser(tx, username);
      const now = new Date();
      await tx.update(users).set({ status: 'disabled', updatedAt: now }).where(eq(users.id, row.id));
      const ended = await endUserSessions(tx, row.id, null, 'account-disabled', now);
      await appendAuditRecord(tx, { ...consoleActor(), action: 'user.disable', objectType: 'user', objectId: row.id, outcome: 'success', before: { status: row.status }, after: { status: 'disabled' }, details: { sessionsEnded: ended } }, now);
    });
    out.result(`已停用 / disabled ${username}`, { username, status: 'disabled' });
  });
}

export async function runUserResetPassword({ positionals, out }: CommandArgs): Promise<void> {
  const username = positionals[0];
  if (!username) throw new CliError('需要用户名 / a username is required', 2);
  await withDatabase(out, async (database) => {
    const temporaryPassword = generateTemporaryPassword();
    const hash = await hashPassword(temporaryPassword);
    await database.db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      const row = await findUser(tx, username);
      const now = new Date();
      await tx.update(users).set({ passwordHash: hash, mustChangePassword: true, passwordChangedAt: now, updatedAt: now }).where(eq(users.id, row.id));
      await endUserSessions(tx, row.id, null, 'password-reset', now);
      await appendAuditRecord(tx, { ...consoleActor(), action: 'user.reset-password', objectType: 'user', objectId: row.id, outcome: 'success' }, now);
    });
    out.result(`临时密码 / temporary password for ${username}: ${temporaryPassword}`, { username, temporaryPassword });
  });
}
