import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { ROLE_SCOPE_KIND, type Role } from '../contracts/roles.ts';
import { buildApp } from '../server/src/app/build-app.ts';
import type { AppDeps } from '../server/src/app/deps.ts';
import { loadConfig } from '../server/src/config/config.ts';
import { seedReferenceData } from '../server/src/seed/seed-reference.ts';
import { provisionUser } from '../server/src/modules/users/user-provisioning.ts';
import type { FeatureManifest } from '../server/src/app/feature.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

export const TEST_PASSWORD = 'Jinshan#Test2023';

/** A controllable clock for timeouts and lockouts. */
export function createTestClock(start = new Date()) {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  deps: AppDeps;
  db: TestDatabase;
  clock: ReturnType<typeof createTestClock>;
  close(): Promise<void>;
}

export async function createTestApp(env: Record<string, string> = {}, options: { features?: readonly FeatureManifest[] } = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const clock = createTestClock();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '100000', LOGIN_RATE_LIMIT_PER_MINUTE: '100000', ...env });
  await db.database.db.transaction(async (tx) => {
    await seedReferenceData(tx as never);
  });
  const { app, deps } = await buildApp({ config, database: db.database, clock: clock.now, serveWeb: false, logger: false, features: options.features });
  await app.ready();
  return {
    app,
    deps,
    db,
    clock,
    async close() {
      await app.close();
      await db.cleanup();
    },
  };
}

export async function createUser(
  t: TestApp,
  username: string,
  role: Role | null,
  options: { scope?: string; mustChangePassword?: boolean; password?: string } = {},
) {
  return t.deps.database.db.transaction(async (tx) => {
    if (role === null) {
      const { users } = await import('../server/src/db/schema/index.ts');
      const { hashPassword } = await import('../server/src/domain/security/password-hash.ts');
      const [row] = await tx
        .insert(users)
        .values({ username, displayName: username, passwordHash: await hashPassword(options.password ?? TEST_PASSWORD), mustChangePassword: options.mustChangePassword ?? false })
        .returning();
      return row!;
    }
    return provisionUser(tx as never, {
      username,
      displayName: username,
      role,
      scope: options.scope ?? (await providerRecordFor(tx as never, role, username)),
      password: options.password ?? TEST_PASSWORD,
      mustChangePassword: options.mustChangePassword ?? false,
    });
  });
}

/**
 * A provider account (expert, platform operator) acts for one registry record; a test that does not care which
 * gets a fresh record named after the account, so the account is as real as one the security administrator
 * links.
 */
async function providerRecordFor(tx: import('../server/src/db/client.ts').Db, role: Role, username: string): Promise<string | null> {
  const kind = ROLE_SCOPE_KIND[role];
  if (kind !== 'expert' && kind !== 'platform') return null;
  const { experts, platforms } = await import('../server/src/db/schema/index.ts');
  const code = `test-${kind}-${username}`.toLowerCase();
  if (kind === 'expert') {
    const [row] = await tx.insert(experts).values({ code, name: `测试专家 ${username}` }).returning({ id: experts.id });
    return row!.id;
  }
  const [row] = await tx.insert(platforms).values({ code, name: `测试平台 ${username}`, kind: 'testing' }).returning({ id: platforms.id });
  return row!.id;
}

export interface Session {
  cookie: string;
  csrf: string;
  stage: string;
  body: Record<string, unknown>;
}

export function cookieOf(response: LightMyRequestResponse): string {
  const header = response.headers['set-cookie'];
  const first = Array.isArray(header) ? header[0] : header;
  return (first ?? '').split(';')[0]!;
}

export async function login(t: TestApp, username: string, password = TEST_PASSWORD): Promise<Session> {
  const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (response.statusCode !== 200) throw new Error(`login ${username} failed: ${response.statusCode} ${response.body}`);
  const body = response.json();
  return { cookie: cookieOf(response), csrf: body.csrfToken, stage: body.stage, body };
}

/** Sends a request as a session (cookie + CSRF header on mutations). */
export function as(t: TestApp, session: Session | null) {
  return (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      payload: payload as never,
      headers: session ? { cookie: session.cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': session.csrf }) } : {},
    });
}
