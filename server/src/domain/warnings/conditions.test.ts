import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RULE_PARAM_SCHEMAS } from '../../../../contracts/warnings.ts';
import { evaluateRule, parseRuleParams, RuleParamsError, SHIPPED_RULES } from './catalogue.ts';
import type { EnterpriseFacts, EvaluationFacts, MonthValues } from './facts.ts';
import { groupPulls } from './other-conditions.ts';
import { projectTrend, requiredGrowth, trendGrowth } from './trend.ts';
import { escalationTarget, isDueForEscalation, nextStatus } from './lifecycle.ts';
import { worstLevel } from './levels.ts';

/** An enterprise from a flat list of [year, month, output, revenue]. */
function enterprise(id: string, rows: [number, number, number | null, number | null][], extra: Partial<EnterpriseFacts> = {}): EnterpriseFacts {
  const months = new Map<string, MonthValues>(rows.map(([y, m, o, r]) => [`${y}-${String(m).padStart(2, '0')}`, { output: o, revenue: r }]));
  return { id, uscc: `USCC-${id}`, name: `企业${id}`, zoneId: 'z1', domainId: 'd1', isKey: false, months, ...extra };
}

/** Every month of the years given, value f(year, month). */
function series(years: number[], f: (y: number, m: number) => number, lastMonth = 12): [number, number, number, number][] {
  const rows: [number, number, number, number][] = [];
  for (const y of years) for (let m = 1; m <= (y === years.at(-1) ? lastMonth : 12); m++) rows.push([y, m, f(y, m), f(y, m)]);
  return rows;
}

const facts = (over: Partial<EvaluationFacts>): EvaluationFacts => ({
  asOf: { year: 2026, month: 6 },
  today: '2026-07-20',
  enterprises: [],
  reports: [],
  projects: [],
  goals: [],
  zones: [],
  domains: [],
  ...over,
});
const params = (code: string) => SHIPPED_RULES.find((r) => r.code === code)!.params;

describe('enterprise YTD YoY drop', () => {
  it('fires below −20 % (−10 % for a key enterprise) on the comparable basis', () => {
    const down15 = enterprise('a', series([2025, 2026], (y) => (y === 2025 ? 100 : 85), 6));
    const down25 = enterprise('b', series([2025, 2026], (y) => (y === 2025 ? 100 : 75), 6));
    const keyDown15 = enterprise('c', series([2025, 2026], (y) => (y === 2025 ? 100 : 85), 6), { isKey: true });
    const found = evaluateRule('enterprise-yoy-drop', params('enterprise-yoy-drop'), facts({ enterprises: [down15, down25, keyDown15] }));
    expect(found.map((f) => f.subjectKey).sort()).toEqual(['USCC-b', 'USCC-c']);
  });

  it('equals an independent YTD computation for random histories', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 12, maxLength: 12 }), fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 6, maxLength: 6 }), (last, now) => {
        const rows: [number, number, number, number][] = [...last.map((v, i) => [2025, i + 1, v, v] as [number, number, number, number]), ...now.map((v, i) => [2026, i + 1, v, v] as [number, number, number, number])];
        const e = enterprise('p', rows);
        const found = evaluateRule('enterprise-yoy-drop', { indicators: ['output'], dropPct: 20, keyDropPct: 10, minBaseWan: 100 }, facts({ enterprises: [e] }));
        const base = last.slice(0, 6).reduce((s, v) => s + v, 0);
        const ytd = now.reduce((s, v) => s + v, 0);
        const expected = base >= 100 && ytd / base - 1 < -0.2;
        expect(found.length === 1).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('skips an enterprise without an approved report for the month', () => {
    const stale = enterprise('s', series([2025, 2026], (y) => (y === 2025 ? 100 : 10), 5));
    expect(evaluateRule('enterprise-yoy-drop', params('enterprise-yoy-drop'), facts({ enterprises: [stale] }))).toEqual([]);
  });
});

describe('consecutive decline and seasonal profile', () => {
  it('needs n months each below the same month of last year', () => {
    const three = enterprise('a', series([2025, 2026], (y, m) => (y === 2026 && m >= 4 ? 50 : 100), 6));
    const two = enterprise('b', series([2025, 2026], (y, m) => (y === 2026 && m >= 5 ? 50 : 100), 6));
    const found = evaluateRule('enterprise-consecutive-decline', params('enterprise-consecutive-decline'), facts({ enterprises: [three, two] }));
    expect(found.map((f) => f.subjectKey)).toEqual(['USCC-a']);
    expect((found[0]!.facts.months as { period: string }[]).map((m) => m.period)).toEqual(['2026-04', '2026-05', '2026-06']);
  });

  it('judges a seasonal enterprise against its own profile, not a flat line', () => {
    // June is always 2× the monthly mean: a June at 1.4× the mean is a 30 % drop, a June at 2× is normal.
    const season = (m: number) => (m === 6 ? 2 : (12 - 2) / 11);
    const normal = enterprise('n', series([2023, 2024, 2025, 2026], (_y, m) => 100 * season(m), 6));
    const dropped = enterprise('d', series([2023, 2024, 2025, 2026], (y, m) => (y === 2026 && m === 6 ? 130 : 100 * season(m)), 6));
    const found = evaluateRule('enterprise-seasonal-drop', params('enterprise-seasonal-drop'), facts({ enterprises: [normal, dropped] }));
    expect(found.map((f) => f.subjectKey)).toEqual(['USCC-d']);
    expect(found[0]!.facts.expected as number).toBeCloseTo(200, 6);
  });
});

