import type { FastifyInstance } from 'fastify';
import { AUDIT_ACTIONS, type AuditAction } from '../../../contracts/audit-actions.ts';
import type { NavKey } from '../../../contracts/navigation.ts';
import { PERMISSIONS, type Permission } from '../../../contracts/permissions.ts';
import type { AuthService } from '../modules/auth/index.ts';
import type { JobDefinition, Scheduler } from '../modules/jobs/index.ts';
import type { AppDeps } from './deps.ts';

/** What the app hands a feature's route registrar besides its dependencies. */
export interface FeatureHost {
  auth: AuthService;
  scheduler: Scheduler;
}

/**
 * A feature's manifest: everything the app wires in for it, exported by `modules/<feature>/index.ts` and
 * listed once in `app/feature-routes.ts`. The route table (and with it the permission snapshot and the OpenAPI
 * document) and the job list are built from the manifests; `feature-manifests.test.ts` checks that every
 * permission, menu entry and audit action of the contracts belongs to exactly one manifest and that each
 * route's permission is one its feature declares or another feature owns.
 */
export interface FeatureManifest {
  /** The feature's folder name under server/src/modules/. */
  name: string;
  routes?: (app: FastifyInstance, deps: AppDeps, host: FeatureHost) => void;
  /** The permissions this feature introduces (contracts/permissions.ts). */
  permissions?: readonly Permission[];
  jobs?: readonly JobDefinition[];
  /** The audit action codes this feature writes (contracts/audit-actions.ts). */
  auditActions?: readonly AuditAction[];
  /** Its menu entries (contracts/navigation.ts). */
  navigation?: readonly NavKey[];
}

/** Identity, for the type check at the declaration. */
export function defineFeature(manifest: FeatureManifest): FeatureManifest {
  return manifest;
}

/** The permissions of contracts/permissions.ts named `<prefix>.…`, for a manifest's `permissions`. */
export function permissionsNamed(...prefixes: string[]): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => prefixes.some((prefix) => p.startsWith(`${prefix}.`)));
}

/** The audit actions of contracts/audit-actions.ts named `<prefix>.…`, for a manifest's `auditActions`. */
export function auditActionsNamed(...prefixes: string[]): AuditAction[] {
  return AUDIT_ACTIONS.filter((a) => prefixes.some((prefix) => a.startsWith(`${prefix}.`)));
}
