import type { FastifyInstance } from 'fastify';
import { analysisReportsFeature } from '../modules/analysis-reports/index.ts';
import { attachmentsFeature } from '../modules/attachments/index.ts';
import { attractionFeature } from '../modules/attraction/index.ts';
import { auditFeature } from '../modules/audit/index.ts';
import { authFeature } from '../modules/auth/index.ts';
import { carrierLadderFeature } from '../modules/carrier-ladder/index.ts';
import { carriersFeature } from '../modules/carriers/index.ts';
import { chainMapFeature } from '../modules/chain-map/index.ts';
import { chainsFeature } from '../modules/chains/index.ts';
import { cockpitFeature } from '../modules/cockpit/index.ts';
import { cryptoFeature } from '../modules/crypto/index.ts';
import { departmentsFeature } from '../modules/departments/index.ts';
import { enterprisesFeature } from '../modules/enterprises/index.ts';
import { expertsFeature } from '../modules/experts/index.ts';
import { jobsFeature } from '../modules/jobs/index.ts';
import { monthlyReportsFeature } from '../modules/monthly-reports/index.ts';
import { notificationsFeature } from '../modules/notifications/index.ts';
import { planFeature } from '../modules/plan/index.ts';
import { platformsFeature } from '../modules/platforms/index.ts';
import { projectsFeature } from '../modules/projects/index.ts';
import { referenceFeature } from '../modules/reference/index.ts';
import { registryIoFeature } from '../modules/registry-io/index.ts';
import { securityFeature } from '../modules/security/index.ts';
import { servicesInstrumentsFeature } from '../modules/services-instruments/index.ts';
import { servicesPoliciesFeature } from '../modules/services-policies/index.ts';
import { servicesMatchmakingFeature } from '../modules/services-matchmaking/index.ts';
import { servicesRequestsFeature } from '../modules/services-requests/index.ts';
import { servicesTechTransferFeature } from '../modules/services-techtransfer/index.ts';
import { statisticsFeature } from '../modules/statistics/index.ts';
import { supervisionFeature } from '../modules/supervision/index.ts';
import { usersFeature } from '../modules/users/index.ts';
import { warningsFeature } from '../modules/warnings/index.ts';
import type { AppDeps } from './deps.ts';
import type { FeatureHost, FeatureManifest } from './feature.ts';
import { declaredRoutes } from './route.ts';

/**
 * THE feature list: every feature's manifest (modules/<feature>/index.ts), in the order their routes are
 * registered. A feature adds one import above and one line here (docs/ARCHITECTURE.md, "Adding a feature");
 * the route table, the permission snapshot, the OpenAPI document and the job list (feature-jobs.ts) follow.
 */
export const FEATURES: readonly FeatureManifest[] = [
  authFeature,
  usersFeature,
  securityFeature,
  cryptoFeature,
  auditFeature,
  referenceFeature,
  enterprisesFeature,
  projectsFeature,
  carriersFeature,
  carrierLadderFeature,
  platformsFeature,
  expertsFeature,
  chainsFeature,
  departmentsFeature,
  registryIoFeature,
  planFeature,
  statisticsFeature,
  cockpitFeature,
  monthlyReportsFeature,
  notificationsFeature,
  attachmentsFeature,
  warningsFeature,
  analysisReportsFeature,
  supervisionFeature,
  chainMapFeature,
  attractionFeature,
  servicesRequestsFeature,
  servicesInstrumentsFeature,
  servicesPoliciesFeature,
  servicesTechTransferFeature,
  servicesMatchmakingFeature,
  jobsFeature,
];

/** Which feature declared each route (`METHOD url` → feature name), for the manifest test. */
export const routeOwners = new WeakMap<FastifyInstance, Map<string, string>>();

/** Registers every feature's routes, remembering which feature declared which route. */
export function registerFeatureRoutes(app: FastifyInstance, deps: AppDeps, host: FeatureHost, features: readonly FeatureManifest[] = FEATURES): void {
  const owners = new Map<string, string>();
  for (const feature of features) {
    const before = declaredRoutes.get(app)?.length ?? 0;
    feature.routes?.(app, deps, host);
    for (const route of (declaredRoutes.get(app) ?? []).slice(before)) owners.set(`${route.method} ${route.url}`, feature.name);
  }
  routeOwners.set(app, owners);
}