describe('reports', () => {
  it('a report missing past the 10th of the next month, for an enterprise that reports', () => {
    const reporting = enterprise('r', series([2025, 2026], () => 100, 5));
    const never = enterprise('x', []);
    const found = evaluateRule('report-late', { graceDays: 0, lookbackMonths: 1 }, facts({ today: '2026-07-11', enterprises: [reporting, never] }));
    expect(found.map((f) => f.subjectKey)).toEqual(['USCC-r:2026-06']);
    expect(evaluateRule('report-late', { graceDays: 0, lookbackMonths: 1 }, facts({ today: '2026-07-10', enterprises: [reporting] }))).toEqual([]);
    const submitted = facts({ today: '2026-07-11', enterprises: [reporting], reports: [{ enterpriseId: 'r', year: 2026, month: 6, status: 'submitted', deadline: '2026-07-10', explanation: null }] });
    expect(evaluateRule('report-late', { graceDays: 0, lookbackMonths: 1 }, submitted)).toEqual([]);
  });

  it('an approved report with a 说明 in the window', () => {
    const e = enterprise('r', series([2026], () => 100, 6));
    const reports = [
      { enterpriseId: 'r', year: 2026, month: 6, status: 'approved' as const, deadline: '2026-07-10', explanation: '新产线投产' },
      { enterpriseId: 'r', year: 2026, month: 3, status: 'approved' as const, deadline: '2026-04-10', explanation: '停产检修' },
    ];
    const found = evaluateRule('report-explained-abnormal', { lookbackMonths: 2 }, facts({ enterprises: [e], reports }));
    expect(found.map((f) => f.subjectKey)).toEqual(['USCC-r:2026-06']);
  });
});

describe('projects', () => {
  const project = (stage: string, stages: [string, string | null, string | null][], investor: string | null = null) => ({
    id: 'p1', code: 'P-1', name: '项目一', stage, zoneId: 'z1', domainId: 'd1', departmentId: 'dep', investorEnterpriseId: investor,
    stages: stages.map(([s, plannedOn, actualOn]) => ({ stage: s, plannedOn, actualOn })),
  });
  it('the next stage past its planned date plus grace', () => {
    const late = project('signed', [['started', '2026-05-01', null]]);
    expect(evaluateRule('project-stage-overdue', { graceDays: 30 }, facts({ projects: [late] }))).toHaveLength(1);
    expect(evaluateRule('project-stage-overdue', { graceDays: 90 }, facts({ projects: [late] }))).toHaveLength(0);
  });
  it('达产 date passed: fires without output, not with it', () => {
    const withOutput = enterprise('inv', series([2026], () => 10, 6));
    const p = project('producing', [['full', '2026-03-01', null]], 'inv');
    expect(evaluateRule('project-full-no-output', params('project-full-no-output'), facts({ projects: [p], enterprises: [withOutput] }))).toHaveLength(0);
    const silent = enterprise('inv', series([2026], () => 0, 6));
    expect(evaluateRule('project-full-no-output', params('project-full-no-output'), facts({ projects: [p], enterprises: [silent] }))).toHaveLength(1);
  });
});

describe('negative pull', () => {
  it('pulls add up to the comparable growth and equal a direct computation', () => {
    const a = enterprise('a', series([2025, 2026], (y) => (y === 2025 ? 100 : 80), 6), { zoneId: 'z1' });
    const b = enterprise('b', series([2025, 2026], (y) => (y === 2025 ? 300 : 360), 6), { zoneId: 'z2' });
    const f = facts({ enterprises: [a, b] });
    const pulls = groupPulls(f, { year: 2026, month: 6 }, 'output', (e) => e.zoneId);
    // base 2400, Δa = −120, Δb = +360: pulls −5 pp and +15 pp, total +10 % = (2880 − 2400)/2400.
    expect(pulls.get('z1')).toBeCloseTo(-5, 10);
    expect(pulls.get('z2')).toBeCloseTo(15, 10);
    const found = evaluateRule('zone-negative-pull', { indicator: 'output', months: 3 }, { ...f, zones: [{ id: 'z1', code: 'one', nameZh: '一区' }, { id: 'z2', code: 'two', nameZh: '二区' }] });
    expect(found.map((x) => x.subjectKey)).toEqual(['one']);
  });
});

