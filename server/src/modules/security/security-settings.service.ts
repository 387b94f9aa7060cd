import { eq } from 'drizzle-orm';
import { ADMIN_ROLES, type Role } from '../../../../contracts/roles.ts';
import { securitySettingsSchema, type SecuritySettings } from '../../../../contracts/admin.ts';
import type { AppConfig } from '../../config/config.ts';
import type { Database, Db } from '../../db/client.ts';
import { securitySettings } from '../../db/schema/index.ts';

export function defaultSecuritySettings(config: AppConfig): SecuritySettings {
  return {
    passwordMinLength: config.defaults.passwordMinLength,
    passwordMinClasses: config.defaults.passwordMinClasses,
    passwordHistory: config.defaults.passwordHistory,
    passwordMaxAgeDays: config.defaults.passwordMaxAgeDays,
    lockoutThreshold: config.defaults.lockoutThreshold,
    lockoutMinutes: config.defaults.lockoutMinutes,
    ipLockoutThreshold: Math.max(20, config.defaults.lockoutThreshold * 4),
    idleTimeoutMinutes: config.defaults.sessionIdleMinutes,
    absoluteLifetimeHours: config.defaults.sessionAbsoluteHours,
    mfaRequiredRoles: [...ADMIN_ROLES],
  };
}

/**
 * Security settings live in one row, edited by the security administrator. Reads are cached briefly
 * because every request consults them (idle timeout); a write refreshes the cache at once.
 */
export function createSecuritySettingsService(database: Database, config: AppConfig) {
  let cached: { value: SecuritySettings; at: number } | null = null;
  const TTL_MS = 5_000;

  async function load(db: Db = database.db): Promise<SecuritySettings> {
    const [row] = await db.select().from(securitySettings).where(eq(securitySettings.id, 1));
    const defaults = defaultSecuritySettings(config);
    if (!row) return defaults;
    const parsed = securitySettingsSchema.safeParse({ ...defaults, ...(row.settings as object) });
    return parsed.success ? parsed.data : defaults;
  }

  return {
    async get(): Promise<SecuritySettings> {
      if (cached && Date.now() - cached.at < TTL_MS) return cached.value;
      const value = await load();
      cached = { value, at: Date.now() };
      return value;
    },
    async save(tx: Db, value: SecuritySettings, updatedBy: string | null): Promise<SecuritySettings> {
      await tx
        .insert(securitySettings)
        .values({ id: 1, settings: value, updatedBy, updatedAt: new Date() })
        .onConflictDoUpdate({ target: securitySettings.id, set: { settings: value, updatedBy, updatedAt: new Date() } });
      cached = null;
      return value;
    },
    invalidate() {
      cached = null;
    },
    load,
  };
}

export type SecuritySettingsService = ReturnType<typeof createSecuritySettingsService>;

/** The administrator roles always need a second factor, whatever the stored list says. */
export function isMfaRequired(settings: SecuritySettings, role: Role | null): boolean {
  if (role === null) return false;
  return (ADMIN_ROLES as readonly Role[]).includes(role) || settings.mfaRequiredRoles.includes(role);
}
