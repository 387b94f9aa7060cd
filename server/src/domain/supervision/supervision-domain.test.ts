import { describe, expect, it } from 'vitest';
import { dualTrackFlag, evaluateOutcome, taskTrackColour, yearTimeProgress } from './dual-track.ts';
import { owedPeriods, periodEnd, periodOf, reportDueOn } from './periods.ts';
import { rankUnits, scoreUnit } from './scoring.ts';
import { DEFAULT_STATUS_RULES, evaluateItemStatus, type ItemFacts, type StatusRule } from './status.ts';

/**
 * An independent oracle for the colours, written from the words with JavaScript Date objects (not the
 * module's string arithmetic): red when a milestone's date has passed undone or the last ended quarter's report
 * is missing after the 10th day following it; yellow when behind by more than 10 points or returned; blue when
 * a milestone (or an owed report) falls due within 15 days; green otherwise.
 */
function oracle(facts: ItemFacts, asOf: Date): string {
  const day = (s: string) => new Date(`${s}T00:00:00Z`);
  const ms = 86_400_000;
  const open = facts.milestones.filter((m) => m.progress !== 'done');
  if (facts.milestones.length && !open.length) return 'green';
  if (open.some((m) => day(m.dueOn).getTime() < asOf.getTime())) return 'red';
  // the last quarter that has ended
  const q = Math.floor(asOf.getUTCMonth() / 3); // quarters fully ended this year: q
  let missingRed = false;
  let reportBlue = false;
  if (q >= 1 && asOf.getUTCFullYear() === facts.year) {
    const quarterEnd = new Date(Date.UTC(facts.year, q * 3, 0));
    const plan = day(facts.planSetOn!);
    const planQuarter = Math.floor(plan.getUTCMonth() / 3) + 1;
    if (planQuarter <= q) {
      const period = `${facts.year}-Q${q}`;
      const deadline = new Date(quarterEnd.getTime() + 10 * ms);
      const reported = facts.reports.some((r) => r.period === period);
      if (!reported && asOf.getTime() > deadline.getTime()) missingRed = true;
      if (!reported && asOf.getTime() <= deadline.getTime() && deadline.getTime() - asOf.getTime() <= 15 * ms) reportBlue = true;
    }
  }
  if (missingRed) return 'red';
  const total = facts.milestones.reduce((s, m) => s + m.weight, 0);
  const expected = (facts.milestones.filter((m) => day(m.dueOn).getTime() <= asOf.getTime()).reduce((s, m) => s + m.weight, 0) / total) * 100;
  const latest = [...facts.reports].sort((a, b) => b.period.localeCompare(a.period))[0];
  if ((latest?.percent ?? 0) < expected - 10 || latest?.status === 'returned') return 'yellow';
  if (open.some((m) => day(m.dueOn).getTime() >= asOf.getTime() && day(m.dueOn).getTime() - asOf.getTime() <= 15 * ms)) return 'blue';
  return reportBlue ? 'blue' : 'green';
}

const baseFacts = (over: Partial<ItemFacts> = {}): ItemFacts => ({
  year: 2026,
  cycle: 'quarterly',
  planSetOn: '2026-01-20',
  milestones: [
    { id: 'a', title: '出台专项政策', dueOn: '2026-06-30', weight: 40, progress: 'in-progress' },
    { id: 'b', title: '完成年度招商', dueOn: '2026-12-15', weight: 60, progress: 'not-started' },
  ],
  reports: [],
  ...over,
});

describe('supervision periods', () => {
  it('knows period ends, deadlines and owed periods', () => {
    expect(periodEnd('2026-Q1')).toBe('2026-03-31');
    expect(periodEnd('2024-02')).toBe('2024-02-29');
    expect(reportDueOn('2026-Q4', 10)).toBe('2027-01-10');
    expect(periodOf('2026-05-31', 'quarterly')).toBe('2026-Q2');
    expect(owedPeriods(2026, 'quarterly', '2026-02-01', '2026-07-01')).toEqual(['2026-Q1', '2026-Q2']);
    expect(owedPeriods(2026, 'quarterly', '2026-02-01', '2026-06-30')).toEqual(['2026-Q1']);
    expect(owedPeriods(2026, 'monthly', '2026-03-15', '2026-05-02')).toEqual(['2026-03', '2026-04']);
  });
});

