import type { Actor } from '../../app/actor.ts';
import { BUSINESS_ROLES } from '../../../../contracts/roles.ts';

/**
 * SECURITY INVARIANT — industry chains are reference data: every business role reads the templates and
 * nodes; only the commission edits them. What is mapped onto a node (enterprises, projects) is shown through
 * the enterprise and project scope functions, so counts and member lists never exceed what the caller may see.
 */
export function canReadChains(actor: Actor): boolean {
  return actor.role !== null && (BUSINESS_ROLES as readonly string[]).includes(actor.role);
}
export function canEditChains(actor: Actor): boolean {
  return actor.role === 'commission';
}
