import type { LightMyRequestResponse } from 'fastify';
import type { Role } from '../../../contracts/roles.ts';
import { DEPARTMENT_MATRIX_ROWS, type DepartmentMatrixFixtures } from './access-matrix.departments.ts';
import { REGISTRY_MATRIX_ROWS } from './access-matrix.registries.ts';
import type { RegistryKind, RegistryMatrixFixtures } from './access-matrix.registry-fixtures.ts';
import { OPERATIONS_MATRIX_ROWS, type OperationsMatrixFixtures } from './access-matrix.operations.ts';
import { warningMatrixRows, type WarningMatrixFixtures } from './access-matrix.warnings.ts';
import { STATISTICS_MATRIX_ROWS, type ReportMatrixFixtures } from './access-matrix.statistics.ts';
import { ANALYSIS_MATRIX_ROWS, type AnalysisMatrixFixtures } from './access-matrix.analysis.ts';
import { SUPERVISION_MATRIX_ROWS, type SupervisionMatrixFixtures } from './access-matrix.supervision.ts';
import { CHAIN_MAP_MATRIX_ROWS, type ChainMapMatrixFixtures } from './access-matrix.chain-map.ts';
import { SERVICES_MATRIX_ROWS, type ServicesMatrixFixtures } from './access-matrix.services.ts';
import { TECH_TRANSFER_MATRIX_ROWS, type TechTransferMatrixFixtures } from './access-matrix.tech-transfer.ts';
import { MATCHMAKING_MATRIX_ROWS, type MatchmakingMatrixFixtures } from './access-matrix.matchmaking.ts';
import { CARRIER_LADDER_MATRIX_ROWS, type CarrierLadderMatrixFixtures } from './access-matrix.carrier-ladder.ts';
import { ATTRACTION_MATRIX_ROWS, type AttractionMatrixFixtures } from './access-matrix.attraction.ts';

/**
 * The role × endpoint × scope matrix: one row per API route. Every later feature adds its rows here; the
 * suite (access-matrix.test.ts) fails when a declared route has no row.
 *
 * `allowed` lists the roles that get a 2xx; every other role gets 403 and an anonymous caller 401.
 * `scoped` names a list check: the response may contain only rows inside the caller's scope.
 * `objectInScope` marks routes on one object: callers outside the object's scope get 404 (not 403),
 * so ids cannot be probed.
 */
export interface MatrixFixtures {
  ownEnterpriseId: string;
  foreignEnterpriseId: string;
  targetUserId: () => Promise<string>;
  /** A pending request to reset an auditor's password (filed by the system administrator), for the approval routes. */
  pendingCredentialReset: () => Promise<string>;
  /** The district's plan (seeded on first use): ids for the plan routes. */
  plan: () => Promise<{ planId: string; versionId: string; goalId: string }>;
  /** A multipart body with one policy file, for the upload route. */
  upload: () => { body: Buffer; headers: Record<string, string> };
  /** A small valid version payload, for the save routes. */
  versionPayload: () => unknown;
  /** Registry fixtures (projects and helpers), built on first use. */
  registries: () => Promise<RegistryMatrixFixtures>;
  /** Monthly-report fixtures (statistics), built on first use. */
  reports: () => Promise<ReportMatrixFixtures>;
  /** Department-registry fixtures, built on first use. */
  departments: () => Promise<DepartmentMatrixFixtures>;
  /** Notification and attachment fixtures, built on first use. */
  operations: () => Promise<OperationsMatrixFixtures>;
  /** Two stored warnings (own zone and department, foreign), built on first use. */
  warnings: () => Promise<WarningMatrixFixtures>;
  /** Forecast and analysis-report fixtures, built on first use. */
  analysis: () => Promise<AnalysisMatrixFixtures>;
  /** 督办 fixtures (the plan's items, a foreign item and report, a bulletin), built on first use. */
  supervision: () => Promise<SupervisionMatrixFixtures>;
  /** Chain-map fixtures (enterprises mapped onto a node), built on first use. */
  chainMap: () => Promise<ChainMapMatrixFixtures>;
  /** Enterprise-services fixtures (issue 14), built on first use. */
  services: () => Promise<ServicesMatrixFixtures>;
  /** Technology-transfer fixtures (issue 14 §3), built on first use. */
  techTransfer: () => Promise<TechTransferMatrixFixtures>;
  /** Supply–demand matchmaking fixtures (issue 14 §2), built on first use. */
  matchmaking: () => Promise<MatchmakingMatrixFixtures>;
  /** Carrier-ladder fixtures (a tenancy per zone), built on first use. */
  carrierLadder: () => Promise<CarrierLadderMatrixFixtures>;
  /** Attraction fixtures (a candidate, a park's and a department's target), built on first use. */
  attraction: () => Promise<AttractionMatrixFixtures>;
}

