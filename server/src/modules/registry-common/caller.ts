import os from 'node:os';
import type { Actor, RequestOrigin } from '../../app/actor.ts';
import { auditActorOf, type AuditActor } from '../audit/index.ts';

/**
 * Who performs a registry operation: the actor whose scope limits it, the identity written to the audit log
 * and history, and where the request came from.
 */
export interface Caller {
  actor: Actor;
  audit: AuditActor;
  origin: RequestOrigin | null;
}

export function callerOf(actor: Actor, origin: RequestOrigin): Caller {
  return { actor, audit: auditActorOf(actor), origin };
}

/**
 * SECURITY: the console operator (`npx biomfg import|export …`, run on the server by someone who already has
 * the database files) acts with the commission's full scope. It is never available over HTTP: only the CLI
 * constructs it, and its audit identity is "console:<operating-system user>" with no user id (as for the other
 * console commands).
 */
export function consoleOperatorCaller(): Caller {
  let osUser = 'unknown';
  try {
    osUser = os.userInfo().username;
  } catch {
    // no passwd entry (containers): keep "unknown"
  }
  const actor: Actor = {
    userId: '00000000-0000-0000-0000-000000000000',
    username: 'console',
    displayName: '控制台操作员',
    role: 'commission',
    scope: null,
    stage: 'active',
    sessionTokenHash: '',
    csrfToken: '',
  };
  return { actor, audit: { userId: null, username: `console:${osUser}`, role: null }, origin: null };
}