describe('goals', () => {
  const goal = { key: 'goal-2030-产业规模', metric: '产业规模', targetYear: 2030, target: 1000, unit: '万元', period: '2026-06' };
  it('behind time progress: yellow past 5 pp, red past 10 pp', () => {
    const at = (completion: number) => evaluateRule('goal-behind-progress', { yellowPp: 5, redPp: 10 }, facts({ goals: [{ ...goal, completion, timeProgress: 0.5, actuals: [] }] }));
    expect(at(0.46)).toEqual([]);
    expect(at(0.44)[0]!.level).toBe('yellow');
    expect(at(0.39)[0]!.level).toBe('red');
  });
  it('required growth above the trend: fires when the projection falls short of the target', () => {
    const actuals = [2022, 2023, 2024, 2025].map((year, i) => ({ year, value: 400 * 1.05 ** i }));
    const hard = evaluateRule('goal-cagr-unreachable', { minYears: 3, marginPp: 0 }, facts({ goals: [{ ...goal, completion: null, timeProgress: null, actuals }] }));
    expect(hard).toHaveLength(1);
    expect(hard[0]!.facts.trendCagr as number).toBeCloseTo(0.05, 10);
    const easy = evaluateRule('goal-cagr-unreachable', { minYears: 3, marginPp: 0 }, facts({ goals: [{ ...goal, target: 400 * 1.05 ** 7, completion: null, timeProgress: null, actuals }] }));
    expect(easy).toHaveLength(0);
  });
  it('trend arithmetic', () => {
    const values = [2020, 2021, 2022].map((year, i) => ({ year, value: 100 * 1.1 ** i }));
    expect(trendGrowth(values)).toBeCloseTo(0.1, 12);
    expect(projectTrend(values, 2024)).toBeCloseTo(100 * 1.1 ** 4, 8);
    expect(requiredGrowth({ year: 2025, value: 100 }, { year: 2030, value: 200 })).toBeCloseTo(2 ** 0.2 - 1, 12);
  });
});

describe('parameters, lifecycle, levels', () => {
  it('every shipped rule has valid parameters', () => {
    for (const r of SHIPPED_RULES) expect(() => parseRuleParams(r.code, r.params)).not.toThrow();
    expect(Object.keys(RULE_PARAM_SCHEMAS).sort()).toEqual(SHIPPED_RULES.map((r) => r.code).sort());
  });
  it('refuses out-of-range and inconsistent parameters with their path', () => {
    const issues = (kind: string, p: unknown) => {
      try {
        parseRuleParams(kind, p);
        return [];
      } catch (error) {
        return (error as RuleParamsError).issues.map((i) => i.path);
      }
    };
    expect(issues('goal-behind-progress', { yellowPp: 12, redPp: 10 })).toEqual(['params.redPp']);
    expect(issues('enterprise-consecutive-decline', { indicator: 'output', months: 1, minBaseWan: 0 })).toEqual(['params.months']);
    expect(issues('report-late', { graceDays: 'x', lookbackMonths: 3 })).toEqual(['params.graceDays']);
    expect(issues('report-late', { graceDays: 1, lookbackMonths: 3, extra: 1 })).toHaveLength(1);
  });
  it('lifecycle steps and escalation', () => {
    expect(nextStatus('open', 'acknowledge')).toBe('acknowledged');
    expect(nextStatus('acknowledged', 'acknowledge')).toBeNull();
    expect(nextStatus('handling', 'note')).toBe('handling');
    expect(nextStatus('resolved', 'dismiss')).toBeNull();
    expect(escalationTarget('park', 1)).toBe('commission');
    expect(escalationTarget('park', 2)).toBe('leader');
    expect(escalationTarget('commission', 1)).toBe('leader');
    const since = new Date('2026-07-01T00:00:00Z');
    expect(isDueForEscalation({ status: 'open', escalationLevel: 0, since }, 7, new Date('2026-07-08T00:00:00Z'))).toBe(true);
    expect(isDueForEscalation({ status: 'open', escalationLevel: 0, since }, 7, new Date('2026-07-07T23:00:00Z'))).toBe(false);
    expect(isDueForEscalation({ status: 'acknowledged', escalationLevel: 0, since }, 7, new Date('2026-08-01T00:00:00Z'))).toBe(false);
    expect(worstLevel(['blue', 'red', 'yellow'])).toBe('red');
    expect(worstLevel([])).toBeNull();
  });
});