describe('three-colour status', () => {
  it('turns blue 15 days before a milestone, stays blue on the day, red the day after', () => {
    const facts = baseFacts({ reports: [{ period: '2026-Q1', status: 'accepted', percent: 45 }] });
    expect(evaluateItemStatus(facts, DEFAULT_STATUS_RULES, '2026-06-14').status).toBe('green');
    expect(evaluateItemStatus(facts, DEFAULT_STATUS_RULES, '2026-06-15').status).toBe('blue');
    expect(evaluateItemStatus(facts, DEFAULT_STATUS_RULES, '2026-06-30').status).toBe('blue');
    const after = evaluateItemStatus(facts, DEFAULT_STATUS_RULES, '2026-07-01');
    expect(after.status).toBe('red');
    expect(after.reasons[0]).toMatchObject({ rule: 'milestone-overdue' });
    expect(after.milestones).toEqual([{ id: 'a', status: 'red' }, { id: 'b', status: 'green' }]);
  });

  it('turns red the day after a report deadline, not on it', () => {
    const facts = baseFacts({ milestones: [{ id: 'b', title: '完成年度招商', dueOn: '2026-12-15', weight: 1, progress: 'in-progress' }] });
    expect(evaluateItemStatus(facts, DEFAULT_STATUS_RULES, '2026-04-10').status).toBe('blue');
    const late = evaluateItemStatus(facts, DEFAULT_STATUS_RULES, '2026-04-11');
    expect(late.status).toBe('red');
    expect(late.reasons.map((r) => r.rule)).toEqual(['report-missing']);
  });

  it('turns yellow when returned or behind schedule, and green when every milestone is done', () => {
    const returned = baseFacts({ reports: [{ period: '2026-Q1', status: 'returned', percent: 30 }] });
    expect(evaluateItemStatus(returned, DEFAULT_STATUS_RULES, '2026-05-01').status).toBe('yellow');
    const behind = baseFacts({ reports: [{ period: '2026-Q2', status: 'accepted', percent: 25 }], milestones: [{ ...baseFacts().milestones[0]!, progress: 'done' }, baseFacts().milestones[1]!] });
    expect(evaluateItemStatus(behind, DEFAULT_STATUS_RULES, '2026-07-05').status).toBe('yellow');
    const done = baseFacts({ milestones: baseFacts().milestones.map((m) => ({ ...m, progress: 'done' as const })) });
    expect(evaluateItemStatus(done, DEFAULT_STATUS_RULES, '2026-12-31')).toMatchObject({ status: 'green', due: null });
  });

  it('follows the rules as data: a disabled rule never fires, a parameter moves the boundary', () => {
    const facts = baseFacts({ reports: [{ period: '2026-Q1', status: 'accepted', percent: 45 }] });
    const noOverdue: StatusRule[] = DEFAULT_STATUS_RULES.map((r) => (r.code === 'milestone-overdue' ? { ...r, enabled: false } : r));
    expect(evaluateItemStatus(facts, noOverdue, '2026-07-01').status).not.toBe('red');
    const near30: StatusRule[] = DEFAULT_STATUS_RULES.map((r) => (r.code === 'deadline-near' ? { ...r, params: { days: 30 } } : r));
    expect(evaluateItemStatus(facts, DEFAULT_STATUS_RULES, '2026-06-01').status).toBe('green');
    expect(evaluateItemStatus(facts, near30, '2026-06-01').status).toBe('blue');
  });

  it('agrees with the independent oracle on every day of the year', () => {
    const variants: ItemFacts[] = [
      baseFacts(),
      baseFacts({ reports: [{ period: '2026-Q1', status: 'accepted', percent: 45 }] }),
      baseFacts({ reports: [{ period: '2026-Q1', status: 'returned', percent: 45 }, { period: '2026-Q2', status: 'accepted', percent: 38 }] }),
      baseFacts({ planSetOn: '2026-05-10', milestones: [{ id: 'x', title: '节点', dueOn: '2026-09-30', weight: 1, progress: 'in-progress' }], reports: [{ period: '2026-Q2', status: 'submitted', percent: 80 }] }),
    ];
    let compared = 0;
    for (const facts of variants) {
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 86_400_000) {
        const day = new Date(t).toISOString().slice(0, 10);
        expect(evaluateItemStatus(facts, DEFAULT_STATUS_RULES, day).status, `${day} ${JSON.stringify(facts.reports)}`).toBe(oracle(facts, new Date(t)));
        compared++;
      }
    }
    expect(compared).toBe(4 * 365);
  });
});

