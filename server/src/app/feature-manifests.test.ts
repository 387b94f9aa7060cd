import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../../contracts/audit-actions.ts';
import { NAVIGATION } from '../../../contracts/navigation.ts';
import { PERMISSIONS } from '../../../contracts/permissions.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { FEATURES, routeOwners } from './feature-routes.ts';
import { declaredRoutes } from './route.ts';

/**
 * The feature list is the one place a feature is wired in: each permission, menu entry and audit action of
 * the contracts belongs to exactly one manifest, and every API route was registered by one. A permission or
 * menu entry added to contracts/ without its feature's manifest fails here.
 */
/** Audit actions the app itself writes, outside any feature: refusals (app/refusal-audit.ts) and the demo seed. */
const APP_AUDIT_ACTIONS = ['access.denied', 'seed.demo'];
/** The app shell's own page: the home page (workbench) every business account lands on. */
const APP_NAVIGATION = ['home'];

function ownersOf(pick: (f: (typeof FEATURES)[number]) => readonly string[] | undefined): Map<string, string[]> {
  const owners = new Map<string, string[]>();
  for (const feature of FEATURES) for (const item of pick(feature) ?? []) owners.set(item, [...(owners.get(item) ?? []), feature.name]);
  return owners;
}

function notOwnedOnce(all: readonly string[], owners: Map<string, string[]>): string[] {
  return all.filter((item) => owners.get(item)?.length !== 1).map((item) => `${item}: ${(owners.get(item) ?? []).join(', ') || 'no feature'}`);
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('feature manifests', () => {
  it('have unique names', () => {
    expect(new Set(FEATURES.map((f) => f.name)).size).toBe(FEATURES.length);
  });

  it('own every permission exactly once', () => {
    expect(notOwnedOnce(Object.keys(PERMISSIONS), ownersOf((f) => f.permissions))).toEqual([]);
  });

  it('own every menu entry exactly once', () => {
    expect(notOwnedOnce(NAVIGATION.map((n) => n.key).filter((k) => !APP_NAVIGATION.includes(k)), ownersOf((f) => f.navigation))).toEqual([]);
  });

  it('own every audit action exactly once (besides the app’s own)', () => {
    const owners = ownersOf((f) => f.auditActions);
    expect(notOwnedOnce(AUDIT_ACTIONS.filter((a) => !APP_AUDIT_ACTIONS.includes(a)), owners)).toEqual([]);
    for (const action of APP_AUDIT_ACTIONS) expect(owners.get(action), action).toBeUndefined();
  });

  it('register every API route, and every permission opens at least one route', () => {
    const routes = declaredRoutes.get(t.app) ?? [];
    const owners = routeOwners.get(t.app)!;
    expect(routes.filter((r) => !owners.has(`${r.method} ${r.url}`)).map((r) => `${r.method} ${r.url}`)).toEqual([]);
    const used = new Set(routes.map((r) => r.access));
    expect(Object.keys(PERMISSIONS).filter((p) => !used.has(p as never))).toEqual([]);
  });
});
