-- Warnings 预警 (issue 11 §1, docs/decisions/0018-warnings.md): rules as data with a versioned parameter
-- history, warnings on a subject (kind + key), their lifecycle events and notes.

CREATE TABLE warning_rules (
  code                text PRIMARY KEY,
  -- Which pure condition evaluates the rule (server/src/domain/warnings/); a hook kind is fed by another feature.
  kind                text NOT NULL,
  subject_kind        text NOT NULL CHECK (subject_kind IN ('goal','zone','domain','chain-node','enterprise','project','report','supervision-item','enterprise-request')),
  name_zh             text NOT NULL,
  name_en             text NOT NULL,
  description_zh      text NOT NULL,
  description_en      text NOT NULL,
  -- The level a firing condition takes unless the condition names its own (e.g. yellow/red by margin).
  level               text NOT NULL CHECK (level IN ('blue','yellow','orange','red')),
  -- Who follows up: the subject zone's park, the subject's lead department, or the commission.
  owner_role          text NOT NULL CHECK (owner_role IN ('park','department','commission')),
  evaluated_by        text NOT NULL DEFAULT 'warnings' CHECK (evaluated_by IN ('warnings','hook')),
  enabled             boolean NOT NULL,
  params              jsonb NOT NULL,
  -- An open (unacknowledged) warning goes one level up after this many days.
  escalate_after_days integer NOT NULL CHECK (escalate_after_days BETWEEN 1 AND 365),
  version             integer NOT NULL DEFAULT 1,
  sort_order          integer NOT NULL DEFAULT 0,
  updated_at          timestamptz NOT NULL,
  updated_by          uuid
);

-- Every version of a rule's settings, immutable: what was in force when a warning opened.
CREATE TABLE warning_rule_versions (
  rule_code           text NOT NULL REFERENCES warning_rules (code),
  version             integer NOT NULL,
  enabled             boolean NOT NULL,
  level               text NOT NULL,
  params              jsonb NOT NULL,
  escalate_after_days integer NOT NULL,
  note                text,
  changed_at          timestamptz NOT NULL,
  changed_by          uuid,
  changed_by_name     text,
  PRIMARY KEY (rule_code, version)
);

CREATE TABLE warnings (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  rule_code        text NOT NULL REFERENCES warning_rules (code),
  rule_version     integer NOT NULL,
  subject_kind     text NOT NULL,
  subject_key      text NOT NULL,
  subject_label    text NOT NULL,
  level            text NOT NULL CHECK (level IN ('blue','yellow','orange','red')),
  status           text NOT NULL CHECK (status IN ('open','acknowledged','handling','resolved','dismissed')),
  owner_role       text NOT NULL CHECK (owner_role IN ('park','department','commission')),
  -- Where the subject sits, for scope and roll-up (null where it does not apply).
  zone_id          uuid REFERENCES zones (id),
  domain_id        uuid REFERENCES domains (id),
  department_id    uuid REFERENCES departments (id),
  enterprise_id    uuid REFERENCES enterprises (id),
  project_id       uuid REFERENCES projects (id),
  period           text,
  explanation_zh   text NOT NULL,
  explanation_en   text NOT NULL,
  facts            jsonb NOT NULL DEFAULT '{}',
  -- 0: the owner; 1: one level up (the commission); 2: the district leaders.
  escalation_level integer NOT NULL DEFAULT 0 CHECK (escalation_level BETWEEN 0 AND 2),
  escalated_at     timestamptz,
  assignee_user_id uuid REFERENCES users (id),
  opened_at        timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  evaluated_at     timestamptz NOT NULL,
  closed_at        timestamptz,
  close_reason     text,
  closed_by        uuid,
  version          integer NOT NULL DEFAULT 1
);
-- Idempotent evaluation is structural: one live (not closed) warning per rule and subject.
CREATE UNIQUE INDEX warnings_one_live_per_subject ON warnings (rule_code, subject_kind, subject_key)
  WHERE status IN ('open','acknowledged','handling');
CREATE INDEX warnings_status_idx ON warnings (status, level);
CREATE INDEX warnings_zone_idx ON warnings (zone_id);
CREATE INDEX warnings_enterprise_idx ON warnings (enterprise_id);
CREATE INDEX warnings_project_idx ON warnings (project_id);

-- Lifecycle events and notes, append-only.
CREATE TABLE warning_events (
  id            bigserial PRIMARY KEY,
  warning_id    uuid NOT NULL REFERENCES warnings (id),
  kind          text NOT NULL CHECK (kind IN ('opened','updated','acknowledged','handling','note','resolved','dismissed','auto-closed','escalated')),
  from_status   text,
  to_status     text,
  note          text,
  details       jsonb,
  actor_user_id uuid,
  actor_name    text,
  at            timestamptz NOT NULL
);
CREATE INDEX warning_events_warning_idx ON warning_events (warning_id, id);
