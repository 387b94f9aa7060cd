import type { WarningLevel } from '../../../../contracts/warnings.ts';

/**
 * What the rule conditions read, gathered by the warnings repository: plain values, no database. Amounts in
 * 万元; months as "YYYY-MM"; only approved reports (or imported bureau figures) count, as in SPEC §4.
 */
export interface Period {
  year: number;
  month: number;
}

export interface MonthValues {
  output: number | null;
  revenue: number | null;
}

export interface EnterpriseFacts {
  id: string;
  uscc: string;
  name: string;
  zoneId: string | null;
  domainId: string | null;
  /** Key enterprises (tag 重点) have the tighter YoY threshold (SPEC §5). */
  isKey: boolean;
  /** Approved monthly values by "YYYY-MM". */
  months: ReadonlyMap<string, MonthValues>;
}

export interface ReportFacts {
  enterpriseId: string;
  year: number;
  month: number;
  status: 'missing' | 'draft' | 'submitted' | 'park-reviewed' | 'approved' | 'returned';
  deadline: string;
  explanation: string | null;
}

export interface ProjectFacts {
  id: string;
  code: string;
  name: string;
  stage: string;
  zoneId: string | null;
  domainId: string | null;
  departmentId: string | null;
  investorEnterpriseId: string | null;
  /** Planned and actual dates of each stage (YYYY-MM-DD). */
  stages: readonly { stage: string; plannedOn: string | null; actualOn: string | null }[];
}

export interface GoalFacts {
  /** e.g. goal-2030-产业规模 */
  key: string;
  metric: string;
  targetYear: number;
  target: number;
  unit: string;
  /** This year's completion and time progress (0..1), null when no milestone applies. */
  completion: number | null;
  timeProgress: number | null;
  period: string;
  actuals: readonly { year: number; value: number }[];
}

export interface GroupRef {
  id: string;
  code: string;
  nameZh: string;
}

export interface EvaluationFacts {
  /** The month evaluated (the cockpit's latest closed month), or null before any figures exist. */
  asOf: Period | null;
  /** Today in Shanghai, YYYY-MM-DD. */
  today: string;
  enterprises: readonly EnterpriseFacts[];
  reports: readonly ReportFacts[];
  projects: readonly ProjectFacts[];
  goals: readonly GoalFacts[];
  zones: readonly GroupRef[];
  domains: readonly GroupRef[];
}

/** One firing of a condition on one subject. */
export interface Finding {
  subjectKey: string;
  subjectLabel: string;
  /** Null: the rule's configured level. */
  level: WarningLevel | null;
  period: string | null;
  explanationZh: string;
  explanationEn: string;
  facts: Record<string, unknown>;
  refs: { zoneId?: string | null; domainId?: string | null; departmentId?: string | null; enterpriseId?: string | null; projectId?: string | null };
}

export const periodKey = (year: number, month: number): string => `${year}-${String(month).padStart(2, '0')}`;

/** The month `n` months before (n may be negative). */
export function shiftMonth(p: Period, n: number): Period {
  const index = p.year * 12 + (p.month - 1) - n;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}
