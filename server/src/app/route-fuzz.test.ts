import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../../contracts/roles.ts';
import { createEnterprise, departmentId, zoneId } from '../../../test/fixtures.ts';
import { HOSTILE_URL_VALUES, HOSTILE_VALUES, fieldPaths, hash, queryValue, sample, withValueAt } from '../../../test/schema-samples.ts';
import { createUser, createTestApp, type TestApp } from '../../../test/test-app.ts';
import { sessions } from '../db/schema/index.ts';
import { generateCsrfToken, generateSessionToken, hashToken } from '../domain/security/tokens.ts';
import { PERMISSIONS, type Permission } from './permissions.ts';
import { declaredRoutes, type DeclaredRoute } from './route.ts';

/**
 * ROUTE FUZZ SUITE: every route in the permission registry, called by a role that holds its permission, with
 * parameters and bodies generated from its zod contract and then one hostile value at a time (NUL, lone
 * surrogates, 10 000-character strings, huge numbers, wrong types, impossible dates). Whatever the input:
 * never a 500, an answer within a bounded time, and the server healthy afterwards.
 *
 * Bounded so that it stays fast on a loaded machine: at most CASES_PER_ROUTE requests per route, chosen
 * deterministically (the same cases on every run, so a failure reproduces).
 */
const CASES_PER_ROUTE = 12;
const MAX_MS_PER_REQUEST = 10_000;

let t: TestApp;
const userIds = new Map<Role, string>();

beforeAll(async () => {
  t = await createTestApp();
  const own = await createEnterprise(t, '模糊测试生物科技有限公司', 'medicine-port');
  const scopes: Partial<Record<Role, string>> = { department: await departmentId(t, 'kewei'), park: await zoneId(t, 'medicine-port'), enterprise: own.id };
  for (const role of ROLES) userIds.set(role, (await createUser(t, `fuzz_${role}`, role, scopes[role] ? { scope: scopes[role] } : {})).id);
});
afterAll(async () => t?.close());

/** A fresh, fully signed-in session per route: a route that signs out spoils no other. */
async function sessionFor(role: Role): Promise<{ cookie: string; csrf: string }> {
  const token = generateSessionToken();
  const csrf = generateCsrfToken();
  const now = t.clock.now();
  await t.deps.database.db.insert(sessions).values({
    tokenHash: hashToken(token),
    userId: userIds.get(role)!,
    stage: 'active',
    csrfToken: csrf,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + 8 * 3_600_000),
  });
  return { cookie: `biomfg_sid=${token}`, csrf };
}

function roleFor(route: DeclaredRoute): Role | null {
  if (route.access === 'public') return null;
  if (route.access === 'session' || route.access === 'authenticated') return 'commission';
  const holders = PERMISSIONS[route.access as Permission] as readonly Role[];
  return holders.includes('commission') ? 'commission' : holders[0]!;
}

interface FuzzCase {
  label: string;
  url: string;
  payload?: unknown;
}

function buildUrl(route: DeclaredRoute, params: Record<string, string>, query: Record<string, string>): string {
  const path = route.url.replace(/:(\w+)/g, (_, name: string) => params[name] ?? 'x');
  const qs = Object.entries(query).map(([k, v]) => `${encodeURIComponent(k)}=${v}`).join('&');
  return qs ? `${path}?${qs}` : path;
}

