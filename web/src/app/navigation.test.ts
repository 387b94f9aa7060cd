import { describe, expect, it } from 'vitest';
import { ROLES } from '../../../contracts/roles.ts';
import { NAV_ITEMS, canOpen, landingPath, navItemsFor } from './navigation.ts';

describe('navigation table', () => {
  it('gives business roles Home and (except experts) Enterprises', () => {
    expect(navItemsFor('leader').map((i) => i.key)).toEqual(['home', 'enterprises', 'projects', 'carriers', 'platforms', 'experts', 'chains', 'chainMap', 'attraction', 'departments', 'cockpit', 'warnings', 'monitoring', 'forecast', 'analysisReports', 'reports', 'supervision', 'services', 'techTransfer', 'plan']);
    expect(navItemsFor('enterprise').map((i) => i.key)).toEqual(['home', 'enterprises', 'projects', 'platforms', 'experts', 'chains', 'reports', 'services', 'techTransfer', 'plan']);
    expect(navItemsFor('expert').map((i) => i.key)).toEqual(['home', 'platforms', 'experts', 'chains', 'techTransfer', 'plan']);
    expect(navItemsFor('platform').map((i) => i.key)).toEqual(['home', 'platforms', 'chains', 'services', 'techTransfer', 'plan']);
    expect(navItemsFor('department').map((i) => i.key)).toContain('departments');
    expect(navItemsFor('park').map((i) => i.key)).toContain('departments');
    expect(navItemsFor('department').map((i) => i.key)).toContain('supervision');
    expect(navItemsFor('enterprise').map((i) => i.key)).not.toContain('supervision');
  });

  it('keeps the three administrators apart and away from business pages', () => {
    expect(navItemsFor('sysadmin').map((i) => i.key)).toEqual(['users']);
    expect(navItemsFor('secadmin').map((i) => i.key)).toEqual(['roles', 'securitySettings']);
    expect(navItemsFor('auditor').map((i) => i.key)).toEqual(['audit']);
    for (const admin of ['sysadmin', 'secadmin', 'auditor'] as const) {
      expect(canOpen('enterprises', admin)).toBe(false);
      expect(canOpen('home', admin)).toBe(false);
      expect(canOpen('plan', admin)).toBe(false);
    }
  });

  it('gives every role a menu and a landing page', () => {
    for (const role of ROLES) {
      expect(navItemsFor(role).length).toBeGreaterThan(0);
      expect(landingPath(role)).toMatch(/^\//);
    }
    expect(landingPath('sysadmin')).toBe('/admin/users');
    expect(navItemsFor(null).map((i) => i.key)).toEqual(['home']);
  });

  it('has unique keys and paths', () => {
    expect(new Set(NAV_ITEMS.map((i) => i.key)).size).toBe(NAV_ITEMS.length);
    expect(new Set(NAV_ITEMS.map((i) => i.path)).size).toBe(NAV_ITEMS.length);
  });
});
