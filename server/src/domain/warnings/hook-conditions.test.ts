import { describe, expect, it } from 'vitest';
import { leaseExpiringFindings, requestPastSlaFindings, supervisionOverdueFindings, type LateRequestFact, type LeaseFact, type OverdueItemFact } from './hook-conditions.ts';

const item = (over: Partial<OverdueItemFact>): OverdueItemFact => ({
  itemId: 'i1', task: '任务一', measure: '措施', unit: '区科委', departmentId: 'd1', zoneId: null, due: '2026-11-30', reasons: [{ zh: '节点逾期', en: 'milestone overdue' }], ...over,
});
const request = (over: Partial<LateRequestFact>): LateRequestFact => ({
  id: 'r1', code: 'SQ-1', title: '用地', enterpriseId: 'e1', step: 'resolve', dueAt: new Date('2026-12-01T09:00:00Z'), targetKind: 'department', targetId: 'd9', ...over,
});

describe('hook rules fed by supervision and enterprise services', () => {
  it('opens an overdue supervision item only past the grace days, counting whole days', () => {
    expect(supervisionOverdueFindings([item({})], { graceDays: 3 }, '2026-12-03')).toEqual([]);
    const found = supervisionOverdueFindings([item({})], { graceDays: 3 }, '2026-12-04');
    expect(found.map((f) => [f.subjectKey, f.refs.departmentId])).toEqual([['i1', 'd1']]);
    expect(found[0]!.explanationZh).toContain('2026-11-30');
    // A red item without a due day (a report missing) fires at once.
    expect(supervisionOverdueFindings([item({ itemId: 'i2', due: null })], { graceDays: 30 }, '2026-12-04')).toHaveLength(1);
  });

  it('opens a request past its SLA for the handler it is routed to', () => {
    const now = new Date('2026-12-02T09:00:00Z');
    expect(requestPastSlaFindings([request({})], { graceDays: 1 }, now)).toEqual([]);
    const late = requestPastSlaFindings([request({}), request({ code: 'SQ-2', targetKind: 'zone', targetId: 'z1' })], { graceDays: 0 }, now);
    expect(late.map((f) => [f.subjectKey, f.refs.departmentId, f.refs.zoneId])).toEqual([['SQ-1', 'd9', null], ['SQ-2', null, 'z1']]);
    expect(late[0]!.explanationEn).toContain('24 h');
  });

  it('opens an expiring lease within the calendar months, for the carrier’s zone, and keeps an overdue lease open', () => {
    const lease = (tenancyId: string, leaseEndOn: string): LeaseFact => ({ tenancyId, enterpriseId: 'e1', enterpriseName: '甲公司', carrierName: '孵化器', zoneId: 'z1', leaseEndOn });
    // 30 Nov + 3 months is 28 Feb (no 30 Feb): the last day in reach.
    const found = leaseExpiringFindings([lease('a', '2027-02-28'), lease('b', '2027-03-01'), lease('c', '2026-11-20')], { months: 3 }, '2026-11-30');
    expect(found.map((f) => [f.subjectKey, f.refs.zoneId, f.refs.enterpriseId])).toEqual([['a', 'z1', 'e1'], ['c', 'z1', 'e1']]);
    expect(found[0]!.explanationZh).toContain('剩 90 天');
    expect(found[1]!.explanationEn).toContain('10 days ago');
    expect(leaseExpiringFindings([lease('a', '2027-02-28')], { months: 2 }, '2026-11-30')).toEqual([]);
  });
});
