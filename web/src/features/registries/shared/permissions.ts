import type { Role } from '../../../../../contracts/roles.ts';

/**
 * Which actions the UI offers to a role (docs/decisions/0005). Only a hint for showing buttons: the server
 * decides, and answers 403/404 whatever the UI shows.
 */
const WRITERS = {
  'enterprise.write': ['commission', 'park'],
  'enterprise.delete': ['commission'],
  'enterprise.import': ['commission', 'park'],
  'project.write': ['commission', 'department'],
  'project.delete': ['commission'],
  'project.import': ['commission', 'department'],
  'carrier.write': ['commission', 'park'],
  'carrier.delete': ['commission'],
  'carrier.import': ['commission', 'park'],
  'platform.write': ['commission'],
  'expert.write': ['commission'],
  'expert.export': ['leader', 'commission'],
  'chain.write': ['commission'],
  'report.import': ['commission'],
  'personal.reveal': ['commission', 'park', 'enterprise'],
} as const satisfies Record<string, readonly Role[]>;

export type UiAction = keyof typeof WRITERS;

export function can(role: Role | null | undefined, action: UiAction): boolean {
  return !!role && (WRITERS[action] as readonly Role[]).includes(role);
}
