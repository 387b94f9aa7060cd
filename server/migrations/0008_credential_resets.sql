-- Credential resets of administrator accounts (三员分立, docs/decisions/0013-three-admin-reset.md): the system
-- administrator requests, the security administrator approves, so no single administrator can take over
-- another administrator role's account. One row per request; `status` moves once from pending to a decision.
CREATE TABLE credential_resets (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id       uuid NOT NULL REFERENCES users(id),
  kind          text NOT NULL CHECK (kind IN ('password', 'mfa')),
  status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  requested_by  uuid NOT NULL REFERENCES users(id),
  requested_at  timestamptz NOT NULL DEFAULT now(),
  decided_by    uuid REFERENCES users(id),
  decided_at    timestamptz
);
CREATE INDEX credential_resets_pending_idx ON credential_resets (status, requested_at);
-- At most one pending request per account and kind: a second request while one waits is refused.
CREATE UNIQUE INDEX credential_resets_one_pending ON credential_resets (user_id, kind) WHERE status = 'pending';