export interface MatrixRequest {
  url?: string;
  payload?: unknown;
  /** Extra request headers (e.g. a multipart content type). */
  headers?: Record<string, string>;
}

export interface MatrixRow {
  route: string;
  allowed: readonly Role[];
  /** `role` is the caller's role (null for the anonymous request), for fixtures owned by one user. */
  request?: (fx: MatrixFixtures, role: Role | null) => Promise<MatrixRequest> | MatrixRequest;
  scoped?: 'enterprises' | RegistryKind;
  /** `subset` (a search): no foreign row may appear, but not every visible row has to. */
  scopedMatch?: 'exact' | 'subset';
  /** true: enterprise visibility decides; a registry kind: that kind's visibility. */
  objectInScope?: boolean | RegistryKind;
  /** The row's own expectation for an allowed role (replaces the plain 2xx check), e.g. a per-role scope. */
  check?: (fx: MatrixFixtures, role: Role, response: LightMyRequestResponse) => Promise<void> | void;
}

const BUSINESS_READERS = ['leader', 'commission', 'department', 'park', 'enterprise'] as const;
const ALL_BUSINESS = [...BUSINESS_READERS, 'expert', 'platform'] as const;
const ANY_ROLE = ['leader', 'commission', 'department', 'park', 'enterprise', 'expert', 'platform', 'sysadmin', 'secadmin', 'auditor'] as const;

