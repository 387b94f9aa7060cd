import type { FastifyInstance } from 'fastify';
import type { AuthService } from '../modules/auth/auth.service.ts';
import { registerAuthRoutes } from '../modules/auth/auth.routes.ts';
import { registerAuditRoutes } from '../modules/audit/audit.routes.ts';
import { registerUserAdminRoutes } from '../modules/users/user-admin.routes.ts';
import { registerSecurityRoutes } from '../modules/security/security.routes.ts';
import { registerCryptoRoutes } from '../modules/crypto/crypto.routes.ts';
import { registerEnterpriseRoutes } from '../modules/enterprises/enterprise.routes.ts';
import { registerReferenceRoutes } from '../modules/reference/reference.routes.ts';
import { registerRegistryRoutes } from '../modules/registries/registry.routes.ts';
import { registerPlanRoutes } from '../modules/plan/plan.routes.ts';
import { registerStatsRoutes } from '../modules/statistics/stats.routes.ts';
import { registerMonthlyReportRoutes } from '../modules/monthly-reports/monthly-report.routes.ts';
import { registerReportChasingRoutes } from '../modules/monthly-reports/report-chasing.routes.ts';
import { registerNotificationRoutes } from '../modules/notifications/index.ts';
import { registerAttachmentRoutes } from '../modules/attachments/index.ts';
import { registerWarningRoutes } from '../modules/warnings/index.ts';
import { registerAnalysisRoutes } from '../modules/analysis-reports/analysis-report.routes.ts';
import { registerSupervisionRoutes } from '../modules/supervision/index.ts';
import { registerChainMapRoutes } from '../modules/chain-map/index.ts';
import { registerServiceRequestRoutes } from '../modules/services-requests/index.ts';
import { registerInstrumentRoutes } from '../modules/services-instruments/index.ts';
import { registerPolicyMatchRoutes } from '../modules/services-policies/index.ts';
import type { AppDeps } from './deps.ts';

/** Every feature's routes. A feature adds one line here. */
export function registerFeatureRoutes(app: FastifyInstance, deps: AppDeps, auth: AuthService): void {
  registerAuthRoutes(app, deps, auth);
  registerUserAdminRoutes(app, deps);
  registerSecurityRoutes(app, deps);
  registerCryptoRoutes(app, deps);
  registerAuditRoutes(app, deps);
  registerReferenceRoutes(app, deps);
  registerEnterpriseRoutes(app, deps);
  registerRegistryRoutes(app, deps);
  registerPlanRoutes(app, deps);
  registerStatsRoutes(app, deps);
  registerMonthlyReportRoutes(app, deps);
  registerReportChasingRoutes(app, deps);
  registerNotificationRoutes(app, deps);
  registerAttachmentRoutes(app, deps);
  registerWarningRoutes(app, deps);
  registerAnalysisRoutes(app, deps);
  registerSupervisionRoutes(app, deps);
  registerChainMapRoutes(app, deps);
  registerServiceRequestRoutes(app, deps);
  registerInstrumentRoutes(app, deps);
  registerPolicyMatchRoutes(app, deps);
}