describe('department score and ranking', () => {
  it('weights on-time reports, milestones and quality, minus overdue items', () => {
    const s = scoreUnit({ name: '区科委', reportsOwed: 4, reportsOnTime: 3, milestoneWeightDue: 100, milestoneWeightDone: 50, reportsReviewed: 2, reportsAcceptedFirstTime: 1, overdueItems: 1 });
    expect(s.score).toBeCloseTo(40 * 0.75 + 40 * 0.5 + 20 * 0.5 - 5, 6);
    expect(s.onTimeRate).toBe(0.75);
    const ranked = rankUnits([
      { name: '乙', reportsOwed: 1, reportsOnTime: 0, milestoneWeightDue: 0, milestoneWeightDone: 0, reportsReviewed: 0, reportsAcceptedFirstTime: 0, overdueItems: 0 },
      { name: '甲', reportsOwed: 0, reportsOnTime: 0, milestoneWeightDue: 0, milestoneWeightDone: 0, reportsReviewed: 0, reportsAcceptedFirstTime: 0, overdueItems: 0 },
      { name: '丙', reportsOwed: 0, reportsOnTime: 0, milestoneWeightDue: 0, milestoneWeightDone: 0, reportsReviewed: 0, reportsAcceptedFirstTime: 0, overdueItems: 30 },
    ]);
    expect(ranked.map((u) => [u.name, u.score, u.rank])).toEqual([['甲', 100, 1], ['乙', 60, 2], ['丙', 0, 3]]);
  });
});

describe('dual track', () => {
  it('flags a green task whose outcome lags, and the reverse', () => {
    const t = yearTimeProgress(2026, '2026-07-02');
    expect(t).toBeCloseTo(182 / 365, 6);
    const lagging = evaluateOutcome({ metric: 'projects-signed', baseline: 10, target: 30, actual: 12 }, t);
    expect(lagging.status).toBe('red');
    const flat = evaluateOutcome({ metric: 'above-scale-enterprises', baseline: 45, target: 50, actual: 45 }, 0.3);
    expect(flat.status).toBe('red');
    const fine = evaluateOutcome({ metric: 'platforms', baseline: 10, target: 14, actual: 13 }, t);
    expect(fine.status).toBe('green');
    expect(dualTrackFlag(taskTrackColour(['green', 'blue']), [lagging, fine])).toBe('green-task-red-outcome');
    expect(dualTrackFlag(taskTrackColour(['yellow']), [fine])).toBe('red-task-green-outcome');
    expect(dualTrackFlag(taskTrackColour(['red']), [lagging])).toBeNull();
    expect(dualTrackFlag('green', [])).toBeNull();
  });
});

describe('task labels', () => {
  it('prefix the chapter numeral before the task', async () => {
    const { taskDisplayLabel } = await import('./task-label.ts');
    const text = '五、产业布局\n……\n六、主要任务\n(一)坚持引育并举\n正文\n七、保障措施\n（二）优化政策供给。';
    expect(taskDisplayLabel(text, text.indexOf('(一)'), '(一)', 1)).toBe('六(一)');
    expect(taskDisplayLabel(text, text.indexOf('（二）'), '（二）', 2)).toBe('七(二)');
    expect(taskDisplayLabel('', 0, '', 3)).toBe('(3)');
  });
});
