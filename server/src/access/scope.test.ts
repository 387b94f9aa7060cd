import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../../contracts/roles.ts';
import type { Actor } from '../app/actor.ts';
import '../app/feature-routes.ts';
import { registeredAccess, scopeOf, type Scope } from './index.ts';

const ID = '33333333-3333-4333-8333-333333333333';

function actor(role: Role | null, scope: Actor['scope'] = null): Actor {
  return { userId: ID, username: 'x', displayName: 'x', role, scope, stage: 'active', sessionTokenHash: '', csrfToken: '' };
}

describe('one Scope per request', () => {
  it('resolves every role to its scope kind', () => {
    const expected: Record<Role, Scope> = {
      leader: { kind: 'district', mode: 'read' },
      commission: { kind: 'district', mode: 'manage' },
      department: { kind: 'department', ids: [ID] },
      park: { kind: 'zone', ids: [ID] },
      enterprise: { kind: 'enterprise', ids: [ID] },
      expert: { kind: 'provider', provider: 'expert', ids: [ID] },
      platform: { kind: 'provider', provider: 'platform', ids: [ID] },
      sysadmin: { kind: 'none' },
      secadmin: { kind: 'none' },
      auditor: { kind: 'none' },
    };
    const kindOf: Partial<Record<Role, NonNullable<Actor['scope']>['kind']>> = { department: 'department', park: 'zone', enterprise: 'enterprise', expert: 'expert', platform: 'platform' };
    for (const role of ROLES) {
      const kind = kindOf[role];
      expect(scopeOf(actor(role, kind ? { kind, id: ID } : null)), role).toEqual(expected[role]);
    }
    expect(scopeOf(actor(null))).toEqual({ kind: 'none' });
  });

  it('gives a scoped account without its scope (or with one of another kind) no ids, never the district', () => {
    expect(scopeOf(actor('park'))).toEqual({ kind: 'zone', ids: [] });
    expect(scopeOf(actor('park', { kind: 'enterprise', id: ID }))).toEqual({ kind: 'zone', ids: [] });
    expect(scopeOf(actor('expert'))).toEqual({ kind: 'provider', provider: 'expert', ids: [] });
    expect(scopeOf(actor('platform', { kind: 'expert', id: ID }))).toEqual({ kind: 'provider', provider: 'platform', ids: [] });
  });

  it('resolves once per actor (one actor per request)', () => {
    const a = actor('park', { kind: 'zone', id: ID });
    expect(scopeOf(a)).toBe(scopeOf(a));
    expect(scopeOf(a)).not.toBe(scopeOf(actor('park', { kind: 'zone', id: ID })));
  });

  it('has the product entities registered, each with a read rule', () => {
    const entities = registeredAccess();
    for (const name of ['enterprise', 'project', 'carrier', 'platform', 'expert', 'department', 'chain-node', 'monthly-report']) {
      expect(entities.find((e) => e.entity === name)?.actions, name).toContain('read');
    }
  });
});
