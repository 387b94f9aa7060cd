import { describe, expect, it } from 'vitest';
import { auditFilterFromParams } from './audit-filter-params.ts';

const empty = { username: '', action: '', objectType: '', objectId: '', outcome: '', from: '', to: '' };

describe('audit filter params', () => {
  it('keeps valid values and drops empty ones', () => {
    expect(auditFilterFromParams({ ...empty, username: 'alice', outcome: 'failure' })).toEqual({ username: 'alice', outcome: 'failure' });
  });

  it('drops invalid values instead of failing', () => {
    expect(auditFilterFromParams({ ...empty, outcome: 'maybe', from: 'yesterday' })).toEqual({});
  });

  it('accepts ISO date-times with an offset', () => {
    const from = '2025-01-01T00:00:00+08:00';
    expect(auditFilterFromParams({ ...empty, from })).toEqual({ from });
  });
});
