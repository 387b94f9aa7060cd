import { eq } from 'drizzle-orm';
import type { Role } from '../contracts/roles.ts';
import { enterprises, sessions, zones, departments } from '../server/src/db/schema/index.ts';
import { buildUscc } from '../server/src/domain/uscc/uscc.ts';
import { generateCsrfToken, generateSessionToken, hashToken } from '../server/src/domain/security/tokens.ts';
import { createUser, type Session, type TestApp } from './test-app.ts';

let counter = 0;
/** A valid, unique USCC for tests. */
export function testUscc(): string {
  counter++;
  return buildUscc('91', '310116', `T${String(counter).padStart(8, '0')}`.slice(0, 9));
}

export async function zoneId(t: TestApp, code: string): Promise<string> {
  const [row] = await t.deps.database.db.select({ id: zones.id }).from(zones).where(eq(zones.code, code));
  if (!row) throw new Error(`no zone ${code}`);
  return row.id;
}

export async function departmentId(t: TestApp, code: string): Promise<string> {
  const [row] = await t.deps.database.db.select({ id: departments.id }).from(departments).where(eq(departments.code, code));
  if (!row) throw new Error(`no department ${code}`);
  return row.id;
}

export async function createEnterprise(t: TestApp, name: string, zoneCode: string): Promise<{ id: string; uscc: string; name: string }> {
  const uscc = testUscc();
  const [row] = await t.deps.database.db
    .insert(enterprises)
    .values({ uscc, name, zoneId: await zoneId(t, zoneCode) })
    .returning({ id: enterprises.id, uscc: enterprises.uscc, name: enterprises.name });
  return row!;
}

/**
 * A fully signed-in session inserted directly, for authorisation tests: sign-in itself (passwords, second
 * factor) is tested in the auth suites, so the matrix needs no TOTP dance for the administrator roles.
 */
export async function activeSession(t: TestApp, username: string, role: Role | null, scope?: string): Promise<Session & { userId: string }> {
  const user = await createUser(t, username, role, scope ? { scope } : {});
  const token = generateSessionToken();
  const csrf = generateCsrfToken();
  const now = t.clock.now();
  await t.deps.database.db.insert(sessions).values({
    tokenHash: hashToken(token),
    userId: user.id,
    stage: 'active',
    csrfToken: csrf,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + 8 * 3_600_000),
  });
  return { cookie: `biomfg_sid=${token}`, csrf, stage: 'active', body: {}, userId: user.id };
}
