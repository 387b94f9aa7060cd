import type { RegistryEntity } from './entity.ts';
import { enterprisesEntity } from './entities/enterprises.io.ts';
import { projectsEntity } from './entities/projects.io.ts';
import { carriersEntity } from './entities/carriers.io.ts';
import { platformsEntity } from './entities/platforms.io.ts';
import { expertsEntity } from './entities/experts.io.ts';
import { candidatesEntity } from './entities/candidates.io.ts';

/**
 * THE table of importable/exportable entities: `npx biomfg template|import|export ENTITY` and the routes
 * `/api/<entity>/template|import|import-reports/:id|export` are generated from it. Adding an entity (e.g.
 * `monthly-reports`) is one row here plus its RegistryEntity definition in ./entities/.
 */
export const REGISTRY_ENTITIES: readonly RegistryEntity<never>[] = [
  enterprisesEntity as RegistryEntity<never>,
  projectsEntity as RegistryEntity<never>,
  carriersEntity as RegistryEntity<never>,
  platformsEntity as RegistryEntity<never>,
  expertsEntity as RegistryEntity<never>,
  candidatesEntity as RegistryEntity<never>,
];

export function findRegistryEntity(name: string): RegistryEntity<never> | undefined {
  return REGISTRY_ENTITIES.find((e) => e.name === name);
}
