import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app/deps.ts';
import { registerCarrierRoutes } from '../carriers/carrier.routes.ts';
import { registerChainRoutes } from '../chains/chain.routes.ts';
import { registerDepartmentRoutes } from '../departments/department.routes.ts';
import { registerExpertRoutes } from '../experts/expert.routes.ts';
import { registerPlatformRoutes } from '../platforms/platform.routes.ts';
import { registerProjectRoutes } from '../projects/project.routes.ts';
import { registerRegistryIoRoutes } from '../registry-io/registry-io.routes.ts';

/**
 * The registries besides the enterprise routes (registered on their own in feature-routes.ts): projects,
 * carriers, platforms, experts, chains, departments, and the Excel template/import/export routes of all of them.
 */
export function registerRegistryRoutes(app: FastifyInstance, deps: AppDeps): void {
  registerProjectRoutes(app, deps);
  registerCarrierRoutes(app, deps);
  registerPlatformRoutes(app, deps);
  registerExpertRoutes(app, deps);
  registerChainRoutes(app, deps);
  registerDepartmentRoutes(app, deps);
  registerRegistryIoRoutes(app, deps);
}
