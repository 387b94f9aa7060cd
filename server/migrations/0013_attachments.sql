-- Attachments (issue 10 §5, docs/decisions/0011-notifications-and-attachments.md): evidence files stored once
-- per content (SHA-256) in the database, so backups, restores and both engines carry them with no second
-- store to keep in step; each attachment row ties a stored file to its owning object (owner_kind, owner_id),
-- whose scope decides who may list and download it.
CREATE TABLE attachment_blobs (
  sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size integer NOT NULL CHECK (size > 0),
  content bytea NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE attachments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_kind text NOT NULL,
  owner_id uuid NOT NULL,
  sha256 text NOT NULL REFERENCES attachment_blobs (sha256),
  file_name text NOT NULL,
  media_type text NOT NULL,
  size integer NOT NULL,
  uploaded_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL,
  deleted_at timestamptz
);
CREATE INDEX attachments_owner_idx ON attachments (owner_kind, owner_id, created_at) WHERE deleted_at IS NULL;
CREATE INDEX attachments_sha256_idx ON attachments (sha256);
