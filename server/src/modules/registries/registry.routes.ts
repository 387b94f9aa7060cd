import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../app/deps.ts';
import { registerCarrierRoutes } from '../carriers/index.ts';
import { registerChainRoutes } from '../chains/index.ts';
import { registerDepartmentRoutes } from '../departments/index.ts';
import { registerExpertRoutes } from '../experts/index.ts';
import { registerPlatformRoutes } from '../platforms/index.ts';
import { registerProjectRoutes } from '../projects/index.ts';
import { registerRegistryIoRoutes } from '../registry-io/index.ts';

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
