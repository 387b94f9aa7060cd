/**
 * Shapes of the demo data set: plain, JSON-serialisable objects that a seeder maps onto tables. Amounts are in
 * 万元 with at most 4 decimals (1 元 precision), energy in tce, dates as ISO `YYYY-MM-DD`, periods `YYYY-MM`.
 * Codes (domain, sub-field, zone, carrier, chain node, department) refer to `server/src/seed/reference`.
 */
import type { IndicatorCode } from '../../../../contracts/indicators.ts';
import type { Role, ScopeKind } from '../../../../contracts/roles.ts';
import type { YearMonth } from './calendar.ts';

export type { YearMonth };

export interface DemoOptions {
  /** Number of enterprises (default 150, the calibrated size; 1 000 or 100 000 for benchmarks). */
  enterprises?: number;
  /** PRNG seed (default 20231011, the policy's date). */
  seed?: number;
  /** The last complete month: monthly reports run from 2019-01 to this month. */
  asOf: YearMonth;
  /**
   * "Today" as an ISO date; nothing in the data set is dated after it (latest submissions, follow-ups, stage
   * events). Default: the 20th of the month after `asOf`. Passed in rather than read from the clock.
   */
  today?: string;
  /** Default true. False leaves `monthlyReports` empty; use `iterateMonthlyReports` to stream them instead. */
  includeMonthlyReports?: boolean;
}

export type EnterpriseStage = 'incubating' | 'accelerating' | 'industrialized';
export type EnterpriseTag = 'leader' | 'chain-leader' | 'specialized' | 'high-tech';
export type EnterpriseStatus = 'active' | 'closed' | 'moved-away';
/** How the generator sized the firm; kept so tests and demo scripts can find e.g. the leaders quickly. */
export type SizeTier = 'leader' | 'large' | 'medium' | 'small';

export interface DemoContact {
  name: string;
  titleZh: string;
  phone: string;
}

export interface DemoEnterprise {
  /** Stable key, e.g. `demo-ent-00001`. */
  id: string;
  uscc: string;
  name: string;
  domainCode: string;
  subfieldCode: string;
  /** First entry is the firm's main node. */
  chainNodeCodes: string[];
  zoneCode: string;
  carrierCode: string | null;
  stage: EnterpriseStage;
  /** 规上: manufacturing and ≥ 2 000 万元 revenue over its last 12 reported months. */
  isAboveScale: boolean;
  isManufacturing: boolean;
  tags: EnterpriseTag[];
  sizeTier: SizeTier;
  foundedOn: string;
  contact: DemoContact;
  status: EnterpriseStatus;
  /** Date the firm closed or moved away; null while active. */
  exitOn: string | null;
  isDemo: true;
}

export type ReportStatus = 'draft' | 'submitted' | 'park-reviewed' | 'approved' | 'returned';
/** Deliberate data-quality cases for the validation and warning features to find. */
export type ReportAnomaly = 'unit-slip' | 'swing' | 'sales-over-output';

/** Flat: one column per indicator (contracts/indicators.ts), all present; non-industrial firms report output 0. */
export interface DemoMonthlyReport extends Record<IndicatorCode, number> {
  enterpriseId: string;
  uscc: string;
  period: string;
  year: number;
  month: number;
  status: ReportStatus;
  submittedOn: string | null;
  parkReviewedOn: string | null;
  approvedOn: string | null;
  /** Submitted after the deadline (the 10th of the following month). */
  isLate: boolean;
  /** 说明: the enterprise's explanation of an unusual value. */
  explanation: string | null;
  returnReason: string | null;
  anomaly: ReportAnomaly | null;
}

export const PROJECT_STAGES = ['lead', 'negotiating', 'signed', 'started', 'completed', 'producing', 'full'] as const;
export type ProjectStage = (typeof PROJECT_STAGES)[number];

export interface DemoProjectStageEvent {
  stage: ProjectStage;
  plannedOn: string;
  /** Null while the stage has not been reached. */
  actualOn: string | null;
}

export interface DemoFollowUp {
  date: string;
  kind: 'visit' | 'call' | 'meeting';
  note: string;
  nextStep: string;
  departmentCode: string;
  staffName: string;
}

export interface DemoProject {
  id: string;
  name: string;
  investorName: string;
  /** Set when the investor is an enterprise already in the registry (expansion, 增资扩产). */
  investorEnterpriseId: string | null;
  domainCode: string;
  zoneCode: string;
  chainNodeCode: string;
  totalInvestment: number;
  /** 达产产值: expected annual output at full production, 万元. */
  expectedAnnualOutput: number;
  responsibleDepartmentCode: string;
  stage: ProjectStage;
  /** One entry per stage in order; reached stages have `actualOn`. */
  stages: DemoProjectStageEvent[];
  /** Oldest first. */
  followUps: DemoFollowUp[];
}

export interface DemoCarrierOccupant {
  enterpriseId: string;
  moveInOn: string;
  moveOutOn: string | null;
  leasedAreaM2: number;
}

export interface DemoCarrierOccupancy {
  carrierCode: string;
  leasableAreaM2: number;
  occupants: DemoCarrierOccupant[];
  /** Σ leased area of occupants present on `today` / leasable area. */
  occupancyRate: number;
}

export type PlatformKind = 'rd' | 'testing' | 'cro' | 'cmo' | 'cdmo';

export interface DemoInstrument {
  code: string;
  nameZh: string;
  hourlyFeeYuan: number;
}

export interface DemoPlatform {
  code: string;
  nameZh: string;
  kind: PlatformKind;
  zoneCode: string | null;
  carrierCode: string | null;
  operatorEnterpriseId: string | null;
  namedInPolicy: boolean;
  servicesZh: string[];
  instruments: DemoInstrument[];
}

export interface DemoExpert {
  id: string;
  name: string;
  titleZh: string;
  affiliationZh: string;
  domainCodes: string[];
  subfieldCodes: string[];
  /** Member of the 生物制造专家委员会 (policy 六(四)). */
  isCommitteeMember: boolean;
  phone: string;
  declaredConflicts: { enterpriseId: string; relationZh: string }[];
}

export interface DemoCandidate {
  id: string;
  name: string;
  domainCode: string;
  chainNodeCode: string;
  sizeTier: SizeTier;
  annualRevenue: number;
  employees: number;
  city: string;
  province: string;
  isListed: boolean;
}

export interface DemoAccount {
  username: string;
  role: Role;
  scopeKind: ScopeKind | null;
  scopeId: string | null;
  displayName: string;
  password: string;
}

export interface DemoMeta {
  isDemo: true;
  labelZh: '演示数据';
  seed: number;
  enterpriseCount: number;
  asOf: YearMonth;
  today: string;
  firstPeriod: string;
  lastPeriod: string;
  /** The totals the generator aimed at for 2025 (万元), scaled by enterprises / 150. */
  calibration: { year: number; industryScaleTarget: number; manufacturingOutputTarget: number };
}

export interface DemoDataset {
  meta: DemoMeta;
  enterprises: DemoEnterprise[];
  monthlyReports: DemoMonthlyReport[];
  projects: DemoProject[];
  carriers: DemoCarrierOccupancy[];
  platforms: DemoPlatform[];
  experts: DemoExpert[];
  candidatePool: DemoCandidate[];
  demoAccounts: DemoAccount[];
}
