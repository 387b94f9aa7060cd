-- Notifications (issue 10 §4, docs/decisions/0011-notifications-and-attachments.md): an inbox per user.
-- De-duplication is structural: one row per (user, kind, object, day), so a reminder sent again for the same
-- object on the same (Shanghai) day is an INSERT … ON CONFLICT DO NOTHING that adds nothing and mails nothing.
CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id),
  kind text NOT NULL,
  object_kind text NOT NULL,
  object_id text NOT NULL,
  day date NOT NULL,
  title_zh text NOT NULL,
  title_en text NOT NULL,
  body_zh text NOT NULL,
  body_en text NOT NULL,
  -- A path inside the web app (starts with "/"), or null.
  link text CHECK (link IS NULL OR link LIKE '/%'),
  created_at timestamptz NOT NULL,
  read_at timestamptz,
  -- E-mail copy: null when the user wants the inbox only (or no mail server is configured).
  email_status text CHECK (email_status IN ('sent', 'failed')),
  email_error text,
  CONSTRAINT notifications_once_per_day_key UNIQUE (user_id, kind, object_kind, object_id, day)
);
CREATE INDEX notifications_user_created_idx ON notifications (user_id, created_at DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;

-- Per user and kind: 'inbox' (default) or 'inbox+email'.
CREATE TABLE notification_preferences (
  user_id uuid NOT NULL REFERENCES users (id),
  kind text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('inbox', 'inbox+email')),
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, kind)
);

-- Where a user's e-mail copies go (accounts carry no address of their own).
CREATE TABLE notification_addresses (
  user_id uuid PRIMARY KEY REFERENCES users (id),
  email text NOT NULL,
  updated_at timestamptz NOT NULL
);