/** The cases of one route: the plausible request, then hostile parameters, query values and body fields. */
function casesOf(route: DeclaredRoute): FuzzCase[] {
  const seed = Math.abs(hash(`${route.method} ${route.url}`));
  const pick = <T>(list: readonly T[], i: number) => list[(seed + i * 7) % list.length]!;
  const baseParams: Record<string, string> = {};
  const paramSample = route.params ? (sample(route.params) as Record<string, unknown>) : {};
  for (const name of route.url.match(/:(\w+)/g)?.map((p) => p.slice(1)) ?? []) baseParams[name] = queryValue(paramSample[name] ?? 'x');
  const baseQuery: Record<string, string> = {};
  if (route.query) for (const [k, v] of Object.entries(sample(route.query) as Record<string, unknown>)) if (v !== undefined) baseQuery[k] = queryValue(v);
  const baseBody = route.body ? sample(route.body) : undefined;
  const base: FuzzCase = { label: 'plausible', url: buildUrl(route, baseParams, baseQuery), payload: baseBody };

  const groups: FuzzCase[][] = [];
  groups.push(Object.keys(baseParams).flatMap((name) => [0, 1, 2].map((i) => ({ label: `param ${name}`, url: buildUrl(route, { ...baseParams, [name]: pick(HOSTILE_URL_VALUES, i) }, baseQuery), payload: baseBody }))));
  const queryKeys = route.query ? fieldPaths(route.query).filter((p) => p.length === 1).map((p) => String(p[0])) : [];
  groups.push(queryKeys.flatMap((key, k) => [0, 1].map((i) => ({ label: `query ${key}`, url: buildUrl(route, baseParams, { ...baseQuery, [key]: pick(HOSTILE_URL_VALUES, k + i) }), payload: baseBody }))));
  if (route.body) {
    const paths = fieldPaths(route.body);
    groups.push(paths.flatMap((path, k) => [0, 1].map((i) => ({ label: `body ${path.join('.')}`, url: base.url, payload: withValueAt(baseBody, path, pick(HOSTILE_VALUES, k * 3 + i)) }))));
    groups.push([
      { label: 'body as array', url: base.url, payload: [baseBody] },
      { label: 'body as NUL string', url: base.url, payload: '\u0000' },
    ]);
  }
  // Round-robin over the groups so that each kind of input is represented within the bound.
  const chosen: FuzzCase[] = [base];
  for (let i = 0; chosen.length < CASES_PER_ROUTE && groups.some((g) => g.length > i); i++) {
    for (const group of groups) if (group[i] && chosen.length < CASES_PER_ROUTE) chosen.push(group[i]!);
  }
  return chosen;
}

describe('route fuzz suite: hostile input never yields a 500, a hang or a sick server', () => {
  it('covers every declared route', () => {
    expect((declaredRoutes.get(t.app) ?? []).length).toBeGreaterThan(100);
  });

  it('answers every generated request below 500, in bounded time, and stays healthy', async () => {
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let requests = 0;
    const started = Date.now();
    for (const route of declaredRoutes.get(t.app) ?? []) {
      const role = roleFor(route);
      const session = role ? await sessionFor(role) : null;
      for (const fuzz of casesOf(route)) {
        const headers: Record<string, string> = session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {};
        const isJson = fuzz.payload !== undefined && route.method !== 'GET';
        const at = Date.now();
        const response = await t.app.inject({
          method: route.method,
          url: fuzz.url,
          headers: isJson ? { ...headers, 'content-type': 'application/json' } : headers,
          ...(isJson ? { payload: JSON.stringify(fuzz.payload) } : {}),
        });
        requests++;
        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
        const ms = Date.now() - at;
        if (response.statusCode >= 500) failures.push(`${route.method} ${route.url} [${fuzz.label}] → ${response.statusCode} ${fuzz.url.slice(0, 120)}`);
        if (ms > MAX_MS_PER_REQUEST) failures.push(`${route.method} ${route.url} [${fuzz.label}] took ${ms} ms`);
      }
      const health = await t.app.inject({ method: 'GET', url: '/healthz' });
      if (health.statusCode !== 200) failures.push(`after ${route.method} ${route.url}: /healthz ${health.statusCode}`);
      // Hostile current passwords on the change-password route lock the account like any guessing; the next
      // route starts from a clean slate so that it is reached by a signed-in caller, not refused with 401.
      await t.deps.database.query('DELETE FROM auth_throttle');
    }
    console.info(`route fuzz: ${requests} requests in ${Date.now() - started} ms; statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(failures).toEqual([]);
    // The suite only means something if the requests got past authentication.
    expect(statuses.get(401) ?? 0).toBeLessThan(requests * 0.05);
  }, 600_000);
});
