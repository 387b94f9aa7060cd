import path from 'node:path';
import { z } from 'zod';

/**
 * Runtime configuration, read once from the environment. Security-relevant settings that an administrator
 * changes at run time (password policy, lockout, session lifetimes) live in the database (security_settings)
 * and are seeded from these defaults.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  /** Comma-separated proxy addresses (or CIDRs) whose X-Forwarded-For is trusted; empty: trust none. */
  TRUSTED_PROXIES: z.string().default(''),
  /** When true the session cookie is Secure and HSTS is sent (set when served over https). */
  HTTPS: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(480).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(72).default(12),
  PASSWORD_MIN_LENGTH: z.coerce.number().int().min(8).max(64).default(8),
  PASSWORD_MIN_CLASSES: z.coerce.number().int().min(1).max(4).default(3),
  PASSWORD_HISTORY: z.coerce.number().int().min(0).max(24).default(5),
  PASSWORD_MAX_AGE_DAYS: z.coerce.number().int().min(0).max(365).default(90),
  LOCKOUT_THRESHOLD: z.coerce.number().int().min(3).max(20).default(5),
  LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  /** Requests per minute per signed-in user across the API. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(10).default(600),
  /** Login attempts per minute per client IP (on top of the lockout). */
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(200).default(20),
  UPLOAD_PARSE_TIMEOUT_S: z.coerce.number().int().min(1).max(600).default(20),
  HEAVY_IMPORT_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
  /** The key sealing second-factor seeds (default: secret.key in DATA_DIR, created on first use). */
  SECRET_KEY_FILE: z.string().optional(),
  /** Optional outgoing mail for notifications, e.g. smtp://user:pass@mail.intranet:25 (unset: inbox only). */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'smtp:// or smtps:// URL').optional(),
  SMTP_FROM: z.string().default('biomfg@localhost'),
  /** The key of the audit chain's HMAC (default: audit.key in DATA_DIR, created at first start). */
  AUDIT_KEY_FILE: z.string().optional(),
  /** The key encrypting personal-information fields (default: field.key in DATA_DIR). */
  FIELD_KEY_FILE: z.string().optional(),
  /** The cryptographic suite a new installation records at its first start (docs/security/cryptography.md). */
  CRYPTO_SUITE: z.enum(['gm', 'intl']).optional(),
  /** A month's statistics close on this day of the following month even if reports are missing (cockpit default). */
  STATS_MONTH_CLOSE_DAY: z.coerce.number().int().min(1).max(28).default(10),
});

export type AppConfig = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  trustedProxies: string[];
  https: boolean;
  logLevel: string;
  defaults: {
    sessionIdleMinutes: number;
    sessionAbsoluteHours: number;
    passwordMinLength: number;
    passwordMinClasses: number;
    passwordHistory: number;
    passwordMaxAgeDays: number;
    lockoutThreshold: number;
    lockoutMinutes: number;
  };
  rateLimitPerMinute: number;
  loginRateLimitPerMinute: number;
  maxUploadBytes: number;
  /** Time limit for reading and parsing one uploaded policy document (in its worker thread). */
  uploadParseTimeoutMs: number;
  /** Workbook imports (registries, bureau files) that parse at once; the others wait in a queue. */
  heavyImportConcurrency: number;
  secretKeyFile: string | undefined;
  smtpUrl: string | undefined;
  smtpFrom: string;
  auditKeyFile?: string | undefined;
  fieldKeyFile?: string | undefined;
  /** Unset: gm for a new installation; an existing one keeps what it recorded. */
  cryptoSuite?: 'gm' | 'intl' | undefined;
  /** See STATS_MONTH_CLOSE_DAY and domain/statistics/month-close.ts. */
  statsMonthCloseDay: number;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<AppConfig> = {}): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`配置错误 / invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    trustedProxies: e.TRUSTED_PROXIES.split(',').map((s) => s.trim()).filter(Boolean),
    https: e.HTTPS,
    logLevel: e.LOG_LEVEL,
    defaults: {
      sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
      sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
      passwordMinLength: e.PASSWORD_MIN_LENGTH,
      passwordMinClasses: e.PASSWORD_MIN_CLASSES,
      passwordHistory: e.PASSWORD_HISTORY,
      passwordMaxAgeDays: e.PASSWORD_MAX_AGE_DAYS,
      lockoutThreshold: e.LOCKOUT_THRESHOLD,
      lockoutMinutes: e.LOCKOUT_MINUTES,
    },
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    loginRateLimitPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
    maxUploadBytes: e.MAX_UPLOAD_MB * 1024 * 1024,
    uploadParseTimeoutMs: e.UPLOAD_PARSE_TIMEOUT_S * 1000,
    heavyImportConcurrency: e.HEAVY_IMPORT_CONCURRENCY,
    secretKeyFile: e.SECRET_KEY_FILE ? path.resolve(e.SECRET_KEY_FILE) : undefined,
    smtpUrl: e.SMTP_URL,
    smtpFrom: e.SMTP_FROM,
    auditKeyFile: e.AUDIT_KEY_FILE ? path.resolve(e.AUDIT_KEY_FILE) : undefined,
    fieldKeyFile: e.FIELD_KEY_FILE ? path.resolve(e.FIELD_KEY_FILE) : undefined,
    cryptoSuite: e.CRYPTO_SUITE,
    statsMonthCloseDay: e.STATS_MONTH_CLOSE_DAY,
    ...overrides,
  };
}
