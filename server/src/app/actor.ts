import type { Role, ScopeKind } from '../../../contracts/roles.ts';
import type { SessionStage } from '../../../contracts/auth.ts';

/** Who is asking: resolved from the session cookie on every request. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  role: Role | null;
  scope: { kind: ScopeKind; id: string } | null;
  stage: SessionStage;
  sessionTokenHash: string;
  csrfToken: string;
}

/** Where a request came from, for the audit log. */
export interface RequestOrigin {
  ip: string | null;
  requestId: string;
  userAgent: string | null;
}
