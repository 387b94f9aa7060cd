/**
 * The access layer (docs/decisions/0017-access-layer.md): one `Scope` per request and one registry of
 * per-entity, per-action rules. Features import it only through this file.
 */
export { scopeOf, managesDistrict, isBusinessScope, inIds, singleId, type Scope, type ScopeOf } from './scope.ts';
export { registerAccess, accessOf, registeredAccess, type AccessAction, type AccessDefinition, type EntityAccess, type IdSource, type ScopeRule } from './registry.ts';
