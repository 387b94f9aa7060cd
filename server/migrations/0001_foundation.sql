-- Foundation: reference data, enterprises (core columns), accounts, sessions, throttling, settings, audit.
-- Applied identically on the embedded database (PGlite) and on PostgreSQL 15+.
-- Money is NUMERIC (exact); never floating point.

CREATE TABLE departments (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code          text NOT NULL UNIQUE,
  name_zh       text NOT NULL,
  name_en       text NOT NULL,
  short_name_zh text,
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE domains (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code       text NOT NULL UNIQUE,
  name_zh    text NOT NULL,
  name_en    text NOT NULL,
  sort_order integer NOT NULL DEFAULT 0
);

CREATE TABLE domain_subfields (
  id        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  domain_id uuid NOT NULL REFERENCES domains(id),
  name_zh   text NOT NULL,
  name_en   text,
  UNIQUE (domain_id, name_zh)
);

CREATE TABLE zones (
  id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code       text NOT NULL UNIQUE,
  name_zh    text NOT NULL,
  name_en    text NOT NULL,
  base_zh    text NOT NULL,
  lon        numeric(9,6),
  lat        numeric(9,6),
  sort_order integer NOT NULL DEFAULT 0
);

CREATE TABLE carriers (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code          text NOT NULL UNIQUE,
  zone_id       uuid REFERENCES zones(id),
  name_zh       text NOT NULL,
  carrier_type  text NOT NULL CHECK (carrier_type IN ('incubator','accelerator','industrial-park','public-platform')),
  total_area_m2 numeric(14,2)
);

CREATE TABLE enterprises (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  uscc             char(18) NOT NULL UNIQUE,
  name             text NOT NULL,
  domain_id        uuid REFERENCES domains(id),
  subfield         text,
  zone_id          uuid REFERENCES zones(id),
  carrier_id       uuid REFERENCES carriers(id),
  stage            text NOT NULL DEFAULT 'incubating' CHECK (stage IN ('incubating','accelerating','industrialized')),
  is_above_scale   boolean NOT NULL DEFAULT false,
  is_manufacturing boolean NOT NULL DEFAULT true,
  tags             text[] NOT NULL DEFAULT '{}',
  founded_on       date,
  status           text NOT NULL DEFAULT 'active' CHECK (status IN ('active','closed','moved-away')),
  exited_on        date,
  contact_name     text,
  contact_phone    text,
  is_demo          boolean NOT NULL DEFAULT false,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  deleted_at       timestamptz
);
CREATE INDEX enterprises_zone_idx ON enterprises (zone_id);
CREATE INDEX enterprises_domain_idx ON enterprises (domain_id);

CREATE TABLE users (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username             text NOT NULL,
  display_name         text NOT NULL,
  -- One role per account: 三员分立 holds by construction (no account can be two administrators).
  role                 text CHECK (role IN ('leader','commission','department','park','enterprise','expert','sysadmin','secadmin','auditor')),
  scope_kind           text CHECK (scope_kind IN ('department','zone','enterprise')),
  scope_id             uuid,
  status               text NOT NULL DEFAULT 'active' CHECK (status IN ('active','disabled')),
  password_hash        text NOT NULL,
  password_changed_at  timestamptz NOT NULL DEFAULT now(),
  must_change_password boolean NOT NULL DEFAULT true,
  mfa_secret           text,
  mfa_enabled          boolean NOT NULL DEFAULT false,
  mfa_last_step        bigint,
  is_demo              boolean NOT NULL DEFAULT false,
  last_login_at        timestamptz,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CHECK ((scope_kind IS NULL) = (scope_id IS NULL))
);
CREATE UNIQUE INDEX users_username_lower_idx ON users (lower(username));

CREATE TABLE password_history (
  id            bigserial PRIMARY KEY,
  user_id       uuid NOT NULL REFERENCES users(id),
  password_hash text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX password_history_user_idx ON password_history (user_id, created_at DESC);

CREATE TABLE recovery_codes (
  id        bigserial PRIMARY KEY,
  user_id   uuid NOT NULL REFERENCES users(id),
  code_hash text NOT NULL,
  used_at   timestamptz
);
CREATE INDEX recovery_codes_user_idx ON recovery_codes (user_id);

-- Server-side sessions. Only the SHA-256 of the cookie token is stored, so a leaked table cannot be replayed.
CREATE TABLE sessions (
  token_hash   text PRIMARY KEY,
  user_id      uuid NOT NULL REFERENCES users(id),
  stage        text NOT NULL CHECK (stage IN ('mfa','mfa-enrol','password-change','active')),
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  ip           text,
  user_agent   text,
  ended_at     timestamptz,
  end_reason   text
);
CREATE INDEX sessions_user_idx ON sessions (user_id) WHERE ended_at IS NULL;

-- Failed-login counters per account name and per client IP. Keyed by the submitted username (lower-cased)
-- whether or not the account exists, so a lockout message never tells whether a username exists.
CREATE TABLE auth_throttle (
  key              text PRIMARY KEY,
  failures         integer NOT NULL DEFAULT 0,
  first_failure_at timestamptz,
  locked_until     timestamptz
);

CREATE TABLE security_settings (
  id         integer PRIMARY KEY CHECK (id = 1),
  settings   jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid
);

-- Append-only, hash-chained audit log (docs/decisions/0004-audit-chain.md).
CREATE TABLE audit_log (
  seq           bigint PRIMARY KEY,
  at            timestamptz NOT NULL,
  actor_user_id uuid,
  actor_username text,
  actor_role    text,
  ip            text,
  request_id    text,
  action        text NOT NULL,
  object_type   text,
  object_id     text,
  outcome       text NOT NULL CHECK (outcome IN ('success','failure','denied')),
  before        jsonb,
  after         jsonb,
  details       jsonb,
  prev_hash     text NOT NULL,
  hash          text NOT NULL
);
CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_actor_idx ON audit_log (lower(actor_username));
CREATE INDEX audit_log_action_idx ON audit_log (action);
CREATE INDEX audit_log_object_idx ON audit_log (object_type, object_id);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