export const ACCESS_MATRIX: MatrixRow[] = [
  // auth: any signed-in user, whatever the role
  { route: 'GET /api/auth/session', allowed: ANY_ROLE },
  { route: 'GET /api/auth/password-policy', allowed: ANY_ROLE },
  { route: 'POST /api/auth/logout-others', allowed: ANY_ROLE },

  // reference data and enterprises
  { route: 'GET /api/reference/departments', allowed: ALL_BUSINESS },
  { route: 'GET /api/reference/domains', allowed: ALL_BUSINESS },
  { route: 'GET /api/reference/zones', allowed: ALL_BUSINESS },
  { route: 'GET /api/enterprises', allowed: BUSINESS_READERS, scoped: 'enterprises' },
  { route: 'GET /api/enterprises/export', allowed: BUSINESS_READERS, scoped: 'enterprises' },
  { route: 'GET /api/enterprises/:id', allowed: BUSINESS_READERS, objectInScope: true, request: (fx) => ({ url: `/api/enterprises/${fx.foreignEnterpriseId}` }) },
  // personal information in the clear: its own permission, then the enterprise's scope (404 outside it)
  { route: 'POST /api/enterprises/:id/contacts/reveal', allowed: ['commission', 'park', 'enterprise'], objectInScope: true, request: (fx) => ({ url: `/api/enterprises/${fx.foreignEnterpriseId}/contacts/reveal` }) },

  // the plan: read by every business role, imported, versioned and activated by the commission
  { route: 'GET /api/plan/plans', allowed: ALL_BUSINESS },
  { route: 'GET /api/plan/active', allowed: ALL_BUSINESS, request: async (fx) => (await fx.plan(), {}) },
  { route: 'GET /api/plan/versions/:id', allowed: ALL_BUSINESS, request: async (fx) => ({ url: `/api/plan/versions/${(await fx.plan()).versionId}` }) },
  {
    route: 'GET /api/plan/compare',
    allowed: ALL_BUSINESS,
    request: async (fx) => {
      const { versionId } = await fx.plan();
      return { url: `/api/plan/compare?from=${versionId}&to=${versionId}` };
    },
  },
  { route: 'POST /api/plan/parse', allowed: ['commission'], request: () => ({ payload: { text: '一、发展目标\n到2025年,产业规模突破500亿元。' } }) },
  { route: 'POST /api/plan/parse-upload', allowed: ['commission'], request: (fx) => { const { body, headers } = fx.upload(); return { payload: body, headers }; } },
  { route: 'POST /api/plan/plans', allowed: ['commission'], request: (fx) => ({ payload: fx.versionPayload() }) },
  {
    route: 'POST /api/plan/plans/:id/versions',
    allowed: ['commission'],
    request: async (fx) => ({ url: `/api/plan/plans/${(await fx.plan()).planId}/versions`, payload: fx.versionPayload() }),
  },
  { route: 'POST /api/plan/versions/:id/activate', allowed: ['commission'], request: async (fx) => ({ url: `/api/plan/versions/${(await fx.plan()).versionId}/activate` }) },
  {
    route: 'PUT /api/plan/goals/:id/formula',
    allowed: ['commission'],
    request: async (fx) => ({ url: `/api/plan/goals/${(await fx.plan()).goalId}/formula`, payload: { formula: { indicator: 'revenue', filter: { scope: 'plan-domains' } } } }),
  },

  // 三员分立: each administration area belongs to exactly one administrator role
  { route: 'GET /api/admin/users', allowed: ['sysadmin'] },
  { route: 'POST /api/admin/users', allowed: ['sysadmin'], request: () => ({ payload: { username: `u${Math.random().toString(36).slice(2, 10)}`, displayName: '测试' } }) },
  ...(['disable', 'enable', 'unlock', 'reset-mfa', 'reset-password'] as const).map((action) => ({
    route: `POST /api/admin/users/:id/${action}`,
    allowed: ['sysadmin'] as const,
    request: async (fx: MatrixFixtures) => ({ url: `/api/admin/users/${await fx.targetUserId()}/${action}` }),
  })),
  { route: 'GET /api/security/users', allowed: ['secadmin'] },
  {
    route: 'PUT /api/security/users/:id/role',
    allowed: ['secadmin'],
    request: async (fx) => ({ url: `/api/security/users/${await fx.targetUserId()}/role`, payload: { role: 'leader', scopeId: null } }),
  },
  { route: 'GET /api/security/scope-options', allowed: ['secadmin'], request: () => ({ url: '/api/security/scope-options?kind=zone' }) },
  { route: 'GET /api/security/credential-resets', allowed: ['secadmin'] },
  ...(['approve', 'reject'] as const).map((decision) => ({
    route: `POST /api/security/credential-resets/:id/${decision}`,
    allowed: ['secadmin'] as const,
    request: async (fx: MatrixFixtures) => ({ url: `/api/security/credential-resets/${await fx.pendingCredentialReset()}/${decision}` }),
  })),
  { route: 'GET /api/security/roles', allowed: ['secadmin'] },
  { route: 'GET /api/security/settings', allowed: ['secadmin'] },
  { route: 'GET /api/security/crypto', allowed: ['secadmin'] },
  {
    route: 'PUT /api/security/settings',
    allowed: ['secadmin'],
    request: () => ({
      payload: {
        passwordMinLength: 8,
        passwordMinClasses: 3,
        passwordHistory: 5,
        passwordMaxAgeDays: 90,
        lockoutThreshold: 5,
        lockoutMinutes: 15,
        ipLockoutThreshold: 20,
        idleTimeoutMinutes: 30,
        absoluteLifetimeHours: 12,
        mfaRequiredRoles: ['sysadmin', 'secadmin', 'auditor'],
      },
    }),
  },
  { route: 'GET /api/audit/events', allowed: ['auditor'] },
  { route: 'GET /api/audit/verify', allowed: ['auditor'] },
  { route: 'GET /api/audit/export', allowed: ['auditor'] },

  ...REGISTRY_MATRIX_ROWS,
  ...STATISTICS_MATRIX_ROWS,
  ...DEPARTMENT_MATRIX_ROWS,
  ...OPERATIONS_MATRIX_ROWS,
  ...warningMatrixRows(),
  ...ANALYSIS_MATRIX_ROWS,
  ...SUPERVISION_MATRIX_ROWS,
  ...CHAIN_MAP_MATRIX_ROWS,
  ...SERVICES_MATRIX_ROWS,
  ...TECH_TRANSFER_MATRIX_ROWS,
  ...MATCHMAKING_MATRIX_ROWS,
  ...CARRIER_LADDER_MATRIX_ROWS,
  ...ATTRACTION_MATRIX_ROWS,
];

/** Routes outside the matrix because they are reachable before or without a full session. */
export const MATRIX_EXEMPT = new Set([
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'POST /api/auth/password',
  'POST /api/auth/mfa/verify',
  'POST /api/auth/mfa/enrolment',
  'POST /api/auth/mfa/enrolment/confirm',
]);
